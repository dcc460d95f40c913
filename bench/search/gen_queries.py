#!/usr/bin/env python3
"""Query sets of the search relevance suite (bench/search/).

Usage:
  gen_queries.py [--out DIR] [--n 10000] [--seed 42] [--corpus DIR] [--check]

Writes two JSON-lines files (one query a line):

  DIR/demo.jsonl       queries over the demo site in content/ (es and en)
  DIR/synthetic.jsonl  queries over `bench/gen_corpus.py N DIR --seed S` (es)

Each line is {"set", "variant", "lang", "id", "query", "expected"}: `expected` lists the URL
paths (site root relative, trailing slash, no fragment) of the pages of which at least one
should be in the top 5. Variants of one base query share its `id`:

  exact       the query as a reader would type it (es)
  english     the same need on the English pages (en); the English query then has its own
              typo1, noaccent, inflection, prefix and upper variants with lang "en"
  typo1       one random edit (insertion, deletion, substitution or transposition of two
              adjacent letters) at a random position of one random word of >= 4 letters
  noaccent    accents and tildes removed (only when that changes the query)
  inflection  one word in another form: singular/plural or another verb form (hand-written
              for the demo set, rule-based plurals for the synthetic set)
  prefix      the last word cut to its first 3-5 letters, as if still typing (only when the
              last word has more letters than that)
  upper       UPPERCASE

The demo queries are written by hand below from reading content/; the synthetic ones come
from article titles of the synthetic corpus (the title's content words, kept only when no
other title contains them all). Everything random uses one random.Random(seed): the output
is a pure function of the arguments and of this file. `--check` also reports, for each demo
query, the words that do not occur (folded, first 5 letters) in its expected pages' sources.

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# ---------------------------------------------------------------------------------------------
# The demo set. One entry per information need:
#   (expected pages (content path without .md; the English page is /en/ + the same path),
#    Spanish query, Spanish inflected query, English query, English inflected query)
# The first page listed is the one the query was written for; further pages answer it too
# (the FAQ page and the article it links to answer the same question).
FAQ = "preguntas-frecuentes/preguntas-frecuentes"
DEMO = [
    # Información comercial y de producto
    (["informacion-comercial/facturacion-y-facturas"],
     "descargar factura electrónica", "descargar facturas electrónicas",
     "download electronic invoice", "download electronic invoices"),
    (["informacion-comercial/facturacion-y-facturas"],
     "medios de pago", "medio de pago",
     "payment methods", "payment method"),
    (["informacion-comercial/planes-y-licencias"],
     "ampliar licencias de usuario", "ampliar licencia de usuario",
     "user licenses", "user license"),
    (["informacion-comercial/renovacion-del-contrato"],
     "renovación del contrato", "renovar el contrato",
     "contract renewal", "renew the contract"),
    (["informacion-de-producto/requisitos-del-sistema"],
     "navegadores admitidos", "navegador admitido",
     "supported browsers", "supported browser"),
    (["informacion-de-producto/politica-de-versiones"],
     "ventanas de mantenimiento", "ventana de mantenimiento",
     "maintenance windows", "maintenance window"),
    (["informacion-de-producto/politica-de-versiones"],
     "entorno de pruebas", "entornos de prueba",
     "test environment", "test environments"),
    # Configuración
    (["configuracion/contrasenas-y-acceso"],
     "verificación en dos pasos", "verificaciones en dos pasos",
     "two-step verification", "two-step verifications"),
    (["configuracion/contrasenas-y-acceso"],
     "cuenta bloqueada", "cuentas bloqueadas",
     "account locked", "accounts locked"),
    (["configuracion/contrasenas-y-acceso"],
     "códigos de recuperación", "código de recuperación",
     "recovery codes", "recovery code"),
    (["configuracion/usuarios-y-roles"],
     "crear un rol personalizado", "crear roles personalizados",
     "create a custom role", "create custom roles"),
    (["configuracion/usuarios-y-roles"],
     "inactivar un usuario", "inactivar usuarios",
     "deactivate a user", "deactivating users"),
    (["configuracion/organizacion-y-parametros-generales"],
     "calendario laboral y festivos", "calendarios laborales y festivo",
     "work calendar and holidays", "work calendars and holiday"),
    # Contexto de la organización
    (["contexto-de-la-organizacion/alcance-y-mapa-de-procesos"],
     "mapa de procesos", "mapas de procesos",
     "process map", "process maps"),
    (["contexto-de-la-organizacion/analisis-dofa-y-pestel"],
     "matriz DOFA", "matrices DOFA",
     "SWOT matrix", "SWOT matrices"),
    (["contexto-de-la-organizacion/partes-interesadas"],
     "matriz de influencia e interés", "matrices de influencia e interés",
     "influence and interest matrix", "influence and interest matrices"),
    # Encuestas
    (["encuestas/como-crear-una-encuesta"],
     "lógica condicional", "lógicas condicionales",
     "conditional logic", "conditional logics"),
    (["encuestas/distribuir-y-analizar-resultados"],
     "analizar los resultados de la encuesta", "analizar el resultado de las encuestas",
     "analyze the survey results", "analyzing the survey result"),
    # Equipos
    (["equipos/calibracion-de-equipos-de-medicion"],
     "verificación intermedia", "verificaciones intermedias",
     "intermediate check", "intermediate checks"),
    (["equipos/hoja-de-vida-de-equipos"],
     "dar de baja un equipo", "dar de baja los equipos",
     "decommission equipment", "decommissioning equipment"),
    (["equipos/plan-de-mantenimiento"],
     "orden de trabajo de mantenimiento", "órdenes de trabajo de mantenimiento",
     "maintenance work order", "maintenance work orders"),
    # Flow
    (["flow/aprobaciones-en-flow"],
     "delegar aprobaciones durante ausencias", "delegar aprobación durante una ausencia",
     "delegate approvals while away", "delegating approval while away"),
    (["flow/estados-y-transiciones"],
     "condiciones en las transiciones", "condición en una transición",
     "conditions on transitions", "condition on a transition"),
    (["flow/notificaciones-en-flow"],
     "recordatorios y escalamiento", "recordatorio y escalamiento",
     "reminders and escalation", "reminder and escalation"),
    # Gestión ambiental
    (["gestion-ambiental/aspectos-e-impactos-ambientales"],
     "significancia del aspecto ambiental", "significancia de los aspectos ambientales",
     "significance of an environmental aspect", "significance of environmental aspects"),
    (["gestion-ambiental/registro-de-consumos-y-residuos"],
     "disposición de residuos", "disposición del residuo",
     "waste disposal", "wastes disposal"),
    # Gestión documental
    (["gestion-documental/exportar-documentos"],
     "exportar el listado maestro a Excel", "exportando listados maestros a Excel",
     "export the master list to Excel", "exporting master lists to Excel"),
    (["gestion-documental/versiones-y-aprobacion", FAQ],
     "historial de versiones", "historial de la versión",
     "version history", "versions history"),
    # Indicadores
    (["indicadores/crear-un-indicador"],
     "fórmula del indicador", "fórmulas de los indicadores",
     "indicator formula", "indicator formulas"),
    (["indicadores/tableros-de-indicadores"],
     "tablero personalizado", "tableros personalizados",
     "custom dashboard", "custom dashboards"),
    # Mejoramiento continuo
    (["mejoramiento-continuo/acciones-correctivas"],
     "verificación de eficacia", "verificar la eficacia",
     "effectiveness verification", "verifying effectiveness"),
    (["mejoramiento-continuo/analisis-de-causa-raiz"],
     "diagrama de espina de pescado", "diagramas de espina de pescado",
     "fishbone diagram", "fishbone diagrams"),
    (["mejoramiento-continuo/planes-de-accion"],
     "agregar actividades al plan de acción", "agregar una actividad al plan de acción",
     "add activities to the action plan", "adding an activity to the action plan"),
    # Planeación
    (["planeacion/plan-estrategico"],
     "mapa estratégico", "mapas estratégicos",
     "strategy map", "strategy maps"),
    (["planeacion/proyectos-y-plan-operativo"],
     "plan operativo anual", "planes operativos anuales",
     "annual operating plan", "annual operating plans"),
    # Proveedores
    (["proveedores/evaluacion-de-proveedores"],
     "evaluación de desempeño de proveedores", "evaluar el desempeño del proveedor",
     "supplier performance evaluation", "supplier performance evaluations"),
    (["proveedores/portal-de-proveedores"],
     "invitar a un proveedor al portal", "invitar proveedores al portal",
     "invite a supplier to the portal", "inviting suppliers to the portal"),
    # Riesgos
    (["riesgos/controles-y-riesgo-residual"],
     "riesgo residual", "riesgos residuales",
     "residual risk", "residual risks"),
    (["riesgos/identificar-y-valorar-riesgos"],
     "valorar el riesgo inherente", "valoración de riesgos inherentes",
     "assess the inherent risk", "assessing inherent risks"),
    (["riesgos/tratamiento-de-riesgos"],
     "opciones de tratamiento del riesgo", "opción de tratamiento de riesgos",
     "risk treatment options", "risk treatment option"),
    # Rutas y salidas no conformes
    (["rutas-de-aprendizaje/ruta-auditor"],
     "ruta para el auditor interno", "rutas para auditores internos",
     "learning path for internal auditors", "learning paths for an internal auditor"),
    (["salidas-no-conformes/tratamiento-y-cierre-de-salidas-no-conformes"],
     "tramitar una concesión", "tramitar concesiones",
     "process a concession", "processing concessions"),
    # Seguridad de la información y SST
    (["seguridad-de-la-informacion/declaracion-de-aplicabilidad"],
     "declaración de aplicabilidad", "declaraciones de aplicabilidad",
     "statement of applicability", "statements of applicability"),
    (["seguridad-de-la-informacion/inventario-de-activos-de-informacion"],
     "confidencialidad integridad y disponibilidad", "confidencial íntegro y disponible",
     "confidentiality integrity and availability", "confidential integrity and available"),
    (["seguridad-y-salud/matriz-de-peligros-y-valoracion-de-riesgos"],
     "identificar un peligro", "identificar peligros",
     "identify a hazard", "identifying hazards"),
    (["seguridad-y-salud/reporte-e-investigacion-de-incidentes-y-accidentes"],
     "investigar un accidente", "investigación de accidentes",
     "investigate an accident", "investigating accidents"),
    # Servicio al cliente
    (["servicio-al-cliente/acuerdo-de-niveles-de-servicio"],
     "horario de atención", "horarios de atención",
     "support hours", "support hour"),
    (["servicio-al-cliente/acuerdo-de-niveles-de-servicio"],
     "tiempos de respuesta y de solución", "tiempo de respuesta y solución",
     "response and resolution times", "response and resolution time"),
    (["servicio-al-cliente/acuerdo-de-niveles-de-servicio"],
     "soluciones temporales", "solución temporal",
     "temporary workarounds", "temporary workaround"),
    (["servicio-al-cliente/como-gestionar-tickets-de-soporte"],
     "estados de un ticket", "estado de los tickets",
     "ticket statuses", "ticket status"),
    (["servicio-al-cliente/cuenta-en-el-portal-de-soporte"],
     "autorregistro en el portal", "autorregistrarse en el portal",
     "self-registration in the portal", "self-registering in the portal"),
    (["servicio-al-cliente/encuesta-de-satisfaccion-del-soporte"],
     "presentar una queja formal", "presentar quejas formales",
     "file a formal complaint", "filing formal complaints"),
    # Servicio matriz legal, talento humano, barra de menú, actas, API, auditorías
    (["servicio-matriz-legal-sst/actualizaciones-normativas"],
     "suscribirse a las novedades", "suscribirme a la novedad",
     "subscribe to updates", "subscribing to updates"),
    (["talento-humano/perfiles-de-cargo"],
     "catálogo de competencias", "catálogos de competencias",
     "competency catalog", "competency catalogs"),
    (["talento-humano/plan-de-formacion"],
     "registrar la asistencia", "registrar asistencias",
     "record attendance", "recording attendance"),
    (["barra-de-menu/atajos-de-teclado"],
     "atajos de teclado", "atajo de teclado",
     "keyboard shortcuts", "keyboard shortcut"),
    (["barra-de-menu/favoritos-y-busqueda"],
     "operadores de búsqueda", "operador de búsqueda",
     "search operators", "search operator"),
    (["actas-e-informes/seguimiento-de-compromisos"],
     "cambio de fecha de un compromiso", "cambiar la fecha de los compromisos",
     "change the due date of a commitment", "changing the due date of commitments"),
    (["api-e-integraciones/webhooks-e-integraciones"],
     "crear un webhook", "crear webhooks",
     "create a webhook", "creating webhooks"),
    (["auditorias-e-inspecciones/inspecciones-programadas"],
     "programar inspecciones periódicas", "programar una inspección periódica",
     "schedule recurring inspections", "scheduling a recurring inspection"),
    # FAQ questions (typed without ¿?), answered by the FAQ page and the article it links to
    ([FAQ, "configuracion/contrasenas-y-acceso"],
     "cómo recupero mi contraseña", "cómo recuperar mi contraseña",
     "how do I recover my password", "how do I recover my passwords"),
    ([FAQ, "informacion-de-producto/requisitos-del-sistema"],
     "qué navegadores puedo usar con Calidoria", "qué navegador puedo usar con Calidoria",
     "which browsers can I use with Calidoria", "which browser can I use with Calidoria"),
    ([FAQ, "barra-de-menu/notificaciones-y-menu-de-perfil"],
     "por qué no me llegan los correos", "por qué no me llega el correo",
     "why am I not receiving e-mails", "why am I not receiving e-mail"),
    ([FAQ, "api-e-integraciones/autenticacion-con-token-de-api"],
     "cómo obtengo un token para usar la API", "cómo obtener un token para usar la API",
     "how do I get a token to use the API", "how do I get tokens to use the API"),
    ([FAQ, "indicadores/crear-un-indicador"],
     "qué significan los colores del semáforo", "qué significa el color del semáforo",
     "what do the traffic-light colors mean", "what does the traffic-light color mean"),
    ([FAQ, "servicio-al-cliente/como-gestionar-tickets-de-soporte"],
     "cómo abro un ticket de soporte", "cómo abrir tickets de soporte",
     "how do I open a support ticket", "how do I open support tickets"),
    ([FAQ, "configuracion/usuarios-y-roles"],
     "qué hago cuando una persona se retira de la organización",
     "qué hacer cuando una persona se retira de la organización",
     "what do I do when someone leaves the organization",
     "what do I do when someone left the organization"),
    ([FAQ, "gestion-documental/versiones-y-aprobacion"],
     "cómo modifico un documento vigente", "cómo modificar documentos vigentes",
     "how do I change a document in force", "how do I change documents in force"),
    ([FAQ, "configuracion/contrasenas-y-acceso"],
     "por qué se bloqueó mi cuenta", "por qué se bloquea mi cuenta",
     "why was my account locked", "why is my account locked"),
    ([FAQ, "informacion-comercial/renovacion-del-contrato"],
     "qué pasa con nuestra información si no renovamos",
     "qué pasa con nuestra información si no renovar",
     "what happens to our information if we do not renew",
     "what happens to our information if we do not renewing"),
]

# ---------------------------------------------------------------------------------------------
# Variants

LETTERS = "abcdefghijklmnopqrstuvwxyz"
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def fold(s):
    """Accents and tildes removed (NFD, combining marks dropped), case kept."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)))


