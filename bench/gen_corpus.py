#!/usr/bin/env python3
"""Synthetic help-center corpus for bench/site-build.sh.

Usage: gen_corpus.py N OUT_DIR [--seed S] [--hugo-links path|relref]

Writes N articles, spread round-robin over 25 sections (article k lives in
seccion-((k-1) % 25 + 1)), twice from the same random text:

  OUT_DIR/ayuda/  ayuda.yaml + content/                       (an ayuda site)
  OUT_DIR/hugo/   hugo.toml + content/ + layouts/             (the same site for Hugo)

The two content trees are byte-identical except for internal links: the ayuda
copy writes them as relative paths to .md files (`../seccion-03/articulo-00042.md`,
checked by ayuda at build time); the Hugo copy writes them as root-relative URL
paths (`/seccion-03/articulo-00042/`, the default) or, with `--hugo-links relref`, as
`{{< relref "/seccion-03/articulo-00042.md" >}}` (checked by Hugo at build time).

Python 3 standard library only. Output is a pure function of (N, seed).
"""

import argparse
import datetime
import os
import random
import shutil
import sys

SECTIONS = 25
MIN_WORDS, MAX_WORDS = 300, 1500

# Pseudo-Spanish vocabulary: real words, meaningless sentences.
WORDS = """
acceso acción actividad administrador agenda ajuste alcance alerta almacén análisis anexo
aplicación aprobación archivo área asignación auditoría aviso ayuda base búsqueda calendario
cambio campo capacitación categoría certificado ciclo cierre cliente código columna comité
compromiso condición configuración consulta contrato control copia correo criterio cuenta
dato decisión departamento descripción destino detalle documento edición efecto ejemplo
elemento empresa encuesta entrada equipo error escala espacio estado estrategia evaluación
evento evidencia excepción expediente fase fecha filtro firma flujo formato formulario
fuente función gestión grupo guía hallazgo herramienta historial horario identificador
impacto indicador información informe inicio inspección integración interfaz inventario
lista límite lugar mantenimiento mapa matriz medición mejora mensaje método meta módulo
motivo necesidad nivel nombre norma nota número objetivo observación opción orden
organización origen página panel parámetro participante perfil periodo permiso persona
plan plantilla plazo política portal prioridad problema procedimiento proceso producto
programa proyecto proveedor prueba punto reclamo recurso red referencia registro regla
reporte requisito respuesta responsable resultado reunión revisión riesgo rol ruta sección
seguimiento seguridad servicio sesión sistema solicitud soporte tabla tarea tema tiempo
tipo título token trámite usuario valor variable versión vista zona
""".split()

VERBS = """
abre actualiza agrega ajusta analiza anula aplica aprueba archiva asigna calcula cambia
carga cierra comparte completa configura confirma consulta controla copia crea define
descarga describe desactiva edita elimina envía establece evalúa exporta filtra firma
genera guarda habilita identifica importa incluye indica inicia marca modifica muestra
notifica ordena permite programa publica recibe registra revisa selecciona sincroniza
valida verifica
""".split()

ADJECTIVES = """
activo adicional anual automático básico central claro completo común correcto crítico
diario disponible electrónico específico externo final general habitual interno local
manual mensual nuevo obligatorio opcional pendiente principal privado público rápido
reciente semanal simple vigente visible
""".split()

LINKERS = """
de del en con para por sobre según desde hasta entre sin tras ante
""".split()

CONNECTORS = [
    "además", "por ejemplo", "sin embargo", "en ese caso", "por lo tanto", "de igual forma",
    "en general", "si es necesario", "antes de continuar", "al terminar",
]

TAGS = """
acceso alertas api auditorias calendario configuracion documentos encuestas equipos
exportar facturacion formularios importar indicadores informes integraciones inventario
mantenimiento notificaciones permisos plantillas proveedores reportes riesgos seguridad
soporte tareas usuarios
""".split()

LANGS = ["json", "bash", "python"]

# Word classes drawn with these probabilities: nouns 45 %, verbs 15 %,
# adjectives 15 %, prepositions 25 %.
POOL = WORDS + VERBS + ADJECTIVES + LINKERS
POOL_CUM = []
for _cls, _p in ((WORDS, 0.45), (VERBS, 0.15), (ADJECTIVES, 0.15), (LINKERS, 0.25)):
    for _ in _cls:
        POOL_CUM.append((POOL_CUM[-1] if POOL_CUM else 0.0) + _p / len(_cls))


