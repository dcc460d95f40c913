#!/usr/bin/env bash
# Clean-build benchmark: `ayuda build` against Hugo on the same synthetic help center.
#
# Usage: bench/site-build.sh [N...]          (default: 1000 10000)
# Env:   RUNS=5        clean builds per tool and size (the median is reported)
#        KEEP=1        keep the temporary corpus and outputs (the path is printed)
#        HUGO=hugo     the Hugo binary to use
#
# For each N it generates N articles with bench/gen_corpus.py into a temporary
# directory, then alternates RUNS clean builds of each tool, each into an output folder
# that does not exist yet, measuring wall time and peak RSS with /usr/bin/time. All
# outputs are removed at the end, not between runs (see bench/README.md: on ext4
# without a journal, creating files within ~30 s of deleting many is slowed by the
# kernel, whatever the tool). Then RUNS ayuda rebuilds over its own last output,
# back to back, show what a writer rebuilding a site sees (no target).
# Nothing is written inside the repository except cargo's target/ directory.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
hugo=${HUGO:-hugo}
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "site-build.sh: N must be a positive integer, got '$n'" >&2; exit 2; }
done

# --- tools -----------------------------------------------------------------
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "site-build.sh: need root to run: $*" >&2; return 1; fi
}
apt_updated=
apt_install() {
  command -v apt-get >/dev/null || { echo "site-build.sh: install '$1' (no apt-get here)" >&2; exit 1; }
  echo "installing the Debian package '$1'…" >&2
  # Another apt may be running: wait for its lock rather than failing.
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      -o DPkg::Lock::Timeout=600 "$1" >/dev/null; then
    if [ -z "$apt_updated" ]; then
      as_root apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
      apt_updated=1
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        -o DPkg::Lock::Timeout=600 "$1" >/dev/null
    else
      exit 1
    fi
  fi
}
[ -x /usr/bin/time ] || apt_install time
command -v "$hugo" >/dev/null || { [ "$hugo" = hugo ] && apt_install hugo; }
command -v "$hugo" >/dev/null || { echo "site-build.sh: '$hugo' not found" >&2; exit 1; }
command -v python3 >/dev/null || { echo "site-build.sh: python3 is required" >&2; exit 1; }

echo "building ayuda (release)…" >&2
(cd "$repo" && cargo build --release -q -p ayuda)
target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
ayuda="$target_dir/release/ayuda"
[ -x "$ayuda" ] || { echo "site-build.sh: $ayuda was not built" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ayuda-bench.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM HUP
fi
# Hugo's cache would otherwise outlive the run (and make later builds warm).
export HUGO_CACHEDIR="$work/hugo-cache"

# --- measuring -------------------------------------------------------------
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# run TOOL CMD...: one build; appends "wall_s peak_kb user_s sys_s" to $work/TOOL.times.
run() {
  local tool=$1
  shift
  if [ "$tool" = hugo ]; then rm -rf "$HUGO_CACHEDIR" "$work/$n/hugo/resources"; fi
  if ! /usr/bin/time -o "$work/time.out" -f '%e %M %U %S' "$@" >"$work/stdout.out" 2>"$work/stderr.out"; then
    echo "site-build.sh: $tool build failed: $*" >&2
    cat "$work/stdout.out" "$work/stderr.out" >&2
    exit 1
  fi
  # GNU time prints "Command exited…" lines first on failure; the last line is ours.
  tail -n 1 "$work/time.out" >>"$work/$tool.times"
}

pages() { find "$1" -name '*.html' | wc -l | tr -d ' '; }

results=()
for n in "${sizes[@]}"; do
  out="$work/$n"
  echo "N=$n: generating the corpus…" >&2
  python3 "$repo/bench/gen_corpus.py" "$n" "$out"
  rm -f "$work/ayuda.times" "$work/hugo.times" "$work/ayuda-rebuild.times"
  for i in $(seq 1 "$runs"); do
    echo "N=$n: run $i/$runs" >&2
    run ayuda "$ayuda" build --root "$out/ayuda" --out "$out/ayuda-public-$i" --quiet
    run hugo "$hugo" --source "$out/hugo" --destination "$out/hugo-public-$i" --quiet
  done
  for i in $(seq 1 "$runs"); do
    echo "N=$n: ayuda rebuild $i/$runs" >&2
    run ayuda-rebuild "$ayuda" build --root "$out/ayuda" --out "$out/ayuda-public-$runs" --quiet
  done
  r_s=$(cut -d' ' -f1 "$work/ayuda-rebuild.times" | median)
  r_cpu=$(awk '{ print $3 + $4 }' "$work/ayuda-rebuild.times" | median)
  r_kb=$(cut -d' ' -f2 "$work/ayuda-rebuild.times" | median)
  a_cpu=$(awk '{ print $3 + $4 }' "$work/ayuda.times" | median)
  h_cpu=$(awk '{ print $3 + $4 }' "$work/hugo.times" | median)
  a_s=$(cut -d' ' -f1 "$work/ayuda.times" | median)
  a_kb=$(cut -d' ' -f2 "$work/ayuda.times" | median)
  h_s=$(cut -d' ' -f1 "$work/hugo.times" | median)
  h_kb=$(cut -d' ' -f2 "$work/hugo.times" | median)
  results+=("$n ayuda $a_s $a_cpu $a_kb $(pages "$out/ayuda-public-1") - -")
  results+=("$n hugo $h_s $h_cpu $h_kb $(pages "$out/hugo-public-1") \
$(awk -v h="$h_s" -v a="$a_s" 'BEGIN { printf (a > 0 ? "%.1fx" : "inf"), (a > 0 ? h / a : 0) }') \
$(awk -v h="$h_kb" -v a="$a_kb" 'BEGIN { printf "%.1fx", h / a }')")
  if [ "$n" = 10000 ]; then
    verdict=$(awk -v a="$a_s" -v k="$a_kb" -v h="$h_s" 'BEGIN {
      printf "time %s, memory %s, vs Hugo %s",
        (a < 3 ? "ok" : "MISSED"), (k / 1024 < 300 ? "ok" : "MISSED"), (h >= 3 * a ? "ok" : "MISSED") }')
  fi
  results+=("$n rebuild $r_s $r_cpu $r_kb $(pages "$out/ayuda-public-$runs") - -")
done

# --- report ----------------------------------------------------------------
echo
echo "ayuda: $("$ayuda" --version 2>/dev/null || echo "?")   hugo: $("$hugo" version | awk '{ print $2 }')   \
cpus: $(nproc)   load: $(cut -d' ' -f1-3 /proc/loadavg)   runs: $runs (median)"
printf '%-8s %-8s %10s %12s %15s %7s %13s %14s\n' N tool "median s" "median cpu s" "median peak MB" pages "hugo/ayuda s" "hugo/ayuda MB"
for row in "${results[@]}"; do
  read -r n tool s cpu kb pg rs rm <<<"$row"
  printf '%-8s %-8s %10.2f %12.2f %15.0f %7s %13s %14s\n' "$n" "$tool" "$s" "$cpu" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$pg" "$rs" "$rm"
done
if [ -n "${verdict:-}" ]; then
  echo
  echo "targets at N=10000 (ayuda < 3 s, < 300 MB peak, >= 3x faster than Hugo): $verdict"
fi
