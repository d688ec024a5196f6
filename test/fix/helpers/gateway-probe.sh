#!/usr/bin/env bash
# Runs inside a fresh network namespace (unshare -n): only loopback exists, so the gateway's channel
# plugins cannot reach the internet. Starts the real gateway on the fixed deployment (it reads the
# token from <state dir>/.env by itself), then reports what a client sees, one key=value per line.
# Env: OPENCLAW_STATE_DIR, HOME, PATH (node 24 + openclaw), PORT, CHECK_TOKEN (expected token), LOG.
set -u
ip link set lo up
setsid openclaw gateway run --port "$PORT" >"$LOG" 2>&1 &
gw=$!
# HTTP status of METHOD URL [TOKEN] with node's fetch (no curl needed); 000 when nothing answers.
status() {
  node -e '
    const [method, url, token] = process.argv.slice(1);
    const headers = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const body = method === "POST" ? JSON.stringify({ tool: "session_status", args: {} }) : undefined;
    fetch(url, { method, headers, body, signal: AbortSignal.timeout(60000) })
      .then((r) => console.log(r.status), () => console.log("000"));
  ' "$@"
}
code=000
for _ in $(seq 1 300); do
  code=$(status GET "http://127.0.0.1:$PORT/health")
  [ "$code" = 200 ] && break
  kill -0 "$gw" 2>/dev/null || break
  sleep 1
done
echo "health=$code"
echo "listen=$(ss -Hltn "sport = :$PORT" | awk '{print $4}' | sort | tr '\n' ' ')"
echo "noauth=$(status POST "http://127.0.0.1:$PORT/tools/invoke")"
echo "auth=$(status POST "http://127.0.0.1:$PORT/tools/invoke" "$CHECK_TOKEN")"
echo "wrong=$(status POST "http://127.0.0.1:$PORT/tools/invoke" "not-the-token-0123456789abcdefghijklmnop")"
kill -TERM -- "-$gw" 2>/dev/null
for _ in $(seq 1 20); do kill -0 "$gw" 2>/dev/null || break; sleep 0.5; done
kill -KILL -- "-$gw" 2>/dev/null
exit 0
