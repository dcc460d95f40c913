#!/usr/bin/env bash
# A/B of two ayuda binaries: clean builds of the same synthetic help center, interleaved.
#
# Usage: bench/ab.sh BIN_A BIN_B [N...]      (default N: 10000)
# Env:   RUNS=7                 measured clean builds per binary and size (medians reported)
#        TMPDIR=/tmp            work folder: the default measures the disk, /dev/shm tmpfs
#        PRUNE=auto             remove each measured output right after its run: auto = on
#                               tmpfs only, 1 = always, 0 = never (keep all until the end of N)
#        SOURCE_DATE_EPOCH      the build's day (default fixed: 1764460800, 2025-11-30)
#        B_YAML                 lines added to B's copy of ayuda.yaml, for a setting A does not
#                               know (B_YAML='search: false' against a binary from before search)
#        AB_YAML                lines added to the ayuda.yaml of both (AB_YAML='search: false'
#                               to compare two binaries that both have search)
#
# For each N it generates the corpus (`bench/gen_corpus.py --seed 42 N DIR`, the ayuda
# site only), builds once with A and once with B unmeasured (a warm-up; these two outputs
# are compared with `diff -r`, and the script says whether they are byte-identical or lists
# the first 10 differences; when pruning, a third warm-up build is removed at once), then runs RUNS pairs of clean builds, each into an output folder
# that does not exist yet, A and B in turn (A first in odd runs, B first in even ones), each
# measured with `/usr/bin/time -f '%e %U %S %M'`. It prints the medians of wall time, user
# CPU, system CPU and peak RSS of each binary and the ratios B/A.
#
# Outputs on a disk are kept until the end of each N (see bench/README.md: on this
# machine's ext4, creating files within ~30 s of deleting many is slowed by the kernel,
# whatever the binary). On tmpfs there is no such effect, but memory the virtual machine has
# not touched lately costs seconds of system time per GB on first touch: keeping every
# output would measure that (and 100,000 articles would not fit), so by default each
# measured output on tmpfs is removed right after its run, outside the measurement. At the
# end of each N everything the script made is removed.
set -euo pipefail

usage() { echo "usage: bench/ab.sh BIN_A BIN_B [N...]" >&2; exit 2; }
[ "$#" -ge 2 ] || usage
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
bin_a=$(abs "$1")
bin_b=$(abs "$2")
shift 2
for bin in "$bin_a" "$bin_b"; do
  [ -x "$bin" ] && [ -f "$bin" ] || { echo "ab.sh: not an executable file: $bin" >&2; exit 2; }
done
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(10000); fi
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "ab.sh: N must be a positive integer, got '$n'" >&2; exit 2; }
done
runs=${RUNS:-7}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "ab.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "ab.sh: GNU time is required (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "ab.sh: python3 is required" >&2; exit 1; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764460800}
prune=${PRUNE:-auto}
[[ "$prune" =~ ^(auto|0|1)$ ]] || { echo "ab.sh: PRUNE must be auto, 0 or 1, got '$prune'" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ayuda-ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP
fs=$(stat -f -c %T "$work")
if [ "$prune" = auto ]; then if [ "$fs" = tmpfs ]; then prune=1; else prune=0; fi; fi

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v b="$2" -v a="$1" 'BEGIN { if (a > 0) printf "%.3f", b / a; else print "-" }'; }

# run LABEL BIN OUT: one clean build; appends "wall user sys peak_kb" to $work/LABEL.times
# (LABEL "warm-up": not recorded, output kept).
run() {
  local label=$1 bin=$2 out=$3 site=$site_a
  [ "$bin" = "$bin_b" ] && site=$site_b
  if ! /usr/bin/time -o "$work/time.out" -f '%e %U %S %M' \
      "$bin" build --root "$site" --out "$out" --quiet >"$work/stdout.out" 2>"$work/stderr.out"; then
    echo "ab.sh: build $label failed: $bin build --root $site --out $out" >&2
    cat "$work/stdout.out" "$work/stderr.out" "$work/time.out" >&2
    exit 1
  fi
  [ "$label" = warm-up ] && return
  # GNU time prints "Command exited…" first on failure; the last line is ours.
  tail -n 1 "$work/time.out" >>"$work/$label.times"
  if [ "$prune" = 1 ]; then rm -rf "$out"; fi
}

