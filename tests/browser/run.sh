#!/usr/bin/env bash
# The one entry point of the browser tests: installs what is missing, then runs
#   node --test site.test.mjs html.test.mjs calculator.test.mjs search.test.mjs reader.test.mjs support.test.mjs live-reload.test.mjs webkit.test.mjs lighthouse.test.mjs
# on the built site in AYUDA_SITE (default: the repository's public/), one file at a time
# (Lighthouse's performance score must not share the CPU with another file).
#
#   AYUDA_SITE=/tmp/ayuda-public tests/browser/run.sh [extra node --test options]
#
# e.g. `run.sh --test-name-pattern=axe`. Callable from any directory; a relative AYUDA_SITE
# is taken from the directory it is called in. Exits non-zero on any failure.
# env: CHROMIUM (default /usr/bin/chromium), JAVA (default java), PDFTOTEXT (default pdftotext),
# WEBKIT_DRIVER (default /usr/bin/WebKitWebDriver), AYUDA_SITE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

site="${AYUDA_SITE:-$repo/public}"
case "$site" in /*) ;; *) site="$PWD/$site" ;; esac
if [ ! -d "$site" ]; then
  echo "run.sh: the site directory $site does not exist." >&2
  echo "run.sh: build it first, e.g.: cargo run -q -p ayuda -- build --root $repo --out /tmp/ayuda-public" >&2
  echo "run.sh: then: AYUDA_SITE=/tmp/ayuda-public $0" >&2
  exit 2
fi
export AYUDA_SITE="$site"

# --- system packages (Debian 12) --------------------------------------------------------
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
fi
apt_updated=""
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: $* is missing and there is no apt-get to install it" >&2
    exit 2
  fi
  if [ -z "$apt_updated" ]; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
    apt_updated=1
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "run.sh: installing chromium" >&2
  apt_install chromium
fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "run.sh: Chromium not found at $CHROMIUM" >&2
  exit 2
fi

if [ -z "${JAVA:-}" ] && ! command -v java >/dev/null 2>&1; then
  echo "run.sh: installing default-jre-headless" >&2
  apt_install default-jre-headless
fi

# reader.test.mjs reads the text of a printed page with pdftotext.
if [ -z "${PDFTOTEXT:-}" ] && ! command -v pdftotext >/dev/null 2>&1; then
  echo "run.sh: installing poppler-utils" >&2
  apt_install poppler-utils
fi

# webkit.test.mjs drives WebKit (Safari's engine) through WebKitGTK's WebDriver, in a virtual
# X display.
if [ -z "${WEBKIT_DRIVER:-}" ] && [ ! -x /usr/bin/WebKitWebDriver ]; then
  echo "run.sh: installing webkit2gtk-driver" >&2
  apt_install webkit2gtk-driver
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "run.sh: installing xvfb" >&2
  apt_install xvfb
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: node (>= 20) and npm are needed" >&2
  exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "run.sh: node $(node --version) is too old: playwright-core needs node >= 20" >&2
  exit 2
fi

# --- npm packages (never a browser download: --ignore-scripts) ---------------------------
cd "$here"
stamp="node_modules/.package-lock.json" # written by npm on every install
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "run.sh: npm ci --ignore-scripts" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
  touch "$stamp"
fi

# --- the tests -------------------------------------------------------------------------
echo "run.sh: site $AYUDA_SITE, chromium $CHROMIUM" >&2
exec node --test --test-concurrency=1 --test-reporter=spec "$@" \
  site.test.mjs html.test.mjs calculator.test.mjs search.test.mjs reader.test.mjs support.test.mjs live-reload.test.mjs webkit.test.mjs lighthouse.test.mjs