def typo1(rng, query):
    """One edit in one random word of >= 4 letters; None if the query has no such word."""
    words = query.split(" ")
    cands = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not cands:
        return None
    while True:
        i = rng.choice(cands)
        w = words[i]
        op = rng.choice(["insert", "delete", "substitute", "transpose"])
        if op == "insert":
            p = rng.randrange(len(w) + 1)
            t = w[:p] + rng.choice(LETTERS) + w[p:]
        elif op == "delete":
            p = rng.randrange(len(w))
            t = w[:p] + w[p + 1:]
        elif op == "substitute":
            p = rng.randrange(len(w))
            t = w[:p] + rng.choice(LETTERS) + w[p + 1:]
        else:
            p = rng.randrange(len(w) - 1)
            t = w[:p] + w[p + 1] + w[p] + w[p + 2:]
        if t.lower() != w.lower():
            words[i] = t
            return " ".join(words), op


def prefix(rng, query):
    """The last word cut to its first 3-5 letters (fewer than it has); None if too short."""
    words = query.split(" ")
    last = words[-1]
    ks = [k for k in (3, 4, 5) if k < len(last)]
    if not ks or not last.isalpha():
        return None
    words[-1] = last[:rng.choice(ks)]
    return " ".join(words)


# Rule-based Spanish plural of the synthetic corpus's vocabulary (nouns and adjectives; the
# verbs, 3rd person singular, take the plural -n). None when the word has no simple plural.
PLURAL_SPECIAL = {"orden": "órdenes", "interfaz": "interfaces", "token": "tokens",
                  "almacén": "almacenes", "origen": "orígenes", "examen": "exámenes"}
