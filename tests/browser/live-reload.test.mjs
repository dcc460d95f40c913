// `ayuda serve` in a browser: an open page reloads by itself after an edit, a CSS-only edit
// swaps the stylesheet without reloading, and a build error shows an overlay (with
// file:line:column) that goes away when the error is fixed.
//
//   AYUDA_BIN=target/release/ayuda node --test live-reload.test.mjs
//
// env: AYUDA_BIN (the `ayuda` binary, default target/release/ayuda), CHROMIUM.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { AYUDA_BIN, CHROMIUM_ARGS, REPO, chromiumPath, formatViolations } from './common.mjs';

const CHROMIUM = chromiumPath();
/** Far above what an edit takes; the machine may be loaded. */
const SETTLE_MS = 30_000;

let root;
let serve;
let origin;
let browser;

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ayuda-live-'));
  cpSync(path.join(REPO, 'tests', 'sites', 'basic'), root, { recursive: true });
  // A stylesheet of the site's own, linked from a shortcode template, to swap in place.
  mkdirSync(path.join(root, 'static'), { recursive: true });
  writeFileSync(path.join(root, 'static', 'extra.css'), '.aviso { color: rgb(0, 0, 0); }\n');
  writeFileSync(
    path.join(root, 'templates', 'shortcodes', 'aviso.html'),
    '<link rel="stylesheet" href="/extra.css"><p class="aviso">{{ args.texto }}</p>\n',
  );
  serve = spawn(AYUDA_BIN, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: serve.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    serve.once('exit', (code) => reject(new Error(`ayuda serve exited with ${code}`)));
  });
  assert.match(first, /^Serving on http:\/\/127\.0\.0\.1:\d+\/$/);
  origin = first.replace('Serving on ', '').replace(/\/$/, '');
  lines.on('line', () => {}); // keep reading, so that the server never blocks on its output
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

const ARTICLE = 'content/guia/primeros-pasos.md';
const edit = (file, change) => {
  const full = path.join(root, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
};

/** Opens `url` and waits until its live-reload stream is open. */
async function openLive(url) {
  const page = await browser.newPage();
  const connected = page.waitForResponse((response) => response.url().endsWith('/__ayuda/events'));
  await page.goto(url);
  await connected;
  return page;
}

test('a page reloads by itself after an edit, and only the stylesheet is swapped after a CSS edit', async () => {
  const page = await openLive(`${origin}/guia/primeros-pasos/`);
  assert.equal(await page.locator('script[data-ayuda-reload]').count(), 1);
  await page.evaluate(() => { window.notReloaded = true; });

  edit(ARTICLE, (text) => `${text}\nUn párrafo que aparece solo.\n`);
  await page.waitForFunction(() => document.body.innerText.includes('Un párrafo que aparece solo.'), null, { timeout: SETTLE_MS });
  assert.equal(await page.evaluate(() => window.notReloaded), undefined, 'the page was loaded again');

  await page.evaluate(() => { window.notReloaded = true; });
  const colour = () => page.locator('.aviso').evaluate((e) => getComputedStyle(e).color);
  assert.equal(await colour(), 'rgb(0, 0, 0)');
  writeFileSync(path.join(root, 'static', 'extra.css'), '.aviso { color: rgb(0, 90, 0); }\n');
  await page.waitForFunction(
    () => getComputedStyle(document.querySelector('.aviso')).color === 'rgb(0, 90, 0)',
    null,
    { timeout: SETTLE_MS },
  );
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the stylesheet changed without a reload');
  await page.close();
});

test('a build error shows over the page with its place, and goes away when fixed', async () => {
  const page = await openLive(`${origin}/guia/primeros-pasos/`);

  edit(ARTICLE, (text) => `${text}\n[un enlace roto](no-existe.md)\n`);
  const overlay = page.locator('[data-ayuda-overlay]');
  await overlay.waitFor({ state: 'attached', timeout: SETTLE_MS });
  const shown = await page.locator('[data-ayuda-overlay] pre').innerText();
  assert.match(shown, /content\/guia\/primeros-pasos\.md:\d+:\d+: .*no-existe\.md/);
  assert.equal(await overlay.getAttribute('role'), 'alert');
  // The overlay's own words are in the page's language.
  assert.equal(await page.locator('[data-ayuda-overlay] h2').innerText(), 'El sitio no se pudo generar: 1 error');
  assert.match(await page.locator('[data-ayuda-overlay] p').innerText(), /^Se sigue mostrando la última versión correcta\./);
  // The last good page is still there under the overlay.
  assert.ok(!(await page.locator('main').innerText()).includes('un enlace roto'));
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('[data-ayuda-overlay]'), { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })) }));
  });
  assert.deepEqual(violations, [], `axe on the overlay:\n${formatViolations(violations)}`);

  // A page opened while the site is broken shows the overlay at once.
  const later = await browser.newPage();
  await later.goto(`${origin}/`);
  await later.locator('[data-ayuda-overlay]').waitFor({ state: 'attached', timeout: SETTLE_MS });
  // An English page of the Spanish site says it in English.
  await later.goto(`${origin}/en/`);
  await later.locator('[data-ayuda-overlay]').waitFor({ state: 'attached', timeout: SETTLE_MS });
  assert.equal(await later.locator('[data-ayuda-overlay] h2').innerText(), 'The build failed: 1 error');
  assert.equal(await later.locator('[data-ayuda-overlay] section').getAttribute('lang'), 'en');
  await later.close();

  edit(ARTICLE, (text) => text.replace('[un enlace roto](no-existe.md)', '[un enlace sano](exportar.md)'));
  await page.waitForFunction(() => document.body.innerText.includes('un enlace sano'), null, { timeout: SETTLE_MS });
  assert.equal(await page.locator('[data-ayuda-overlay]').count(), 0, 'the overlay is gone');
  await page.close();
});
