#!/usr/bin/env python3
"""How often a result's snippet shows a word of the query, with `ayuda search` on a built site.

Usage:
  snippets.py --bin AYUDA --site OUT [--queries FILE] [--n 60] [--limit 8]

For the first N `exact` Spanish queries of FILE (default queries/synthetic.jsonl), and for the
first word of each alone, runs `AYUDA search --site OUT --limit L --json QUERY` and counts the
results whose snippet has a `<mark>`. A snippet without one comes from a passage that lacks the
words found (or from the description, when the words are in the title alone).
"""

import argparse
import json
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent


def marked(binary, site, query, limit):
    """(results, results whose snippet marks a word) for one query."""
    out = subprocess.run(
        [binary, "search", "--site", site, "--limit", str(limit), "--json", query],
        capture_output=True, text=True, check=True,
    )
    results = json.loads(out.stdout)["results"]
    return len(results), sum("<mark>" in r["snippet"] for r in results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--queries", default=str(HERE / "queries" / "synthetic.jsonl"))
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--limit", type=int, default=8)
    args = parser.parse_args()
    with open(args.queries, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    titles = [r["query"] for r in rows if r["variant"] == "exact" and r["lang"] == "es"][: args.n]
    for label, queries in (("title", titles), ("one word", [q.split()[0] for q in titles])):
        shown = with_mark = 0
        for query in queries:
            results, marks = marked(args.bin, args.site, query, args.limit)
            shown += results
            with_mark += marks
        print(f"{label}: {with_mark}/{shown} snippets mark a word of the query ({with_mark / max(shown, 1):.3f})")


if __name__ == "__main__":
    main()