STRESS_DROP = {"ón": "on", "án": "an", "én": "en", "ín": "in", "ún": "un"}


def plural_es(w):
    if w in PLURAL_SPECIAL:
        return PLURAL_SPECIAL[w]
    if w.endswith("s") or w.endswith("x"):
        return None
    if w[-1] in "aeiouáéó":
        return w + "s"
    if w.endswith("z"):
        return w[:-1] + "ces"
    for acc, plain in STRESS_DROP.items():
        if w.endswith(acc):
            return w[:-2] + plain + "es"
    if w[-1] in "íú":
        return w + "es"
    if w[-1] in "dlnrj":
        return w + "es"
    return None


def variants(rng, set_name, ident, lang, query, expected, inflection, first):
    """Yield the records of one base query in one language; `first` is "exact" or "english"."""
    def rec(variant, q):
        return {"set": set_name, "variant": variant, "lang": lang, "id": ident,
                "query": q, "expected": expected}
    yield rec(first, query)
    t = typo1(rng, query)
    if t:
        yield rec("typo1", t[0])
    if fold(query) != query:
        yield rec("noaccent", fold(query))
    if inflection and inflection != query:
        yield rec("inflection", inflection)
    p = prefix(rng, query)
    if p:
        yield rec("prefix", p)
    yield rec("upper", query.upper())


