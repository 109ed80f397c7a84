#!/usr/bin/env bash
# The benchmark: starts the jar against PostgreSQL and Redis (this machine's on 127.0.0.1 when
# they answer, else the embedded ones), seeds 10,000 products, warms up, drives each scenario
# with wrk for a fixed time, checks a long write burst for lost or unseen rows, prints one
# table and records it in bench/RESULTS.md.
#
#   bash bench/run.sh                 # DURATION=15s WARMUP=10s CONNECTIONS=64 THREADS=2
#   DURATION=30s bash bench/run.sh
#   RECORD=no bash bench/run.sh       # print only, do not touch RESULTS.md
#
# The load generator and the service share this machine's cores; the table says how many.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
LOSS_DURATION=${LOSS_DURATION:-30s} # whole seconds
LOSS_CONNECTIONS=${LOSS_CONNECTIONS:-256}
SEED=10000
RECORD=${RECORD:-yes}
# A small, fixed heap: the RSS target (350 MB) is for the whole process, and with a default heap
# (a quarter of RAM) the JVM simply keeps what Argon2id's 19 MiB per login leaves behind.
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx192m -XX:ReservedCodeCacheSize=64m -Xss512k}

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk (Debian package)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
fi
if ! command -v psql >/dev/null 2>&1; then
  echo "== installing psql (Debian package postgresql-client)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client) >/dev/null
fi
[ -f target/products-api.jar ] || mvn -B -q package -DskipTests

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

work="$(mktemp -d)"
port=18090
while answers $port; do port=$((port + 1)); done
base="http://127.0.0.1:$port"

env_args=(HTTP_PORT=$port DATA_DIR="$work/data" LOG_LEVEL="${LOG_LEVEL:-INFO}"
  RATE_LIMIT_PER_IP=0 RATE_LIMIT_LOGIN_PER_ACCOUNT=0 RATE_LIMIT_LOGIN_PER_IP=0
  JWT_SECRET="bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
if answers 5432; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS products_bench WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE products_bench" >/dev/null
  database_url="postgresql://postgres@127.0.0.1:5432/products_bench"
  env_args+=(DATABASE_URL="$database_url")
  database="PostgreSQL on 127.0.0.1:5432"
else
  database="embedded PostgreSQL"
fi
if answers 6379; then
  env_args+=(REDIS_URL="redis://127.0.0.1:6379/0" REDIS_KEY_PREFIX="bench-$(date +%s):")
  redis="Redis on 127.0.0.1:6379"
else
  redis="embedded Redis"
fi

started=$(date +%s%N)
# shellcheck disable=SC2086
env "${env_args[@]}" java $JAVA_OPTS -jar target/products-api.jar >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs "$base/health" >/dev/null 2>&1; do
  kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.02
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
if [ -z "${database_url:-}" ]; then
  database_url=$(grep -o 'embedded PostgreSQL at postgresql://[^ ]*' "$work/app.log" | head -1 | sed 's/embedded PostgreSQL at //')
fi

email="bench-$(date +%s%N)@example.com"
password="bench-password-123"
curl -fs -X POST "$base/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
token=$(curl -fs -X POST "$base/auth/token" --data-urlencode "username=$email" --data-urlencode "password=$password" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
user_id=$(curl -fs "$base/users/me" -H "Authorization: Bearer $token" | sed 's/.*"id":\([0-9]*\).*/\1/')

sql() { psql "$database_url" -qtAc "$1"; }
first_id=$(sql "WITH seeded AS (INSERT INTO products (name, description, price_cents, stock, owner_id)
  SELECT 'Seed ' || g, 'seeded by bench/run.sh', g * 7 % 100000, g % 50, $user_id FROM generate_series(1, $SEED) g
  RETURNING id) SELECT min(id) FROM seeded")

peak_rss_mb() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$app/status"; }

# wrk's report → "requests/s p50 p99 non2xx"
parse() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $5 }
    /Socket errors:/ { errors = $0 }
    END { printf "%s %s %s %s\n", rps, p50, p99, (non2xx == "" ? 0 : non2xx) }'
}

run() { # name, duration, lua script, path, script args...
  local name=$1 duration=$2 script=$3 path=$4
  shift 4
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency --timeout 10s -s "bench/lua/$script" "$base$path" -- "$@" \
    >"$work/$name.txt" 2>&1
}

