#!/usr/bin/env bash
# Side-by-side benchmark of ayuda's search against Pagefind 1.6 on the same built sites.
#
# Usage: bench/search/compare.sh
# Env:   N=10000      articles of the synthetic corpus (seed 42)
#        RUNS=3       clean builds / index builds per tool (the median is reported)
#        KEEP=1       keep the work folder (its path is printed)
#        TMPDIR=...   where the work folder goes; /dev/shm avoids the slow disk
#        SKIP_AYUDA=1 measure Pagefind only (the ayuda columns say "skipped")
#        AYUDA=path   use this ayuda binary instead of building target/release/ayuda
#
# It builds what it needs (release binary, demo site, synthetic corpus), then prints one
# table: recall@5 per set x variant x language, bytes and requests of a cold first query and
# of later queries, index size per page, index build time. Nothing is written in the
# repository except cargo's target/ and bench/search/node_modules/. A measurement of ayuda
# that fails (e.g. while `ayuda search` does not exist yet) shows as FAIL with its error;
# the script then exits 1 after printing the table.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=${N:-10000}
runs=${RUNS:-3}
nice_=(nice -n 10)

work=$(mktemp -d "${TMPDIR:-/tmp}/ayuda-search-bench.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM HUP
fi
res="$work/results"
mkdir -p "$res"
metric() { echo "$1 $2" >>"$res/metrics.txt"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
step() { echo "--- $*" >&2; }

# --- tools -------------------------------------------------------------------------------
for tool in node npm python3 cargo; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is required" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "compare.sh: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "compare.sh: Chromium is required: apt-get install chromium" >&2; exit 1; }
pagefind="$here/node_modules/@pagefind/linux-x64/bin/pagefind_extended"
if [ ! -x "$pagefind" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
  step "npm ci (pagefind 1.6.0, playwright-core)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi
"$pagefind" --version | grep -q '^pagefind 1\.6\.0$' || { echo "compare.sh: expected pagefind 1.6.0, got $("$pagefind" --version)" >&2; exit 1; }

if [ -n "${AYUDA:-}" ]; then
  ayuda=$(cd "$(dirname "$AYUDA")" && pwd)/$(basename "$AYUDA")
else
  step "cargo build --release -p ayuda"
  (cd "$repo" && "${nice_[@]}" cargo build --release -q -p ayuda)
  target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  ayuda="$target_dir/release/ayuda"
fi

# --- sites -------------------------------------------------------------------------------
# Each site is built twice: with search (for ayuda) and with `search: false` added to its
# ayuda.yaml (for Pagefind: the same pages without ayuda's search box, pages and index; and to
# isolate the cost of indexing). The search-off root is a folder of symlinks to the real one.
search_off_root() {
  local src=$1 dst=$2 f
  mkdir -p "$dst"
  for f in "$src"/* "$src"/.[!.]*; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in ayuda.yaml | target | .git) ;; *) ln -s "$f" "$dst/" ;; esac
  done
  { grep -v '^search:' "$src/ayuda.yaml" || true; printf '\nsearch: false\n'; } >"$dst/ayuda.yaml"
}

step "demo site, search off and on"
search_off_root "$repo" "$work/demo-root-off"
"$ayuda" build --root "$work/demo-root-off" --out "$work/demo-off" --quiet
ayuda_demo_ok=yes
if [ -n "${SKIP_AYUDA:-}" ]; then ayuda_demo_ok=skipped
elif ! "$ayuda" build --root "$repo" --out "$work/demo" --quiet 2>"$work/run.out"; then
  ayuda_demo_ok=no
  echo "ayuda build of the demo site failed: $(grep -m1 -E 'panicked|error' "$work/run.out" || tail -1 "$work/run.out")" >"$res/ayuda-demo-build.failed"
fi

step "synthetic corpus, N=$n, seed 42"
"${nice_[@]}" python3 "$repo/bench/gen_corpus.py" "$n" "$work/corpus" --seed 42 2>/dev/null
rm -rf "$work/corpus/hugo"
search_off_root "$work/corpus/ayuda" "$work/corpus-off"

step "query files reproduce from gen_queries.py"
python3 "$here/gen_queries.py" --out "$work/queries" --corpus "$work/corpus" --n "$n" 2>/dev/null
queries_ok=yes
for f in demo synthetic; do
  cmp -s "$work/queries/$f.jsonl" "$here/queries/$f.jsonl" || queries_ok=no
done
metric queries_reproduce "$queries_ok"
[ "$queries_ok" = yes ] || echo "compare.sh: WARNING: regenerated query files differ from the committed ones (N=$n?); using the regenerated ones" >&2
qdemo="$work/queries/demo.jsonl"
qsyn="$work/queries/synthetic.jsonl"

# time_run NAME CMD...: appends "wall_s peak_kb" to $res/NAME.times; fails with the output.
time_run() {
  local name=$1
  shift
  if ! /usr/bin/time -o "$work/time.out" -f '%e %M' "${nice_[@]}" "$@" >"$work/run.out" 2>&1; then
    echo "compare.sh: failed: $*" >&2
    tail -20 "$work/run.out" >&2
    return 1
  fi
  cat "$work/time.out" >>"$res/$name.times"
}

step "ayuda clean builds of the corpus, search off and on ($runs each, interleaved)"
ayuda_ok=yes
[ -z "${SKIP_AYUDA:-}" ] || ayuda_ok=skipped
for i in $(seq "$runs"); do
  time_run ayuda-build-off "$ayuda" build --root "$work/corpus-off" --out "$work/syn-off-$i" --quiet
  if [ "$ayuda_ok" = yes ] && ! time_run ayuda-build-on "$ayuda" build --root "$work/corpus/ayuda" --out "$work/syn-$i" --quiet; then
    ayuda_ok=no
    echo "ayuda build of the corpus with search failed: $(grep -m1 -E 'panicked|error' "$work/run.out" || tail -1 "$work/run.out")" >"$res/ayuda-build.failed"
  fi
  if [ "$i" -lt "$runs" ]; then rm -rf "$work/syn-$i" "$work/syn-off-$i"; fi
done
mv "$work/syn-off-$runs" "$work/syn-off"
[ "$ayuda_ok" != yes ] || mv "$work/syn-$runs" "$work/syn"
for k in on off; do
  [ -s "$res/ayuda-build-$k.times" ] || continue
  metric "ayuda_build_${k}_s" "$(cut -d' ' -f1 "$res/ayuda-build-$k.times" | median)"
  metric "ayuda_build_${k}_peak_kb" "$(cut -d' ' -f2 "$res/ayuda-build-$k.times" | median)"
done

# Pagefind indexes a copy of the search-off builds (hard links; it only adds pagefind/)
# without the page ayuda never indexes and a Pagefind user would exclude: the 404 page.
pagefind_copy() {
  local src=$1 dst=$2
  cp -al "$src" "$dst"
  rm -f "$dst/404.html" "$dst/en/404.html"
}
pagefind_copy "$work/demo-off" "$work/demo-pf"
pagefind_copy "$work/syn-off" "$work/syn-pf"

step "Pagefind index builds of the corpus site ($runs)"
"$pagefind" --site "$work/demo-pf" --quiet
for i in $(seq "$runs"); do
  rm -rf "$work/syn-pf/pagefind"
  time_run pagefind-index "$pagefind" --site "$work/syn-pf" --quiet
done
metric pagefind_index_s "$(cut -d' ' -f1 "$res/pagefind-index.times" | median)"
metric pagefind_index_peak_kb "$(cut -d' ' -f2 "$res/pagefind-index.times" | median)"

# --- index size ----------------------------------------------------------------------------
pages=$(python3 -c 'import json, sys; print(sum(l["page_count"] for l in json.load(open(sys.argv[1]))["languages"].values()))' "$work/syn-pf/pagefind/pagefind-entry.json")
metric pages "$pages"
metric pagefind_index_bytes "$(du -sb "$work/syn-pf/pagefind" | cut -f1)"
metric pagefind_index_files "$(find "$work/syn-pf/pagefind" -type f | wc -l)"
metric pagefind_fragment_bytes "$(du -sb "$work/syn-pf/pagefind/fragment" | cut -f1)"
# ayuda: the files that the build with search has and the build without search has not (its
# index, JS, wasm and search pages; the search box in each page's header is not counted).
[ "$ayuda_ok" = yes ] && python3 - "$work/syn" "$work/syn-off" >>"$res/metrics.txt" <<'EOF'
import os, sys
on, off = sys.argv[1], sys.argv[2]
size = files = 0
for d, _, fs in os.walk(on):
    for f in fs:
        p = os.path.join(d, f)
        if not os.path.exists(os.path.join(off, os.path.relpath(p, on))):
            size += os.path.getsize(p)
            files += 1
print("ayuda_index_bytes", size)
print("ayuda_index_files", files)
EOF

# --- relevance -----------------------------------------------------------------------------
# try NAME CMD...: runs a measurement; on failure writes $res/NAME.failed with its error.
try() {
  local name=$1
  shift
  if ! "${nice_[@]}" "$@" >"$res/$name.out" 2>"$res/$name.log"; then
    grep '^FAILED: ' "$res/$name.log" | sed 's/^FAILED: //' >"$res/$name.failed" || true
    echo "compare.sh: $name failed: $(cat "$res/$name.failed") (log: $res/$name.log, kept with KEEP=1)" >&2
    [ -s "$res/$name.failed" ] || echo "failed, see $name.log" >"$res/$name.failed"
    return 0
  fi
  cat "$res/$name.out"
}
skip() { echo "skipped (SKIP_AYUDA=1)" >"$res/$1.failed"; }

step "relevance: Pagefind"
try rel-pagefind-demo node "$here/relevance.mjs" --engine pagefind --site "$work/demo-pf" --out "$res/rel-pagefind-demo.jsonl" "$qdemo"
try rel-pagefind-synthetic node "$here/relevance.mjs" --engine pagefind --site "$work/syn-pf" --out "$res/rel-pagefind-synthetic.jsonl" "$qsyn"
step "relevance: ayuda"
if [ -n "${SKIP_AYUDA:-}" ]; then skip rel-ayuda-demo; skip rel-ayuda-synthetic; else
  if [ "$ayuda_demo_ok" != yes ]; then cp "$res/ayuda-demo-build.failed" "$res/rel-ayuda-demo.failed"; else try rel-ayuda-demo node "$here/relevance.mjs" --engine ayuda --bin "$ayuda" --site "$work/demo" --out "$res/rel-ayuda-demo.jsonl" "$qdemo"; fi
  if [ "$ayuda_ok" != yes ]; then cp "$res/ayuda-build.failed" "$res/rel-ayuda-synthetic.failed"; else try rel-ayuda-synthetic node "$here/relevance.mjs" --engine ayuda --bin "$ayuda" --site "$work/syn" --out "$res/rel-ayuda-synthetic.jsonl" "$qsyn"; fi
fi

# --- bytes ---------------------------------------------------------------------------------
step "bytes per query in Chromium"
for words in all 1; do
  wargs=()
  [ "$words" = all ] || wargs=(--words "$words")
  for eng in pagefind-ui pagefind-api; do
    try "bytes-$eng-$words" node "$here/bytes.mjs" --engine "$eng" --site "$work/syn-pf" --queries "$qsyn" "${wargs[@]}" --json "$res/bytes-$eng-$words.json"
  done
  if [ -n "${SKIP_AYUDA:-}" ]; then skip "bytes-ayuda-$words"
  elif [ "$ayuda_ok" != yes ]; then cp "$res/ayuda-build.failed" "$res/bytes-ayuda-$words.failed"; else
    try "bytes-ayuda-$words" node "$here/bytes.mjs" --engine ayuda --site "$work/syn" --queries "$qsyn" "${wargs[@]}" --json "$res/bytes-ayuda-$words.json"
  fi
done

metric date "$(date -u +%Y-%m-%d)"
metric cpus "$(nproc)"
metric load "$(cut -d' ' -f1-3 /proc/loadavg)"
metric tmpdir "$(df --output=fstype "$work" | tail -1)"
metric ayuda_version "$("$ayuda" --version | tr ' ' '_')"
metric commit "$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
node "$here/table.mjs" "$res"