# ---------------------------------------------------------------------------------------------
# Sets

def demo_records(rng):
    for n, (pages, es, es_inf, en, en_inf) in enumerate(DEMO, 1):
        ident = f"demo-{n:03d}"
        yield from variants(rng, "demo", ident, "es", es, [f"/{p}/" for p in pages], es_inf,
                            "exact")
        yield from variants(rng, "demo", ident, "en", en, [f"/en/{p}/" for p in pages], en_inf,
                            "english")


def read_titles(corpus):
    """{url path: title} of the synthetic corpus's articles."""
    content = os.path.join(corpus, "ayuda", "content")
    out = {}
    for sec in sorted(os.listdir(content)):
        d = os.path.join(content, sec)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.startswith("articulo-"):
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("title: "):
                        out[f"/{sec}/{f[:-3]}/"] = line[7:].strip()
                        break
    return out


def synthetic_records(rng, corpus, count):
    sys.path.insert(0, os.path.join(REPO, "bench"))
    import gen_corpus  # noqa: E402  (the corpus's own word lists)
    linkers = set(gen_corpus.LINKERS)
    verbs = set(gen_corpus.VERBS)
    titles = read_titles(corpus)
    content = {u: [w for w in t.lower().split() if w not in linkers] for u, t in titles.items()}
    sets = {u: set(ws) for u, ws in content.items()}
    urls = sorted(titles)
    rng.shuffle(urls)
    made = 0
    for url in urls:
        if made == count:
            break
        words = content[url]
        # 3 to 5 distinct content words: specific enough to name one article of 10,000.
        if len(set(words)) != len(words) or not 3 <= len(words) <= 5:
            continue
        need = sets[url]
        if any(need <= s for u, s in sets.items() if u != url):
            continue
        query = " ".join(words)
        # inflection: one word that has a simple plural (verbs: 3rd person plural)
        infl = None
        order = list(range(len(words)))
        rng.shuffle(order)
        for i in order:
            w = words[i]
            alt = w + "n" if w in verbs else plural_es(w)
            if alt:
                infl = " ".join(words[:i] + [alt] + words[i + 1:])
                break
        made += 1
        yield from variants(rng, "synthetic", f"synthetic-{made:03d}", "es", query, [url], infl,
                            "exact")
    if made < count:
        raise SystemExit(f"only {made} titles qualified for the synthetic set, wanted {count}")


