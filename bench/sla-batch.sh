#!/usr/bin/env bash
# Times `ayuda sla due --batch` on 100,000 random tickets (2020–2040, all priorities, several
# offsets). Target: under one second. Prints the median of 5 runs.
# Usage: bench/sla-batch.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-100000}
cargo build --release -q -p ayuda
input=$(mktemp)
trap 'rm -f "$input"' EXIT
python3 - "$lines" > "$input" <<'PY'
import json, random, sys, datetime
random.seed(7)
offsets = ["-05:00", "Z", "+01:00", "-03:00", "+05:30"]
for _ in range(int(sys.argv[1])):
    t = datetime.datetime(2020, 1, 1) + datetime.timedelta(seconds=random.randrange(21 * 365 * 86400))
    line = {"created": t.strftime("%Y-%m-%dT%H:%M:%S") + random.choice(offsets),
            "priority": random.choice(["alta", "normal", "baja"])}
    print(json.dumps(line))
PY
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  target/release/ayuda sla due --policy sla.yaml --batch "$input" > /dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
printf 'sla due --batch: %s lines, median of 5 runs: %.3f s (%.0f lines/s)\n' "$lines" "$median" "$(echo "$lines / $median" | bc -l)"