class Text:
    """Random pseudo-Spanish snippets; counts the words it emits."""

    def __init__(self, rng):
        self.rng = rng
        self.words = 0

    def words_list(self, n):
        self.words += n
        return self.rng.choices(POOL, cum_weights=POOL_CUM, k=n)

    def phrase(self, lo, hi):
        """Capitalised words without final punctuation (titles, headings, cells)."""
        w = self.words_list(self.rng.randint(lo, hi))
        # Do not end a title on a preposition.
        while w[-1] in LINKERS:
            w[-1] = self.rng.choice(WORDS)
        return " ".join(w).capitalize()

    def sentence(self, lo=6, hi=18, inline=True):
        w = self.words_list(self.rng.randint(lo, hi))
        if inline and len(w) > 4:
            r = self.rng.random()
            i = self.rng.randrange(1, len(w) - 1)
            if r < 0.12:
                w[i] = f"**{w[i]}**"
            elif r < 0.20:
                w[i] = f"*{w[i]}*"
            elif r < 0.26:
                w[i] = f"`{w[i]}`"
        if self.rng.random() < 0.25:
            c = self.rng.choice(CONNECTORS)
            self.words += len(c.split())
            w.insert(0, c + ",")
        return " ".join(w).capitalize() + "."

    def paragraph(self, lo_words, hi_words):
        target = self.rng.randint(lo_words, hi_words)
        start = self.words
        out = []
        while self.words - start < target:
            out.append(self.sentence())
        return " ".join(out)


def article_path(k):
    """(section folder, file stem) of article k (1-based)."""
    return f"seccion-{(k - 1) % SECTIONS + 1:02d}", f"articulo-{k:05d}"


def code_block(rng, lang):
    if lang == "json":
        body = "{\n" + ",\n".join(
            f'  "{rng.choice(WORDS)}_{i}": ' + rng.choice(
                [str(rng.randint(0, 9999)), "true", "false", f'"{rng.choice(ADJECTIVES)}"', "null"]
            )
            for i in range(rng.randint(3, 8))
        ) + "\n}"
    elif lang == "bash":
        lines = [
            f"curl -s -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v1/{rng.choice(TAGS)}",
            f"export {rng.choice(TAGS).upper()}_LIMITE={rng.randint(10, 500)}",
            f"ayuda-cli {rng.choice(VERBS)} --{rng.choice(WORDS)} {rng.randint(1, 99)}",
            f"grep -c '{rng.choice(WORDS)}' registro-{rng.randint(1, 9)}.log",
            f"echo \"{rng.choice(ADJECTIVES)}\" | tee -a salida.txt",
        ]
        body = "\n".join(rng.sample(lines, rng.randint(2, len(lines))))
    else:
        name = rng.choice(TAGS)
        body = "\n".join([
            "import json",
            "",
            f"def {name}(registros, limite={rng.randint(5, 50)}):",
            f"    \"\"\"{rng.choice(VERBS).capitalize()} los registros {rng.choice(ADJECTIVES)}s.\"\"\"",
            "    resultado = []",
            "    for r in registros:",
            f"        if r.get(\"{rng.choice(WORDS)}\", 0) > limite:",
            "            resultado.append(r)",
            "    return resultado",
            "",
            f"print(json.dumps({name}([{{\"valor\": {rng.randint(1, 99)}}}])))",
        ])
    return f"```{lang}\n{body}\n```"


