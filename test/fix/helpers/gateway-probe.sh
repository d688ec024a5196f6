#!/usr/bin/env bash
# Runs inside a fresh network namespace (unshare -n): only loopback exists, so the gateway's channel
# plugins cannot reach the internet. Starts the real gateway on the fixed deployment (it reads the
# token from <state dir>/.env by itself), then reports what a client sees, one key=value per line.
# Env: OPENCLAW_STATE_DIR, HOME, PATH (node 24 + openclaw), PORT, CHECK_TOKEN (expected token), LOG.
set -u
ip link set lo up
setsid openclaw gateway run --port "$PORT" >"$LOG" 2>&1 &
gw=$!
code=000
for _ in $(seq 1 300); do
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)
  [ "$code" = 200 ] && break
  kill -0 "$gw" 2>/dev/null || break
  sleep 1
done
echo "health=$code"
echo "listen=$(ss -Hltn "sport = :$PORT" | awk '{print $4}' | sort | tr '\n' ' ')"
invoke() {
  curl -s --max-time 60 -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' "$@" \
    -d '{"tool":"session_status","args":{}}' "http://127.0.0.1:$PORT/tools/invoke" || true
}
echo "noauth=$(invoke)"
echo "auth=$(invoke -H "Authorization: Bearer $CHECK_TOKEN")"
echo "wrong=$(invoke -H "Authorization: Bearer not-the-token-0123456789abcdefghijklmnop")"
kill -TERM -- "-$gw" 2>/dev/null
for _ in $(seq 1 20); do kill -0 "$gw" 2>/dev/null || break; sleep 0.5; done
kill -KILL -- "-$gw" 2>/dev/null
exit 0
