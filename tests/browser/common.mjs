// What the test files share: the site directory, the pages under test, Chromium and its flags.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import axe from 'axe-core';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');

/** The `ayuda` binary: env AYUDA_BIN, else the repository's release build. */
export const AYUDA_BIN = path.resolve(process.env.AYUDA_BIN || path.join(REPO, 'target', 'release', 'ayuda'));

/** Throws, saying how to get it, when AYUDA_BIN does not exist. */
export function assertAyudaBin() {
  if (!existsSync(AYUDA_BIN)) {
    throw new Error(`the ayuda binary ${AYUDA_BIN} does not exist: build it (cargo build --release -p ayuda) or set AYUDA_BIN`);
  }
}

/**
 * The demo site built again by AYUDA_BIN from a copy of the repository's site whose
 * ayuda.yaml ends with `yaml` (e.g. a `feedback:` that names a test endpoint, known only once
 * it listens). Returns the built folder and `remove()`, which deletes the copy and the build.
 */
export async function buildDemoWith(yaml) {
  assertAyudaBin();
  const root = await mkdtemp(path.join(os.tmpdir(), 'ayuda-demo-'));
  for (const input of ['ayuda.yaml', 'sla.yaml', 'content', 'static']) {
    await cp(path.join(REPO, input), path.join(root, input), { recursive: true });
  }
  await appendFile(path.join(root, 'ayuda.yaml'), `\n${yaml}\n`);
  const out = path.join(root, 'public');
  await promisify(execFile)(AYUDA_BIN, ['build', '--root', root, '--out', out, '--quiet']);
  return { dir: out, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * False when `site` is the demo (this repository's site as `ayuda build` makes it: its home page
 * names the base_url of the repository's ayuda.yaml), else the reason to skip the tests of the
 * demo's own pages and settings (its FAQ answers, its banner, its feedback contact, a second
 * build of it), for node:test's `skip` option: selftest.mjs's hand-made sites are not the demo.
 */
export function notTheDemo(site) {
  const baseUrl = readFileSync(path.join(REPO, 'ayuda.yaml'), 'utf8').match(/^base_url:\s*(\S+)/m)?.[1];
  const home = pageFile(site, '/');
  if (baseUrl && existsSync(home) && readFileSync(home, 'utf8').includes(baseUrl)) return false;
  return `not the demo site: ${home} does not name ${baseUrl}, the base_url of ayuda.yaml`;
}

/** The demo site's SLA page (the calculator's page), in Spanish and in English. */
export const SLA_PAGE = '/servicio-al-cliente/acuerdo-de-niveles-de-servicio/';
export const SLA_PAGE_EN = '/en/servicio-al-cliente/acuerdo-de-niveles-de-servicio/';

/** The pages every check runs on: URL path, what it is, the language its `<html lang>` must name. */
export const DEFAULT_PAGES = [
  { path: '/', name: 'home', lang: 'es' },
  { path: '/configuracion/', name: 'section', lang: 'es' },
  { path: '/configuracion/usuarios-y-roles/', name: 'article', lang: 'es' },
  { path: '/preguntas-frecuentes/preguntas-frecuentes/', name: 'FAQ', lang: 'es' },
  { path: SLA_PAGE, name: 'SLA page', lang: 'es' },
  { path: '/en/', name: 'English home', lang: 'en' },
  { path: '/buscar/', name: 'search page', lang: 'es' },
  { path: '/en/search/', name: 'English search page', lang: 'en' },
  { path: '/contacto/', name: 'contact page', lang: 'es' },
  { path: '/en/contact/', name: 'English contact page', lang: 'en' },
];

/**
 * env AYUDA_PAGES (URL paths separated by spaces, e.g. "/api-e-integraciones/ /en/flow/")
 * replaces the default pages, to look at others; a page under /en/ must be English, any
 * other Spanish.
 */
export const PAGES = process.env.AYUDA_PAGES?.trim()
  ? process.env.AYUDA_PAGES.trim()
      .split(/\s+/)
      .map((p) => {
        const urlPath = p.startsWith('/') ? p : `/${p}`;
        return { path: urlPath, name: 'AYUDA_PAGES', lang: urlPath === '/en/' || urlPath.startsWith('/en/') ? 'en' : 'es' };
      })
  : DEFAULT_PAGES;

/**
 * The built site directory: env AYUDA_SITE (relative to the current directory), else the
 * repository's `public/`. Throws, loudly, when it is not a directory: a missing site must
 * never look like a passing run.
 */
export function siteDir() {
  const fromEnv = process.env.AYUDA_SITE;
  const dir = fromEnv ? path.resolve(fromEnv) : path.join(REPO, 'public');
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) {
    const how = fromEnv ? `AYUDA_SITE=${fromEnv}` : 'the default (AYUDA_SITE unset)';
    throw new Error(
      `\n\n*** ayuda browser tests: the site directory ${dir} does not exist (${how}).\n` +
        `*** Build the site first, e.g. cargo run -q -p ayuda -- build --root ${REPO} --out /tmp/ayuda-public\n` +
        `*** and run with AYUDA_SITE=/tmp/ayuda-public.\n`,
    );
  }
  return dir;
}

/** The `index.html` on disk for a page's URL path. */
export function pageFile(site, urlPath) {
  return path.join(site, ...urlPath.split('/').filter(Boolean), 'index.html');
}

export function pageFileExists(site, urlPath) {
  return existsSync(pageFile(site, urlPath));
}

/**
 * Debian's Chromium (env CHROMIUM overrides). Throws, naming the path, when it is missing.
 */
export function chromiumPath() {
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`\n\n*** ayuda browser tests: Chromium not found at ${chromium} (set CHROMIUM, or run run.sh, which installs it)\n`);
  }
  return chromium;
}

// Flags measured to work headless on this project's machines (shared/NOTES.md): without the
// networking ones Chromium keeps trying to reach the (closed) network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Injects axe-core (bypassing any Content-Security-Policy of the page) and runs it. */
export async function runAxe(page) {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    // Default rules: every rule axe enables by default, that is WCAG 2.0/2.1/2.2 A and AA
    // plus best practices (no experimental and no AAA rules).
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    const short = (n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary });
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map(short),
      })),
      incomplete: result.incomplete.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
    };
  });
}

/** axe's violations as a readable failure message: rule, impact, help, and every node. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      - ${n.target}\n        ${n.html.replace(/\s+/g, ' ')}\n        ${(n.summary || '').replace(/\n\s*/g, ' / ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
