#!/usr/bin/env bash
# Starts the built jar on its own (embedded PostgreSQL and Redis in a temporary directory),
# runs the real-browser check of /docs against it, and stops it.
#   bash e2e/run.sh            (after `mvn -B verify` or `mvn package`)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (Debian package)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
fi
npm install --silent --no-audit --no-fund >/dev/null 2>&1

work="$(mktemp -d)"
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
HTTP_PORT=$port DATA_DIR="$work/data" java -jar ../target/products-api.jar >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
node docs-authorize.mjs "http://localhost:$port"