# ---------------------------------------------------------------------------------------------

def check_demo():
    """Print, per demo query, the words not found in any of its expected pages' sources."""
    stop = set("a al con de del e el en la las los mi me no para por que qué se si su un una y "
               "cómo do i a an the to of and on in for my can is was we our with what which "
               "why how when does".split())
    problems = 0
    for n, (pages, es, es_inf, en, en_inf) in enumerate(DEMO, 1):
        for lang, queries in (("es", (es, es_inf)), ("en", (en, en_inf))):
            text = ""
            for p in pages:
                f = os.path.join(REPO, "content", p + (".en.md" if lang == "en" else ".md"))
                if not os.path.exists(f):
                    print(f"demo-{n:03d}: missing page {f}")
                    problems += 1
                    continue
                with open(f, encoding="utf-8") as fh:
                    text += fold(fh.read().lower())
            words = set(m[:5] for m in WORD_RE.findall(text))
            for q in queries:
                miss = [w for w in q.lower().split() if w not in stop
                        and fold(w)[:5] not in words]
                if miss:
                    print(f"demo-{n:03d} {lang}: {q!r}: not in page: {miss}")
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "queries"))
    ap.add_argument("--n", type=int, default=10000, help="articles of the synthetic corpus")
    ap.add_argument("--seed", type=int, default=42, help="seed of the synthetic corpus")
    ap.add_argument("--queries", type=int, default=100, help="synthetic base queries")
    ap.add_argument("--corpus", help="an existing gen_corpus.py output for (N, seed)")
    ap.add_argument("--check", action="store_true", help="check the demo queries' words")
    args = ap.parse_args(argv)
    if args.check:
        return 1 if check_demo() else 0

    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(20261204)
    demo = list(demo_records(rng))

    corpus = args.corpus
    tmp = None
    if corpus is None:
        tmp = tempfile.TemporaryDirectory(prefix="ayuda-queries-")
        corpus = tmp.name
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_corpus.py"),
                        str(args.n), corpus, "--seed", str(args.seed)], check=True)
    rng = random.Random(args.seed * 1000003 + args.n)
    synthetic = list(synthetic_records(rng, corpus, args.queries))
    if tmp:
        tmp.cleanup()

    for name, recs in (("demo", demo), ("synthetic", synthetic)):
        path = os.path.join(args.out, f"{name}.jsonl")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{len(recs)} queries -> {os.path.relpath(path)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