echo "== warming up ($WARMUP per scenario)"
run warm-get "$WARMUP" get-product.lua / "$first_id" "$SEED"
run warm-list "$WARMUP" list-products.lua / "$SEED"
run warm-post "$WARMUP" create-product.lua / "$token"
run warm-patch "$WARMUP" patch-product.lua / "$token" "$first_id" "$SEED"

rows=()
scenario() { # label, lua script, args...
  local label=$1 script=$2
  shift 2
  run current "$DURATION" "$script" / "$@"
  read -r rps p50 p99 non2xx < <(parse <"$work/current.txt")
  rows+=("$(printf '| %-34s | %10s | %8s | %8s | %7s | %6s MB |' "$label" "$rps" "$p50" "$p99" "$non2xx" "$(peak_rss_mb)")")
  echo "${rows[-1]}"
}

# What autovacuum does to a table in steady state, done now so every run starts alike.
sql "VACUUM ANALYZE products" >/dev/null

echo "== measuring ($DURATION per scenario, wrk -t$THREADS -c$CONNECTIONS)"
header="| scenario                           |  requests/s |      p50 |      p99 | non-2xx | peak RSS |
|------------------------------------|------------:|---------:|---------:|--------:|---------:|"
echo "$header"
scenario "GET /products/{id} (random id)" get-product.lua "$first_id" "$SEED"
scenario "GET /products?limit=20&offset=rand" list-products.lua "$SEED"
scenario "POST /products (bearer)" create-product.lua "$token"
scenario "PATCH /products/{id} (bearer)" patch-product.lua "$token" "$first_id" "$SEED"
scenario "GET /healthz/live (ceiling)" liveness.lua
# Last: Argon2id keeps the worker pool busy with queued logins for a while after wrk stops.
scenario "POST /auth/token (Argon2id)" login.lua "$email" "$password"
sleep 5

echo "== load without loss: POST /products for $LOSS_DURATION at $LOSS_CONNECTIONS connections (bench/load-without-loss.mjs)"
tag="loss-$(date +%s)"
summary=$(node bench/load-without-loss.mjs "$base" "$token" "$tag" "${LOSS_DURATION%s}" "$LOSS_CONNECTIONS" "$work/created.txt")
sort -n "$work/created.txt" >"$work/seen.txt"
sql "SELECT id FROM products WHERE name LIKE '$tag-%' ORDER BY id" | sort -n >"$work/rows.txt"
seen=$(wc -l <"$work/seen.txt")
stored=$(wc -l <"$work/rows.txt")
lost=$(comm -23 "$work/seen.txt" "$work/rows.txt" | wc -l)
unseen=$(comm -13 "$work/seen.txt" "$work/rows.txt" | wc -l)
doubled=$(sql "SELECT count(*) FROM (SELECT name FROM products WHERE name LIKE '$tag-%' GROUP BY name HAVING count(*) > 1) d")
fivexx=$(grep -Ec ' (POST|GET|PATCH|DELETE) [^ ]+ 5[0-9][0-9] ' "$work/app.log" || true)
loss_line="201s seen: $seen, rows: $stored, lost: $lost, unseen: $unseen, doubled: $doubled, 5xx in the access log: $fivexx; client: $summary"
echo "$loss_line"
if [ "$lost" = 0 ] && [ "$unseen" = 0 ] && [ "$doubled" = 0 ] && [ "$fivexx" = 0 ] && [ "$seen" -gt 0 ]; then
  verdict="nothing lost, nothing doubled, zero 5xx"
else
  verdict="FAILED"
fi
echo "== $verdict"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
jvm=$(java -version 2>&1 | head -1)
cores=$(nproc)
command="DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS bash bench/run.sh"
report="## $(date -u +%Y-%m-%dT%H:%MZ), commit $commit

$jvm; $cores cores shared by wrk and the service; $database; $redis; JAVA_OPTS='${JAVA_OPTS}'.
\`$command\`. Ready (accepting, migrations applied) ${ready_ms} ms after \`java -jar\`.

$header
$(printf '%s\n' "${rows[@]}")

Load without loss ($LOSS_CONNECTIONS connections, $LOSS_DURATION): $loss_line — $verdict.
"
echo
echo "$report"
if [ "$RECORD" = yes ]; then
  { sed -n '1,/^<!-- runs -->/p' bench/RESULTS.md; echo; echo "$report"; sed -n '/^<!-- runs -->/,$p' bench/RESULTS.md | tail -n +2; } \
    >"$work/results.md"
  mv "$work/results.md" bench/RESULTS.md
fi
[ "$verdict" != FAILED ]
