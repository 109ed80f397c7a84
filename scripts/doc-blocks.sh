#!/usr/bin/env bash
# Runs the shell examples of README.md and docs/*.md against the built jar, so that what a
# person pastes works as written.
#   bash scripts/doc-blocks.sh            (after `mvn -B package`; `make docs-check`)
#
# - Every ```sh, ```bash or ```shell block runs, in file order. The blocks of one file run in one
#   bash (set -euo pipefail), like a person pasting them into one terminal, so a later block may
#   use a variable an earlier one set; each file starts a fresh shell in its own empty directory.
# - The docs talk to http://localhost:8080, the default port. The jar here runs on a free port
#   with its own temporary DATA_DIR (embedded PostgreSQL and Redis), and `localhost:8080` /
#   `127.0.0.1:8080` in the blocks are rewritten to it: the docs keep the URL a reader types.
# - curl runs with --fail-with-body, so a block whose request gets a 4xx/5xx fails here even
#   though a person would only see the problem document.
# - Opt-outs are written in the fence: ```sh no-run, for blocks that cannot run here (starting
#   the jar itself, docker, the whole test suite, hosts that do not exist). Keep them few.
# - ```js file=NAME (or ```javascript) saves the block as NAME in the file's directory, so a
#   later sh block runs the snippet exactly as a reader saves it.
# Fails on the first block that fails, naming its file and line.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
jar="$root/target/products-api.jar"
[ -f "$jar" ] || { echo "doc-blocks: $jar is missing: run mvn -B package -DskipTests first" >&2; exit 1; }
command -v jq >/dev/null || { echo "doc-blocks: jq is needed (apt-get install jq)" >&2; exit 1; }

files=(README.md docs/*.md)
work="$(mktemp -d)"
port=18180
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
HTTP_PORT=$port DATA_DIR="$work/data" java -jar "$jar" >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "doc-blocks: the jar never became ready" >&2; tail -50 "$work/app.log"; exit 1; }

# One script per markdown file: its runnable blocks, each announced, with the rewritten port.
# Fences are matched at any indentation, so a block inside a list item runs too.
extract() {
  awk -v file="$1" -v port="$port" '
    function flush_js() { printf "cat > %s <<'\''DOC_BLOCKS_EOF'\''\n%sDOC_BLOCKS_EOF\n", save, body }
    !inblock && /^[ \t]*```/ {
      info = $0; sub(/^[ \t]*```/, "", info)
      n = split(info, word, /[ \t]+/)
      lang = word[1]; norun = 0; save = ""
      for (i = 2; i <= n; i++) {
        if (word[i] == "no-run") norun = 1
        if (word[i] ~ /^file=/) save = substr(word[i], 6)
      }
      if (info == "") { inblock = 1; kind = "other"; next }
      inblock = 1; body = ""; start = NR
      if ((lang == "sh" || lang == "bash" || lang == "shell") && !norun) kind = "sh"
      else if ((lang == "js" || lang == "javascript") && save != "") kind = "js"
      else kind = "other"
      next
    }
    inblock && /^[ \t]*```[ \t]*$/ {
      inblock = 0
      if (kind == "sh") {
        gsub(/(localhost|127\.0\.0\.1):8080/, "localhost:" port, body)
        printf "__block=\"%s:%d\"\nprintf \"\\n== %%s\\n\" \"$__block\"\n%s", file, start, body
      } else if (kind == "js") {
        gsub(/(localhost|127\.0\.0\.1):8080/, "localhost:" port, body)
        printf "__block=\"%s:%d\"\n", file, start
        flush_js()
      }
      next
    }
    inblock && kind != "other" { body = body $0 "\n" }
  ' "$1"
}

count=0
for f in "${files[@]}"; do
  dir="$work/run/$(basename "$f" .md)"
  mkdir -p "$dir"
  {
    echo 'set -euo pipefail'
    echo 'curl() { command curl --fail-with-body "$@"; }'
    echo '__block="(none)"'
    # A failing block stops the script; the EXIT trap names it.
    echo 'trap '\''rc=$?; [ $rc -eq 0 ] || printf "\\ndoc-blocks: FAILED in %s (exit %s)\\n" "$__block" $rc >&2'\'' EXIT'
    extract "$f"
  } >"$dir/blocks.sh"
  blocks=$(grep -c '^__block="[^(]' "$dir/blocks.sh" || true)
  [ "$blocks" -gt 0 ] || continue
  echo "=== $f ($blocks blocks)"
  (cd "$dir" && timeout 300 bash "$dir/blocks.sh" </dev/null) || {
    echo "doc-blocks: $f failed; the script that ran is $dir/blocks.sh; the service log follows" >&2
    tail -30 "$work/app.log" >&2
    trap - EXIT; kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
    exit 1
  }
  count=$((count + blocks))
done
echo "doc-blocks: OK, $count blocks from ${#files[@]} files"
