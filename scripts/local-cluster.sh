#!/usr/bin/env bash
# Three clustered nodes of the service on this machine, in one command:
#   bash scripts/local-cluster.sh
# Nodes answer on http://127.0.0.1:8081, :8082, :8083 (NODE_PORTS to change), form one Vert.x
# cluster (Hazelcast on 5701-5703) and share one PostgreSQL and one Redis:
#   DATABASE_URL  default postgresql://postgres@127.0.0.1:5432/postgres
#   REDIS_URL     default redis://127.0.0.1:6379
# Logs go to .local-cluster/node-N.log; exports to .local-cluster/data. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/products-api.jar
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
read -r -a PORTS <<< "${NODE_PORTS:-8081 8082 8083}"
WORK=.local-cluster
MEMBERS="127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703"
# Dev only: every node must sign and check tokens with the same key.
JWT_SECRET=${JWT_SECRET:-local-cluster-dev-secret-0123456789-abcdefgh}

if [[ ! -f "$JAR" ]]; then
  echo "== building $JAR"
  mvn -B -q package -DskipTests
fi
mkdir -p "$WORK/data"

pids=()
stop() {
  echo "== stopping"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

for i in 0 1 2; do
  n=$((i + 1))
  env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" JWT_SECRET="$JWT_SECRET" \
    HTTP_HOST=127.0.0.1 HTTP_PORT="${PORTS[$i]}" HTTP_INSTANCES=1 DATA_DIR="$WORK/data" \
    CLUSTER_ENABLED=true CLUSTER_HOST=127.0.0.1 CLUSTER_PORT=$((5700 + n)) CLUSTER_MEMBERS="$MEMBERS" \
    java -Xmx512m -jar "$JAR" > "$WORK/node-$n.log" 2>&1 &
  pids+=($!)
done

for i in 0 1 2; do
  until curl -fsS "http://127.0.0.1:${PORTS[$i]}/healthz/live" > /dev/null 2>&1; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "node $((i + 1)) stopped; see $WORK/node-$((i + 1)).log" >&2
      exit 1
    fi
    sleep 1
  done
done

echo "== three nodes, one cluster:"
for i in 0 1 2; do
  echo "   http://127.0.0.1:${PORTS[$i]}  (docs: /docs, readiness with the member count: /health)"
done
echo "== Ctrl-C stops them"
wait
