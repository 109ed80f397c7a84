#!/usr/bin/env bash
# How long a restarted node takes to be a cluster member and ready again (issue 17, item 5).
#   bash bench/rejoin.sh            (after mvn -B package; needs PostgreSQL and Redis on 127.0.0.1)
#
# Two nodes of the jar share this machine's PostgreSQL and Redis, as scripts/local-cluster.sh runs
# them. Node 2 is killed (SIGKILL: no goodbye to the cluster, the worst case) and started again on
# the same ports; the time is from the restart to the moment its /health answers 200 with the
# cluster check UP and 2 members. ROUNDS restarts (3). A measurement, not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/products-api.jar
[ -f "$JAR" ] || { echo "rejoin: build the jar first (mvn -B package -DskipTests)" >&2; exit 1; }
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/products_cluster}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d)
java -cp "$JAR" scripts/EnsureDatabase.java "$DATABASE_URL" >/dev/null
secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
http=(18281 18282)
hz=(15801 15802)
members="127.0.0.1:${hz[0]},127.0.0.1:${hz[1]}"
pids=(0 0)

start_node() {
  local i=$1
  env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" JWT_SECRET="$secret" \
    HTTP_HOST=127.0.0.1 HTTP_PORT="${http[$i]}" HTTP_INSTANCES=1 MANAGEMENT_PORT=0 \
    DATA_DIR="$work/data" CLUSTER_ENABLED=true CLUSTER_HOST=127.0.0.1 CLUSTER_PORT="${hz[$i]}" \
    CLUSTER_EVENTBUS_PORT=0 CLUSTER_MEMBERS="$members" \
    java -Xmx512m -jar "$JAR" >> "$work/node-$((i + 1)).log" 2>&1 &
  pids[$i]=$!
}

# Seconds (with milliseconds) until node i's readiness is UP with two members.
wait_member() {
  local i=$1 start=$2
  for _ in $(seq 1 1200); do
    body=$(curl -s "http://127.0.0.1:${http[$i]}/health" || true)
    ready=$(echo "$body" | jq -r '.status == "UP" and ([.checks[]? | select(.id == "cluster") | .data.members][0] == 2)' 2>/dev/null || true)
    if [ "$ready" = "true" ]; then
      [ -n "${DEBUG:-}" ] && echo "$body" >&2
      echo "scale=2; ($(date +%s%N) - $start) / 1000000000" | bc
      return 0
    fi
    sleep 0.1
  done
  echo "never"
}

trap 'kill -9 "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
start_node 0
start_node 1
wait_member 0 "$(date +%s%N)" >/dev/null
wait_member 1 "$(date +%s%N)" >/dev/null
echo "== two nodes up"
for round in $(seq 1 "$ROUNDS"); do
  kill -9 "${pids[1]}"
  wait "${pids[1]}" 2>/dev/null || true
  # The old process is gone once its port refuses: only then is a 200 the new one's.
  while curl -s -o /dev/null "http://127.0.0.1:${http[1]}/healthz/live"; do sleep 0.05; done
  start=$(date +%s%N)
  start_node 1
  echo "restart $round: member and ready after $(wait_member 1 "$start") s"
done