def table(t):
    rng = t.rng
    cols = rng.randint(2, 4)
    rows = rng.randint(3, 6)
    head = [t.phrase(1, 2) for _ in range(cols)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * cols]
    for _ in range(rows):
        cells = [t.phrase(1, 2)] + [" ".join(t.words_list(rng.randint(1, 6))) for _ in range(cols - 1)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def bullets(t, ordered=False):
    n = t.rng.randint(3, 6)
    items = []
    for i in range(n):
        marker = f"{i + 1}." if ordered else "-"
        items.append(f"{marker} {t.sentence(4, 12)}")
    return "\n".join(items)


def article_body(t, k, n, with_code):
    """Markdown body of article k of n, MIN_WORDS..MAX_WORDS words of prose
    (code blocks not counted). Internal links are written as the placeholder
    \x00LINK:j\x00 and substituted per layout by the caller."""
    rng = t.rng
    t.words = 0
    # A paragraph overshoots its size by at most one sentence (21 words) and the
    # fill loop stops with at most 40 words of room left.
    target = rng.randint(MIN_WORDS + 40, MAX_WORDS - 22)

    # Mandatory elements first, so that their words count against the target.
    tbl = table(t)
    caption = None
    if with_code:
        caption = "Ejemplo " + " ".join(t.words_list(rng.randint(2, 5))) + ":"
    links = []
    if n > 1:  # 1-3 links to other articles, each a sentence appended to a paragraph
        others = set()
        want = min(rng.randint(1, 3), n - 1)
        while len(others) < want:
            j = rng.randint(1, n)
            if j != k:
                others.add(j)
        for j in sorted(others):
            text = " ".join(t.words_list(rng.randint(2, 5)))
            t.words += 4
            links.append(f"Consulte [{text}](\x00LINK:{j}\x00) para más detalles.")
    closing = t.paragraph(10, 30)

    def para(lo, hi):
        room = target - t.words
        hi = max(1, min(hi, room))
        return t.paragraph(min(lo, hi), hi)

    intro = para(30, 70)
    sections = []  # each a list of blocks
    while target - t.words > 40:
        sec = ["## " + t.phrase(2, 5), para(30, 90)]
        if rng.random() < 0.35 and target - t.words > 110:
            sec.append(bullets(t, ordered=rng.random() < 0.3))
            sec.append(para(20, 60))
        if rng.random() < 0.45 and target - t.words > 60:
            sec.append("### " + t.phrase(2, 4))
            sec.append(para(25, 80))
            if rng.random() < 0.3 and target - t.words > 100:
                sec.append(bullets(t))
        sections.append(sec)
    if not sections:
        sections.append(["## " + t.phrase(2, 5), t.paragraph(5, 10)])

    # Place the mandatory elements in random sections.
    rng.choice(sections).append(tbl)
    if with_code:
        sec = rng.choice(sections)
        sec.append(caption)
        sec.append(code_block(rng, rng.choice(LANGS)))
    for link in links:
        sec = rng.choice(sections)
        paras = [i for i, b in enumerate(sec) if b[0] not in "#-|`0123456789"]
        i = rng.choice(paras)
        sec[i] = sec[i] + " " + link

    blocks = [intro]
    for sec in sections:
        blocks.extend(sec)
    blocks.append(closing)
    return "\n\n".join(blocks) + "\n"


def front_matter(fields):
    lines = ["---"]
    for key, value in fields:
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# Hugo is configured to produce what `ayuda build` produces (an HTML page per
# article, section and home, a 404 page, sitemap.xml, robots.txt and one feed of
# the 20 newest articles) and nothing more: no tag pages, no per-section feeds.
HUGO_TOML = """\
baseURL = "https://bench.example.com/"
title = "Bench"
languageCode = "es"
defaultContentLanguage = "es"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
rssLimit = 20

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]

[related]
includeNewer = true
threshold = 1
toLower = false
[[related.indices]]
name = "tags"
weight = 100

[markup.tableOfContents]
startLevel = 2
endLevel = 3
ordered = true
"""

# Same page furniture as ayuda's default theme: header, a menu of sections with
# the current section's articles, breadcrumbs, table of contents, content with
# heading anchors and highlighted code, prev/next, reading time, 5 related
# articles (by tags), Open Graph tags.
BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#contenido">Saltar al contenido</a>
<header class="site-header"><a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<div class="layout">
<nav class="site-menu" aria-label="Barra de menú">
{{- /* The menu is rendered once per section; each page only marks itself. */}}
{{- $menu := partialCached "menu.html" .CurrentSection .CurrentSection.RelPermalink }}
{{- $here := printf `<li class="menu-article"><a href="%s">` .RelPermalink }}
{{- $mark := printf `<li class="menu-article is-current"><a href="%s" aria-current="page">` .RelPermalink }}
{{- replace $menu $here $mark | safeHTML }}
</nav>
<main id="contenido">
{{- if not .IsHome }}
<nav class="breadcrumbs" aria-label="Ruta de navegación"><ol>
{{- range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end -}}
<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>
{{- end }}
{{ block "main" . }}{{ end }}
</main>
</div>
<footer class="site-footer"><p>{{ .Site.Title }}</p></footer>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article class="article">
<header class="article-header">
<h1>{{ .Title }}</h1>
<p class="article-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
· Tiempo estimado de lectura: {{ .ReadingTime }} minutos</p>
</header>
<nav class="toc" aria-label="En esta página"><h2 class="toc-title">En esta página</h2>{{ .TableOfContents }}</nav>
<div class="content">{{ .Content }}</div>
<nav class="pager" aria-label="Anterior / Siguiente">
{{- /* Hugo's NextInSection is the previous page in weight order. */}}
{{- with .NextInSection }}<a class="pager-prev" rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{- with .PrevInSection }}<a class="pager-next" rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{- with .Site.RegularPages.Related . | first 5 }}
<aside class="related"><h2>Artículos relacionados</h2><ul>
{{- range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></aside>
{{- end }}
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
<ul class="articles">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>
{{- end }}
</ul>
{{ end }}
"""

INDEX = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="sections">
{{- range .Site.Sections.ByWeight }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})
{{- with .Description }}<p>{{ . }}</p>{{ end }}</li>
{{- end }}
</ul>
{{ end }}
"""

MENU = """\
<ul class="menu">
{{- $current := . }}
{{- range site.Sections.ByWeight }}
<li class="menu-item"><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- if eq . $current }}
<ul>
{{- range .Pages }}
<li class="menu-article"><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{- end }}
</li>
{{- end }}
</ul>
"""

NOT_FOUND = """\
{{ define "main" }}
<h1>Página no encontrada</h1>
<p><a href="{{ .Site.Home.RelPermalink }}">Volver al inicio</a></p>
{{ end }}
"""

RENDER_HEADING = """\
<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }}<a class="heading-anchor" \
href="#{{ .Anchor | safeURL }}" aria-label="Enlace a esta sección: {{ .PlainText }}">#</a></h{{ .Level }}>
"""


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", help="output directory (ayuda/ and hugo/ are replaced)")
    ap.add_argument("--seed", type=int, default=20250101)
    ap.add_argument("--hugo-links", choices=["path", "relref"], default="path",
                    help="how internal links are written in the Hugo copy (default: path)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")

    rng = random.Random(args.seed)
    t = Text(rng)
    ayuda_root = os.path.join(args.out, "ayuda")
    hugo_root = os.path.join(args.out, "hugo")
    for root in (ayuda_root, hugo_root):
        if os.path.exists(root):
            shutil.rmtree(root)
        os.makedirs(os.path.join(root, "content"))

    write(os.path.join(ayuda_root, "ayuda.yaml"),
          "title: Bench\nbase_url: https://bench.example.com\n")
    write(os.path.join(hugo_root, "hugo.toml"), HUGO_TOML)
    layouts = os.path.join(hugo_root, "layouts", "_default")
    os.makedirs(layouts)
    write(os.path.join(layouts, "baseof.html"), BASEOF)
    write(os.path.join(layouts, "single.html"), SINGLE)
    write(os.path.join(layouts, "list.html"), LIST)
    write(os.path.join(hugo_root, "layouts", "index.html"), INDEX)
    write(os.path.join(hugo_root, "layouts", "404.html"), NOT_FOUND)
    os.makedirs(os.path.join(hugo_root, "layouts", "partials"))
    write(os.path.join(hugo_root, "layouts", "partials", "menu.html"), MENU)
    os.makedirs(os.path.join(layouts, "_markup"))
    write(os.path.join(layouts, "_markup", "render-heading.html"), RENDER_HEADING)

    def link_ayuda(j):
        sec, stem = article_path(j)
        return f"../{sec}/{stem}.md"

    if args.hugo_links == "relref":
        def link_hugo(j):
            sec, stem = article_path(j)
            return f'{{{{< relref "/{sec}/{stem}.md" >}}}}'
    else:
        def link_hugo(j):
            sec, stem = article_path(j)
            return f"/{sec}/{stem}/"

    def emit(rel, text, hugo_text=None):
        write(os.path.join(ayuda_root, "content", rel), text)
        write(os.path.join(hugo_root, "content", rel), text if hugo_text is None else hugo_text)

    def render(body, link):
        parts = body.split("\x00")
        for i in range(1, len(parts), 2):
            parts[i] = link(int(parts[i][len("LINK:"):]))
        return "".join(parts)

    home = front_matter([("title", "Bench")]) + t.paragraph(40, 80) + "\n"
    emit("_index.md", home)

    for s in range(1, SECTIONS + 1):
        folder = f"seccion-{s:02d}"
        for root in (ayuda_root, hugo_root):
            os.makedirs(os.path.join(root, "content", folder))
        fm = front_matter([
            ("title", t.phrase(2, 4)),
            ("description", t.sentence(8, 16, inline=False)),
            ("weight", s),
        ])
        emit(f"{folder}/_index.md", fm + t.paragraph(30, 60) + "\n")

    epoch = datetime.date(2020, 1, 1)
    for k in range(1, args.n + 1):
        folder, stem = article_path(k)
        tags = sorted(rng.sample(TAGS, rng.randint(1, 4)))
        fm = front_matter([
            ("title", t.phrase(3, 8)),
            ("description", t.sentence(10, 22, inline=False)),
            ("date", (epoch + datetime.timedelta(days=rng.randrange(6 * 365))).isoformat()),
            ("weight", (k - 1) // SECTIONS + 1),
            ("tags", tags),
        ])
        body = article_body(t, k, args.n, with_code=(k % 3 == 0))
        emit(f"{folder}/{stem}.md", fm + render(body, link_ayuda), fm + render(body, link_hugo))

    print(f"{args.n} articles in {SECTIONS} sections -> {ayuda_root}, {hugo_root}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
