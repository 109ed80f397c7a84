#!/usr/bin/env bash
# Three clustered nodes of the service on this machine, without Docker, in one command:
#   bash scripts/local-cluster.sh
# Nodes answer on http://127.0.0.1:8081, :8082, :8083 and form one Vert.x cluster (Hazelcast on
# 127.0.0.1:5701-5703, TCP/IP members, no multicast). They share one PostgreSQL, one Redis, one
# DATA_DIR (exports) and one token-signing key. Environment:
#   DATABASE_URL  default postgresql://postgres@127.0.0.1:5432/postgres
#   REDIS_URL     default redis://127.0.0.1:6379
#   NODE_PORTS    default "8081 8082 8083" (the nodes' HTTP ports)
#   JWT_SECRET    default a fixed development-only key, shared by the three nodes
#   START_TIMEOUT default 120 (seconds to wait for each node's /healthz/live)
# Other settings (ADMIN_EMAIL, LOG_LEVEL, ...) pass through from the environment.
# The jar is built first if target/products-api.jar is missing. Logs go to
# .local-cluster/node-N.log, exports to .local-cluster/data. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/products-api.jar
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
read -r -a PORTS <<< "${NODE_PORTS:-8081 8082 8083}"
START_TIMEOUT=${START_TIMEOUT:-120}
WORK="$PWD/.local-cluster"
MEMBERS="127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703"
# Development only, never for a deployment: every node must sign and check tokens with the same key.
JWT_SECRET=${JWT_SECRET:-local-cluster-dev-only-secret-0123456789-abcdefgh}

if (( ${#PORTS[@]} != 3 )); then
  echo "NODE_PORTS must name three ports, got '${NODE_PORTS:-}'" >&2
  exit 2
fi
if [[ ! -f "$JAR" ]]; then
  echo "== building $JAR"
  mvn -B -q package -DskipTests
fi
mkdir -p "$WORK/data"

pids=()
stop() {
  trap - EXIT INT TERM
  if (( ${#pids[@]} > 0 )); then
    echo "== stopping the nodes (SIGTERM: each drains and leaves the cluster)"
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

for i in 0 1 2; do
  n=$((i + 1))
  # MANAGEMENT_PORT=0 keeps /metrics on each node's own HTTP port (a value from .env would make
  # the three nodes fight over one port).
  env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" JWT_SECRET="$JWT_SECRET" \
    HTTP_HOST=127.0.0.1 HTTP_PORT="${PORTS[$i]}" HTTP_INSTANCES=1 MANAGEMENT_PORT=0 DATA_DIR="$WORK/data" \
    CLUSTER_ENABLED=true CLUSTER_HOST=127.0.0.1 CLUSTER_PORT=$((5700 + n)) CLUSTER_EVENTBUS_PORT=0 \
    CLUSTER_MEMBERS="$MEMBERS" \
    java -Xmx512m -jar "$JAR" > "$WORK/node-$n.log" 2>&1 &
  pids+=($!)
  echo "== node $n: pid ${pids[$i]}, http://127.0.0.1:${PORTS[$i]}, log $WORK/node-$n.log"
done

for i in 0 1 2; do
  n=$((i + 1))
  waited=0
  until curl -fsS -o /dev/null "http://127.0.0.1:${PORTS[$i]}/healthz/live" 2>/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "node $n stopped while starting; the end of $WORK/node-$n.log:" >&2
      tail -n 20 "$WORK/node-$n.log" >&2
      exit 1
    fi
    if (( waited >= START_TIMEOUT )); then
      echo "node $n did not answer /healthz/live within ${START_TIMEOUT} s; the end of $WORK/node-$n.log:" >&2
      tail -n 20 "$WORK/node-$n.log" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
done

echo "== three nodes, one cluster:"
for i in 0 1 2; do
  echo "   http://127.0.0.1:${PORTS[$i]}   docs /docs, live updates ws://127.0.0.1:${PORTS[$i]}/ws/products, readiness with the member count /health"
done
echo "== Ctrl-C stops them"
wait
