#!/usr/bin/env bash
# Three clustered nodes of the service on this machine, without Docker, in one command:
#   bash scripts/local-cluster.sh        (or: make cluster)
#
# Prerequisites: a JDK 17 (and Maven, if target/products-api.jar is not built yet), a PostgreSQL
# server and a Redis server that the three nodes share. By default those are this machine's:
# PostgreSQL on 127.0.0.1:5432 as user postgres (password-less, or give one in DATABASE_URL) and
# Redis on 127.0.0.1:6379. psql is not needed: the database (products_cluster by default) is created
# when missing through the JDBC driver inside the jar (scripts/EnsureDatabase.java).
#
# Why not the embedded servers: a node without DATABASE_URL starts a PostgreSQL of its own, so three
# nodes would hold three databases (or fight over one data directory), and nothing could be shared
# through them; the cluster is meant to share one PostgreSQL and one Redis as a deployment does.
#
# Nodes answer on http://127.0.0.1:8081, :8082, :8083 and form one Vert.x cluster (Hazelcast on
# 127.0.0.1:5701-5703, TCP/IP members, no multicast). They share one database, one Redis, one
# DATA_DIR (exports) and one token-signing key, so a token from one node works on the others.
# Environment:
#   DATABASE_URL  default postgresql://postgres@127.0.0.1:5432/products_cluster (created if missing)
#   REDIS_URL     default redis://127.0.0.1:6379
#   NODE_PORTS    default "8081 8082 8083" (the nodes' HTTP ports)
#   CLUSTER_PORTS default "5701 5702 5703" (the nodes' Hazelcast ports)
#   JWT_SECRET    default a random key made on the first run and kept in .local-cluster/jwt-secret
#   START_TIMEOUT default 120 (seconds to wait for each node's /healthz/live)
# Other settings (ADMIN_EMAIL, LOG_LEVEL, ...) pass through from the environment.
# Logs go to .local-cluster/node-N.log, exports to .local-cluster/data. Ctrl-C (or SIGTERM to this
# script) stops all three; so does any node stopping by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/products-api.jar
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/products_cluster}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
read -r -a PORTS <<< "${NODE_PORTS:-8081 8082 8083}"
read -r -a HZ_PORTS <<< "${CLUSTER_PORTS:-5701 5702 5703}"
START_TIMEOUT=${START_TIMEOUT:-120}
WORK="$PWD/.local-cluster"

# The first argument is the reason, each further one a line of advice.
fail() {
  echo "local-cluster: $1" >&2
  shift
  for line in "$@"; do
    echo "  $line" >&2
  done
  exit 1
}

if (( ${#PORTS[@]} != 3 )); then
  fail "NODE_PORTS must name three ports, got '${NODE_PORTS:-}'"
fi
if (( ${#HZ_PORTS[@]} != 3 )); then
  fail "CLUSTER_PORTS must name three ports, got '${CLUSTER_PORTS:-}'"
fi
MEMBERS="127.0.0.1:${HZ_PORTS[0]},127.0.0.1:${HZ_PORTS[1]},127.0.0.1:${HZ_PORTS[2]}"
if [[ ! -f "$JAR" ]]; then
  echo "== building $JAR"
  mvn -B -q package -DskipTests
fi
mkdir -p "$WORK/data"

# host:port of a redis:// or rediss:// URL (user info, path and query stripped).
redis_address() {
  local rest=${1#*://}
  rest=${rest%%/*}
  rest=${rest%%\?*}
  rest=${rest##*@}
  [[ $rest == *:* ]] || rest="$rest:6379"
  echo "$rest"
}

echo "== PostgreSQL: ensuring the database of $(sed -E 's#//([^:@/]*):[^@/]*@#//\1:***@#' <<< "$DATABASE_URL")"
if ! java -cp "$JAR" scripts/EnsureDatabase.java "$DATABASE_URL"; then
  fail "PostgreSQL is not usable (above). Start it, or point DATABASE_URL at one:" \
    "DATABASE_URL=postgresql://user:password@host:5432/products_cluster bash scripts/local-cluster.sh"
fi
redis=$(redis_address "$REDIS_URL")
# A bare TCP connect (bash's /dev/tcp) is enough to tell "nothing listens there" from the rest.
if ! (exec 3<>"/dev/tcp/${redis%:*}/${redis##*:}") 2>/dev/null; then
  fail "Redis is not reachable at $redis. Start it, or point REDIS_URL at one:" \
    "REDIS_URL=redis://:password@host:6379 bash scripts/local-cluster.sh"
fi
echo "== Redis: $redis answers"

# Every node must sign and check tokens with the same key. It is made once and kept with the
# cluster's files, so tokens also outlive a restart of the cluster. Development only.
if [[ -z "${JWT_SECRET:-}" ]]; then
  if [[ ! -s "$WORK/jwt-secret" ]]; then
    (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$WORK/jwt-secret")
  fi
  JWT_SECRET=$(cat "$WORK/jwt-secret")
  echo "== JWT_SECRET: shared by the three nodes, from $WORK/jwt-secret"
fi

pids=()
# Ctrl-C also ends a `| tee` this prints into; writing to it then must not end this script (SIGPIPE)
# before the nodes are stopped, so the nodes go first and a failed write is let pass.
say() { echo "$@" 2>/dev/null || true; }
stop() {
  trap - EXIT INT TERM
  trap '' PIPE
  if (( ${#pids[@]} > 0 )); then
    kill "${pids[@]}" 2>/dev/null || true
    say "== stopping the nodes (SIGTERM: each drains and leaves the cluster)"
    wait "${pids[@]}" 2>/dev/null || true
    say "== stopped"
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# Why node N stopped: the service's one-line reason ("Start failed: ..." or a configuration error),
# whole, rather than the end of a stack trace; the end of the log when there is no such line.
report_failure() {
  local n=$1 log="$WORK/node-$1.log" reason
  reason=$(grep -E 'Start failed|Configuration error' "$log" || true)
  if [[ -n "$reason" ]]; then
    echo "$reason" >&2
  else
    tail -n 20 "$log" >&2
  fi
  echo "(whole log: $log)" >&2
}

for i in 0 1 2; do
  n=$((i + 1))
  # MANAGEMENT_PORT=0 keeps /metrics on each node's own HTTP port (a value from .env would make
  # the three nodes fight over one port).
  env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" JWT_SECRET="$JWT_SECRET" \
    HTTP_HOST=127.0.0.1 HTTP_PORT="${PORTS[$i]}" HTTP_INSTANCES=1 MANAGEMENT_PORT=0 DATA_DIR="$WORK/data" \
    CLUSTER_ENABLED=true CLUSTER_HOST=127.0.0.1 CLUSTER_PORT="${HZ_PORTS[$i]}" CLUSTER_EVENTBUS_PORT=0 \
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
      echo "node $n (HTTP ${PORTS[$i]}, Hazelcast ${HZ_PORTS[$i]}) stopped while starting:" >&2
      report_failure "$n"
      exit 1
    fi
    if (( waited >= START_TIMEOUT )); then
      echo "node $n did not answer /healthz/live within ${START_TIMEOUT} s; the end of its log:" >&2
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
# Polled rather than `wait -n`, which the bash 3.2 of macOS lacks.
while true; do
  for i in 0 1 2; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "node $((i + 1)) (HTTP ${PORTS[$i]}, Hazelcast ${HZ_PORTS[$i]}) stopped by itself:" >&2
      report_failure $((i + 1))
      exit 1
    fi
  done
  sleep 1
done