echo "A: $bin_a"
echo "B: $bin_b"
echo "cpus: $(nproc)   work: ${TMPDIR:-/tmp} ($fs)   runs: $runs + 1 warm-up   prune: $prune   \
SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH   load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

rows=()
for n in "${sizes[@]}"; do
  dir="$work/$n"
  echo "N=$n: generating the corpus…" >&2
  python3 "$repo/bench/gen_corpus.py" --seed 42 "$n" "$dir/corpus"
  rm -rf "$dir/corpus/hugo"
  site_a="$dir/corpus/ayuda"
  site_b=$site_a
  if [ -n "${AB_YAML:-}" ]; then
    printf '%s\n' "$AB_YAML" >>"$site_a/ayuda.yaml"
  fi
  if [ -n "${B_YAML:-}" ]; then
    site_b="$dir/corpus/ayuda-b"
    cp -r "$site_a" "$site_b"
    printf '%s\n' "$B_YAML" >>"$site_b/ayuda.yaml"
  fi
  rm -f "$work/a.times" "$work/b.times"
  echo "N=$n: warm-up builds" >&2
  run warm-up "$bin_a" "$dir/a-0"
  run warm-up "$bin_b" "$dir/b-0"
  if [ "$prune" = 1 ]; then
    # One more, removed at once: the first measured run then writes into memory used lately.
    run warm-up "$bin_a" "$dir/scratch"
    rm -rf "$dir/scratch"
  fi
  for i in $(seq 1 "$runs"); do
    echo "N=$n: run $i/$runs" >&2
    if [ $((i % 2)) -eq 1 ]; then
      run a "$bin_a" "$dir/a-$i"
      run b "$bin_b" "$dir/b-$i"
    else
      run b "$bin_b" "$dir/b-$i"
      run a "$bin_a" "$dir/a-$i"
    fi
  done
  for x in a b; do
    f="$work/$x.times"
    printf -v "${x}_wall" %s "$(cut -d' ' -f1 "$f" | median)"
    printf -v "${x}_user" %s "$(cut -d' ' -f2 "$f" | median)"
    printf -v "${x}_sys" %s "$(cut -d' ' -f3 "$f" | median)"
    printf -v "${x}_kb" %s "$(cut -d' ' -f4 "$f" | median)"
    echo "N=$n $x runs (wall user sys peak_kb): $(tr '\n' ';' <"$f")" >&2
  done
  files=$(find "$dir/a-0" -type f | wc -l | tr -d ' ')
  rows+=("$n A $a_wall $a_user $a_sys $(awk -v k="$a_kb" 'BEGIN { printf "%.1f", k / 1024 }') $files")
  rows+=("$n B $b_wall $b_user $b_sys $(awk -v k="$b_kb" 'BEGIN { printf "%.1f", k / 1024 }') -")
  rows+=("$n B/A $(ratio "$a_wall" "$b_wall") $(ratio "$a_user" "$b_user") $(ratio "$a_sys" "$b_sys") $(ratio "$a_kb" "$b_kb") -")
  if diff -rq "$dir/a-0" "$dir/b-0" >"$work/diff.out" 2>&1; then
    echo "N=$n: outputs of A and B are byte-identical ($files files)"
  else
    echo "N=$n: outputs of A and B differ in $(wc -l <"$work/diff.out" | tr -d ' ') files (first 10):"
    head -n 10 "$work/diff.out" | sed -e "s|$dir/a-0|A|g" -e "s|$dir/b-0|B|g" -e 's/^/  /'
  fi
  echo "N=$n: removing the corpus and outputs…" >&2
  rm -rf "$dir"
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-5s %8s %8s %8s %9s %7s\n' N bin "wall s" "user s" "sys s" "peak MB" files
for row in "${rows[@]}"; do
  read -r n bin wall user sys mb files <<<"$row"
  printf '%-8s %-5s %8s %8s %8s %9s %7s\n' "$n" "$bin" "$wall" "$user" "$sys" "$mb" "$files"
done
