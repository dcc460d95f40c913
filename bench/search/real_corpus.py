#!/usr/bin/env python3
"""A help center of real Spanish text that none of us wrote, and queries over it.

Usage:
  real_corpus.py OUT [--lang es|en] [--seed 7] [--queries 120]

Reads two Debian packages (install them with `apt-get install debian-handbook manpages-es
mandoc`):

  debian-handbook  The Debian Administrator's Handbook, its es-ES HTML: one section of the
                   help center per chapter, one article per page of a chapter;
  manpages-es      the Spanish manual pages (through `mandoc -T html`): one section per manual
                   section, one article per page, titled with the command's name and described
                   by its NAME line.

With `--lang en`, the handbook's en-US pages alone (the English manual pages on a machine are
those of the packages it has installed) make an English site.

Writes OUT/site (an ayuda site: ayuda.yaml and content/) and OUT/real.jsonl, queries in the
format of gen_queries.py (set "real", lang "es" or "en", the same variants). The base queries are the
content words of the handbook's headings (page titles and their sub-sections) and of the
manual pages' NAME lines ("copia archivos y directorios" finds cp), each kept only when no
other heading or NAME line holds all of its words; the expected page is the one that holds
the heading or NAME line. Nothing of the packages' text is committed: the site and the queries
are made where they are needed.

Python 3 standard library only (and mandoc).
"""

import argparse
import gzip
import html
import html.parser
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_queries  # noqa: E402  (the variants and the plural rule)

HANDBOOK = "/usr/share/doc/debian-handbook/html/{}"
HANDBOOK_LANGUAGES = {"es": "es-ES", "en": "en-US"}
MANPAGES = "/usr/share/man/es"
MAN_SECTIONS = {
    "man1": "Órdenes de usuario",
    "man4": "Archivos especiales",
    "man5": "Formatos de archivo",
    "man7": "Miscelánea",
    "man8": "Administración del sistema",
}
# Words a reader leaves out of a query, or that say nothing on their own.
STOP = {
    "es": set("""
a al ante con como cual de del desde donde e el en entre es esta este esto hacia la las le les
lo los mas más o para pero por que se sin sobre su sus u un una uno unos unas y ya
""".split()),
    "en": set("""
a about an and are as at be by for from how in into is it its of on or that the this to what
when which with your
""".split()),
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Markdown's and templates' special characters, escaped in text.
SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}!~])")


class Markdown(html.parser.HTMLParser):
    """Markdown of an HTML page's text: headings, paragraphs, list items, definitions and
    preformatted blocks; everything inline becomes plain text. `skip` names classes whose
    elements (or whose id) are left out."""

    BLOCKS = {"p", "div", "li", "dt", "dd", "td", "th", "tr", "pre", "br", "table", "ul", "ol", "dl"}

    def __init__(self, skip=()):
        super().__init__(convert_charrefs=True)
        self.skip = set(skip)
        self.out = []
        self.line = []
        self.heading = 0
        self.pre = 0
        self.skipping = []
        self.stack = []
        self.headings = []

    def flush(self):
        text = "".join(self.line)
        self.line = []
        if self.pre:
            return
        text = " ".join(text.split())
        if not text:
            return
        if self.heading:
            self.headings.append(text)
            self.out.append("#" * self.heading + " " + SPECIAL.sub(r"\\\1", text))
        else:
            self.out.append(SPECIAL.sub(r"\\\1", text))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        names = set((attributes.get("class") or "").split()) | {attributes.get("id")}
        self.stack.append(tag)
        if self.skipping or names & self.skip or tag in ("script", "style", "head", "title"):
            self.skipping.append(len(self.stack))
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.heading = min(int(tag[1]) + 1, 6)  # h1 is the page's title: ## and down
        elif tag == "pre":
            self.flush()
            self.pre += 1
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        while self.stack:
            top = self.stack.pop()
            if self.skipping:
                if self.skipping[-1] == len(self.stack) + 1:
                    self.skipping.pop()
                if top == tag:
                    return
                continue
            if top in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.flush()
                self.heading = 0
            elif top == "pre":
                code = "".join(self.line).strip("\n")
                self.line = []
                self.pre -= 1
                if code.strip():
                    fence = "~~~~" if "```" in code else "```"
                    self.out.append(f"{fence}text\n{code}\n{fence}")
            elif top in self.BLOCKS:
                self.flush()
            if top == tag:
                return

    def handle_data(self, data):
        if not self.skipping:
            self.line.append(data)

    def markdown(self):
        self.flush()
        return "\n\n".join(self.out) + "\n"


def unnumbered(title):
    """A heading without its number ("6.2. Los programas" -> "Los programas")."""
    return re.sub(r"^((Capítulo|Chapter|Appendix|Apéndice)\s+)?[\dA-Z]?[\d.]+\s*", "", title).strip()


def content_words(text, lang):
    return [w for w in (m.group(0).lower() for m in WORD.finditer(text)) if w not in STOP[lang]]


def plural_en(word):
    """A simple English plural; None for a word that seems plural already."""
    if word.endswith("s"):
        return None
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("x", "ch", "sh")):
        return word + "es"
    return word + "s"


def front(title, description=None, weight=None):
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    if weight is not None:
        lines.append(f"weight: {weight}")
    return "\n".join(lines + ["---", "", ""])


