#!/usr/bin/env bash
# Everything the whole test suite needs beyond `npm install`: Debian packages and the real OpenClaw.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
debs=(sqlite3 iproute2 nftables iptables)
# Live-audit tests: a real Podman serving the Docker-compatible API, busybox rootfs for an offline image.
debs+=(podman runc conmon containernetworking-plugins busybox-static)
# Watch sinks: real receivers on loopback (rsyslog parses RFC 5424, Prometheus scrapes /metrics).
debs+=(rsyslog rsyslog-gnutls openssl prometheus)
# Reports: JUnit XML validated with xmllint against the Jenkins schema; the HTML report rendered in headless Chromium.
debs+=(libxml2-utils chromium)
missing=()
for pkg in "${debs[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
bash "$root/scripts/install-openclaw.sh" >/dev/null
# The pack-install test installs the packed clawwarden into an empty project with `npm install --offline` (tests
# talk to no registry): resolve and download its runtime dependencies into npm's cache here, once.
deps_dir="$(mktemp -d)"
trap 'rm -rf "$deps_dir"' EXIT
node -e 'const p=require(process.argv[1]);process.stdout.write(JSON.stringify({name:"cw-deps-warmup",private:true,dependencies:p.dependencies}))' \
  "$root/package.json" >"$deps_dir/package.json"
(cd "$deps_dir" && npm install --ignore-scripts --no-audit --no-fund --silent >&2)
