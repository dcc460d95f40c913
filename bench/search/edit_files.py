#!/usr/bin/env python3
"""How many search index files an edit to one page changes: what a host must upload again and
a reader's cache loses.

Usage:
  edit_files.py --bin AYUDA --root SITE --page content/PATH.md [--work DIR]

Copies SITE (without `target/`, `.git/`, `node_modules/`) into a work folder (a temporary one under $TMPDIR unless --work), builds it, then
makes two edits to PAGE, building after each:
  word       one word of the page's last line written backwards (a typo fixed: the page keeps
             its length in words);
  paragraph  then a sentence appended as a new paragraph (the page grows).
For each edit, prints the index files added or changed and the files removed, by kind (the
kinds of search/src/format.rs: manifest, term shards, tails, record shards, fragments) with
the bytes of the new files.
"""

import argparse
import hashlib
import pathlib
import shutil
import subprocess
import tempfile

KINDS = {"m": "manifest", "t": "term shards", "r": "tails", "d": "record shards", "f": "fragments"}


def index_files(out):
    """Every file of the built site's search indexes: path -> SHA-1 of its bytes."""
    root = out / "search-index"
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def kind(path):
    """The kind of an index file, from its path (`es/t-HASH.bin`, `es/f/HASH-N.bin`)."""
    parts = pathlib.PurePath(path).parts
    if parts[1] == "f":
        return KINDS["f"]
    return KINDS.get(parts[1].split("-")[0], parts[1])


def build(binary, root, out):
    subprocess.run([binary, "build", "--root", str(root), "--out", str(out), "--quiet"], check=True)
    return index_files(out)


def report(label, before, after, out):
    changed = sorted(p for p in after if before.get(p) != after[p])
    removed = [p for p in before if p not in after]
    by_kind = {}
    for path in changed:
        by_kind[kind(path)] = by_kind.get(kind(path), 0) + 1
    size = sum((out / "search-index" / p).stat().st_size for p in changed)
    shown = ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items()))
    print(f"{label}: {len(changed)} of {len(after)} files new or changed ({size:,} bytes: {shown}), {len(removed)} removed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    parser.add_argument("--page", required=True)
    parser.add_argument("--work", type=pathlib.Path)
    args = parser.parse_args()
    work = args.work or pathlib.Path(tempfile.mkdtemp(prefix="ayuda-edit-"))
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(args.root, site, ignore=shutil.ignore_patterns("target", ".git", "node_modules"))
    page = site / args.page
    before = build(args.bin, site, work / "out-0")

    text = page.read_text()
    head, last = text.rstrip("\n").rsplit("\n", 1)
    word = next(w for w in last.split() if w.isalpha() and len(w) >= 5)
    replacement = word[::-1] if word[::-1] != word else word.upper()
    page.write_text(f"{head}\n{last.replace(word, replacement, 1)}\n")
    changed_word = build(args.bin, site, work / "out-1")
    report(f"word ({word} -> {replacement})", before, changed_word, work / "out-1")

    page.write_text(page.read_text() + "\nUn párrafo nuevo sobre la conciliación de los proveedores.\n")
    report("paragraph", changed_word, build(args.bin, site, work / "out-2"), work / "out-2")
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