def slug(text):
    folded = gen_queries.fold(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "pagina"


def handbook(content, candidates, lang):
    """Writes the handbook's chapters and pages; adds (words, text, url) per heading."""
    folder = HANDBOOK.format(HANDBOOK_LANGUAGES[lang])
    pages = sorted(f for f in os.listdir(folder) if f.startswith("sect.") and f.endswith(".html"))
    chapters = {}
    for name in pages:
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            page = fh.read()
        up = re.search(r'<link rel="up" href="([^"]+)" title="([^"]+)"', page)
        title = re.search(r"<title[^>]*>([^<]+)</title>", page)
        if not up or not title:
            continue
        chapter = html.unescape(up.group(2))
        section = "manual-" + slug(unnumbered(chapter))
        chapters.setdefault(section, unnumbered(chapter))
        body = page.split("<body", 1)[1].split(">", 1)[1]
        parser = Markdown(skip={"banner", "title", "docnav", "titlepage", "indexterm", "toc", "navfooter"})
        parser.feed(body)
        text = parser.markdown()
        title = unnumbered(html.unescape(title.group(1)))
        article = slug(name[len("sect."):-len(".html")])
        os.makedirs(os.path.join(content, section), exist_ok=True)
        with open(os.path.join(content, section, article + ".md"), "w", encoding="utf-8") as fh:
            fh.write(front(title) + text)
        url = f"/{section}/{article}/"
        for heading in [title] + [unnumbered(h) for h in parser.headings]:
            candidates.append((content_words(heading, lang), heading, url))
    for weight, (section, title) in enumerate(sorted(chapters.items()), 1):
        with open(os.path.join(content, section, "_index.md"), "w", encoding="utf-8") as fh:
            fh.write(front(title, weight=weight))


def manpages(content, candidates):
    """Writes the manual pages by section; adds (words, text, url) per NAME line."""
    for weight, (folder, title) in enumerate(MAN_SECTIONS.items(), 101):
        section = "manual-" + slug(title)
        os.makedirs(os.path.join(content, section), exist_ok=True)
        with open(os.path.join(content, section, "_index.md"), "w", encoding="utf-8") as fh:
            fh.write(front(title, weight=weight))
        for name in sorted(os.listdir(os.path.join(MANPAGES, folder))):
            path = os.path.join(MANPAGES, folder, name)
            if os.path.islink(path):
                continue
            done = subprocess.run(["mandoc", "-T", "html", path], capture_output=True, text=True)
            page = done.stdout
            about = re.search(r'<h1 class="Sh" id="NOMBRE">.*?</h1>\s*<p class="Pp">(.*?)</p>', page, re.S)
            if done.returncode != 0 or not about:
                continue
            line = " ".join(html.unescape(re.sub(r"<[^>]+>", "", about.group(1))).split())
            command, _, description = line.partition(" - ")
            if not description:
                continue
            parser = Markdown(skip={"head", "foot"})
            parser.feed(page.split("<body>", 1)[1])
            command = command.strip()
            article = slug(name.removesuffix(".gz"))
            with open(os.path.join(content, section, article + ".md"), "w", encoding="utf-8") as fh:
                fh.write(front(command, description) + parser.markdown())
            candidates.append((content_words(description, "es"), description, f"/{section}/{article}/"))


def queries(rng, candidates, count, lang):
    """Base queries (2 to 5 content words that no other candidate holds all of) and their
    variants, `count` from the handbook's headings and `count` from the NAME lines."""
    sets = [(set(words), url) for words, _, url in candidates]
    man_sections = tuple(f"/manual-{slug(t)}/" for t in MAN_SECTIONS.values())
    by_source = {"manpages": [], "handbook": []}
    for words, text, url in candidates:
        if not 2 <= len(words) <= 5 or len(set(words)) != len(words) or any(len(w) < 2 for w in words):
            continue
        need = set(words)
        if any(need <= other for other, u in sets if u != url):
            continue
        by_source["manpages" if url.startswith(man_sections) else "handbook"].append((words, url))
    made = 0
    for source in sorted(by_source):
        pool = sorted(set((tuple(w), u) for w, u in by_source[source]))
        rng.shuffle(pool)
        for words, url in pool[:count]:
            words = list(words)
            order = list(range(len(words)))
            rng.shuffle(order)
            inflection = None
            for i in order:
                alt = gen_queries.plural_es(words[i]) if lang == "es" else plural_en(words[i])
                if alt:
                    inflection = " ".join(words[:i] + [alt] + words[i + 1:])
                    break
            made += 1
            yield from gen_queries.variants(rng, "real", f"real-{made:03d}", lang, " ".join(words),
                                            [url], inflection, "exact")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--lang", choices=sorted(HANDBOOK_LANGUAGES), default="es")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--queries", type=int, default=120, help="base queries from each package")
    args = ap.parse_args(argv)
    for need in (HANDBOOK.format(HANDBOOK_LANGUAGES[args.lang]), MANPAGES):
        if not os.path.isdir(need):
            raise SystemExit(f"{need} is missing: apt-get install debian-handbook manpages-es mandoc")
    site = os.path.join(args.out, "site")
    content = os.path.join(site, "content")
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(site, "ayuda.yaml"), "w", encoding="utf-8") as fh:
        fh.write(f"title: Manual real\nbase_url: https://real.example.com\n"
                 f"default_language: {args.lang}\nlanguages: [{args.lang}]\n")
    with open(os.path.join(content, "_index.md"), "w", encoding="utf-8") as fh:
        fh.write(front("Manual real") + "Textos reales en español para medir la búsqueda.\n")
    candidates = []
    handbook(content, candidates, args.lang)
    if args.lang == "es":
        manpages(content, candidates)
    rng = random.Random(args.seed)
    records = list(queries(rng, candidates, args.queries, args.lang))
    with open(os.path.join(args.out, "real.jsonl"), "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    pages = sum(len(fs) for _, _, fs in os.walk(content))
    print(f"{pages} files, {len(records)} queries -> {site}, {args.out}/real.jsonl", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
