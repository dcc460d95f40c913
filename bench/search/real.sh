#!/usr/bin/env bash
# Relevance on real Spanish text that none of us wrote: ayuda against Pagefind 1.6 on a help
# center made by real_corpus.py from Debian's Spanish handbook and manual pages, and on the
# handbook's English pages.
#
# Usage: bench/search/real.sh
# Env:   KEEP=1      keep the work folder (its path is printed)
#        TMPDIR=...  where the work folder goes
#        AYUDA=path  use this ayuda binary instead of building target/release/ayuda
#
# Needs the packages debian-handbook, manpages-es and mandoc (installed with apt-get when
# missing and run as root), node, npm, python3 and Debian's /usr/bin/chromium. Prints recall@5
# per language and variant for both engines. About a minute and a half.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ayuda-search-real.XXXXXX")
if [ -n "${KEEP:-}" ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
step() { echo "--- $*" >&2; }

if [ ! -d /usr/share/doc/debian-handbook/html/es-ES ] || [ ! -d /usr/share/man/es ] || ! command -v mandoc >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "real.sh: apt-get install debian-handbook manpages-es mandoc" >&2; exit 1; }
  step "apt-get install debian-handbook manpages-es mandoc"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debian-handbook manpages-es mandoc >&2
fi
pagefind="$here/node_modules/@pagefind/linux-x64/bin/pagefind_extended"
if [ ! -x "$pagefind" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
  step "npm ci (pagefind 1.6.0, playwright-core)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi
if [ -n "${AYUDA:-}" ]; then
  ayuda=$(cd "$(dirname "$AYUDA")" && pwd)/$(basename "$AYUDA")
else
  step "cargo build --release -p ayuda"
  (cd "$repo" && cargo build --release -q -p ayuda)
  ayuda="$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/ayuda"
fi

for lang in es en; do
  w="$work/$lang"
  step "$lang: the site and its queries"
  python3 "$here/real_corpus.py" "$w" --lang "$lang"
  mkdir -p "$w/site-off"
  ln -s "$w/site/content" "$w/site-off/content"
  { cat "$w/site/ayuda.yaml"; echo "search: false"; } >"$w/site-off/ayuda.yaml"
  "$ayuda" build --root "$w/site" --out "$w/out" --quiet
  "$ayuda" build --root "$w/site-off" --out "$w/pf" --quiet
  rm -f "$w/pf/404.html"
  "$pagefind" --site "$w/pf" --quiet
  step "$lang: relevance, ayuda then Pagefind"
  for engine in ayuda:out pagefind:pf; do
    name=${engine%:*}
    node "$here/relevance.mjs" --engine "$name" --bin "$ayuda" --home-language "$lang" --site "$w/${engine#*:}" \
      --out "$w/$name.jsonl" "$w/real.jsonl" 2>"$w/$name.log" || { tail -5 "$w/$name.log" >&2; exit 1; }
  done
done
python3 - "$work" <<'EOF'
import json, os, sys
def recall(path):
    by = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        n, hits = by.get(r["variant"], (0, 0))
        by[r["variant"]] = (n + 1, hits + bool(r["hit"]))
    return by
print("| language | variant | queries | ayuda | Pagefind |\n|---|---|---:|---:|---:|")
for lang in ["es", "en"]:
    ayuda = recall(os.path.join(sys.argv[1], lang, "ayuda.jsonl"))
    pagefind = recall(os.path.join(sys.argv[1], lang, "pagefind.jsonl"))
    for variant in ["exact", "typo1", "noaccent", "inflection", "prefix", "upper"]:
        n, a = ayuda.get(variant, (0, 0))
        _, p = pagefind.get(variant, (0, 0))
        if n:
            print(f"| {lang} | {variant} | {n} | {a / n:.3f} | {p / n:.3f} |")
EOF
