// Browser tests of the search on the demo site: the box in the header of every page (results as
// the reader types, the ARIA combobox pattern, the keyboard), the search pages (?q=, shareable
// addresses, the back button, the static index without JavaScript), the box on a phone (touch,
// the on-screen keyboard), that nothing of search is downloaded before the reader asks for it,
// what a first query downloads, and a differential of 1,000 seeded queries run by the
// WebAssembly engine in the page and by `ayuda search --json`.
//
//   cargo run -q --release -p ayuda -- build --out /tmp/ayuda-public --quiet
//   AYUDA_SITE=/tmp/ayuda-public AYUDA_BIN=target/release/ayuda node --test tests/browser/search.test.mjs
//
// env: AYUDA_SITE (the built site, see common.mjs), AYUDA_BIN (the `ayuda` binary for the
// differential; default target/release/ayuda of the repository), CHROMIUM.
//
// The site is served gzipped (as a static host serves it), so the bytes counted are the bytes
// a reader downloads.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { AYUDA_BIN, CHROMIUM_ARGS, REPO, assertAyudaBin, chromiumPath, formatViolations, random, runAxe, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const CHROMIUM = chromiumPath();
const TEST_TIMEOUT = 120_000;
const PHONE = { width: 390, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

const ARTICLE = '/configuracion/usuarios-y-roles/';
const ARTICLE_EN = '/en/configuracion/usuarios-y-roles/';
const SEARCH_PAGE = { es: '/buscar/', en: '/en/search/' };
const BOX = '#site-search-q';
const OPTIONS = '#site-search-list [role=option]';

/** The search script, which page.js imports. */
const SEARCH_UI = /\/assets\/search-ui\.[0-9a-f]+\.js/;
/** What belongs to search: the glue, the engine's module and WebAssembly, the index files. */
const isSearchFile = (url) => /\/search-index\/|\/assets\/search[.-]/.test(new URL(url).pathname);

let server;
let browser;

before(async () => {
  server = await serve(SITE, { compress: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// --- helpers ---------------------------------------------------------------------------------

/** Runs `body(page)` in a fresh visitor (no cache), always closing it; `options` go to newContext. */
async function withPage(options, body) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-CO', ...options });
  const page = await ctx.newPage();
  page.problems = [];
  page.requests = [];
  page.started = [];
  page.on('request', (req) => page.started.push(req));
  page.on('console', (msg) => msg.type() === 'error' && page.problems.push(`console error: ${msg.text()}`));
  page.on('pageerror', (err) => page.problems.push(`uncaught: ${err.stack || err}`));
  page.on('requestfinished', (req) => page.requests.push(req));
  page.on('response', (res) => res.status() >= 400 && page.problems.push(`HTTP ${res.status()} ${res.url()}`));
  // A request cut short by leaving the page (net::ERR_ABORTED) is no failure.
  page.on('requestfailed', (req) => req.failure()?.errorText !== 'net::ERR_ABORTED' && page.problems.push(`failed request: ${req.url()} (${req.failure()?.errorText})`));
  try {
    await body(page);
  } finally {
    await ctx.close();
  }
}

/** Nothing sticks out sideways: the page is no wider than the viewport. */
async function assertFits(page, viewport) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= viewport.width, `nothing wider than the screen: ${width} px at ${viewport.width} px`);
}

/** Opens a page of the site and waits until it and what it loads have arrived. */
async function open(page, urlPath) {
  const response = await page.goto(new URL(urlPath, server.url).href, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `${urlPath} answered HTTP ${response?.status()}`);
  await page.waitForLoadState('networkidle');
}

/** Waits until the element at `selector` shows the results of the query now in `input`. */
function answered(page, selector, input) {
  return page.waitForFunction(
    ([selector, input]) => document.querySelector(selector).dataset.query === document.querySelector(input).value,
    [selector, input],
    { timeout: 20_000 },
  );
}

/** Waits until the search script has loaded the engine, up to the index's manifest. */
const engineLoaded = (page) =>
  page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/m-[0-9a-f]+\.bin$/.test(e.name)), null, { timeout: 20_000 });

/** Types `query` into the header's box (focusing it first) and waits for its answer. */
async function typeInBox(page, query) {
  await page.focus(BOX);
  await page.keyboard.type(query);
  await answered(page, '#site-search-list', BOX);
}

/** The state of the header's combobox. */
function comboboxState(page) {
  return page.evaluate(() => {
    const input = document.querySelector('#site-search-q');
    const popup = document.querySelector('.site-search .search-popup');
    const options = [...document.querySelectorAll('#site-search-list [role=option]')];
    return {
      role: input.getAttribute('role'),
      expanded: input.getAttribute('aria-expanded'),
      controls: input.getAttribute('aria-controls'),
      autocomplete: input.getAttribute('aria-autocomplete'),
      activedescendant: input.getAttribute('aria-activedescendant'),
      listRole: document.getElementById(input.getAttribute('aria-controls'))?.getAttribute('role') ?? null,
      listName: document.getElementById(input.getAttribute('aria-controls'))?.getAttribute('aria-label') ?? null,
      popupHidden: popup.hidden,
      note: popup.querySelector('.search-note').hidden ? null : popup.querySelector('.search-note').textContent,
      status: document.querySelector('.site-search [role=status]').textContent,
      options: options.map((o) => ({ id: o.id, selected: o.getAttribute('aria-selected'), href: o.getAttribute('href'), text: o.textContent })),
      results: [...document.querySelectorAll('#site-search-list [data-search-result]')].map((r) => r.querySelector('a[href]')?.getAttribute('href') ?? null),
      focused: document.activeElement?.id ?? null,
    };
  });
}

/** Refuses the first request whose URL matches `pattern`, lets the next ones through; resolves `refused` once it did. */
async function refuseOnce(page, pattern) {
  let refused;
  const done = new Promise((resolve) => (refused = resolve));
  let count = 0;
  await page.route(pattern, (route) => {
    if (count++) return route.continue();
    refused();
    return route.abort('internetdisconnected');
  });
  return done;
}

/** With the page's clock installed: moves it on until the box answers the query it holds. */
async function settle(page) {
  for (let round = 0; round < 200; round++) {
    await page.clock.runFor(100);
    const done = await page.evaluate((box) => document.querySelector('#site-search-list').dataset.query === document.querySelector(box).value, BOX);
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the box never answered');
}

/** With the page's clock installed: the engine and the manifest loaded, the box empty. */
async function emptyBoxReady(page) {
  await page.focus(BOX);
  await page.keyboard.type('x');
  await settle(page);
  await page.fill(BOX, '');
  await settle(page);
}

const assertNoProblems = (page) => assert.deepEqual(page.problems, [], 'console errors, uncaught exceptions or failed requests');

// --- loading ---------------------------------------------------------------------------------

describe('loading', () => {
  test('nothing of search is downloaded before the reader focuses the box; then the engine and the index entry are', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await page.mouse.move(200, 300);
      await page.mouse.wheel(0, 600);
      await page.keyboard.press('Tab'); // the skip link, not the box
      await page.waitForTimeout(300);
      const early = page.started.map((r) => r.url()).filter(isSearchFile);
      assert.deepEqual(early, [], 'search files downloaded before the box was focused');
      await page.focus(BOX);
      await engineLoaded(page);
      await page.waitForLoadState('networkidle');
      // Requests as they start: one whose body the page reads as a stream (the index files,
      // inflated as they arrive) may never be reported finished.
      const paths = page.started.map((r) => new URL(r.url()).pathname).filter((p) => isSearchFile(server.url + p.slice(1)));
      for (const expected of [/\/assets\/search-ui\.[0-9a-f]+\.js$/, /\/assets\/search\.[0-9a-f]+\.js$/, /\/assets\/search\.[0-9a-f]+\.wasm$/, /\/search-index\/es\/entry\.txt$/, /\/search-index\/es\/m-[0-9a-f]+\.bin$/]) {
        assert.ok(paths.some((p) => expected.test(p)), `after focus, expected a request matching ${expected}: ${paths.join(', ')}`);
      }
      const index = paths.filter((p) => p.includes('/search-index/'));
      assert.ok(index.every((p) => /\/(entry\.txt|m-[0-9a-f]+\.bin)$/.test(p)), `only the entry and the manifest before a word is typed: ${index.join(', ')}`);
      assertNoProblems(page);
    });
  });

  test('what a cold first query and a later one download (gzip, as served)', { timeout: TEST_TIMEOUT }, async () => {
    /** The requests since `from`, by kind, with their gzipped body sizes. */
    const downloads = async (page, from) => {
      const rows = [];
      for (const r of page.requests.slice(from)) {
        const p = new URL(r.url()).pathname;
        const kind = p.startsWith('/assets/') ? 'engine' : p.includes('/f/') ? 'fragments' : 'index';
        rows.push({ path: p, kind, bytes: (await r.sizes()).responseBodySize });
      }
      const sum = (kind) => rows.filter((r) => !kind || r.kind === kind).reduce((total, r) => total + r.bytes, 0);
      return { rows, text: `${sum()} B in ${rows.length} requests (engine and glue ${sum('engine')} B, index ${sum('index')} B, snippet fragments ${sum('fragments')} B)`, total: sum() };
    };
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      let from = page.requests.length;
      await page.focus(BOX);
      await page.fill(BOX, 'factura'); // one query, as if pasted
      await answered(page, '#site-search-list', BOX);
      await page.waitForLoadState('networkidle');
      const first = await downloads(page, from);
      console.log(`bytes: a cold first query ("factura", from focus to results): ${first.text}`);
      assert.ok(first.rows.every((r) => isSearchFile(server.url + r.path.slice(1))), 'only search files');
      const indexFiles = readdirSync(path.join(SITE, 'search-index', 'es'), { recursive: true }).filter((f) => f.endsWith('.bin'));
      const read = first.rows.filter((r) => r.path.endsWith('.bin')).length;
      assert.ok(read < indexFiles.length / 4, `a query reads a few parts of the index: ${read} of ${indexFiles.length}`);

      from = page.requests.length;
      await page.fill(BOX, 'auditoria interna');
      await answered(page, '#site-search-list', BOX);
      await page.waitForLoadState('networkidle');
      const later = await downloads(page, from);
      console.log(`bytes: a later query ("auditoria interna"): ${later.text}`);
      assert.ok(later.rows.every((r) => r.kind !== 'engine'), 'the engine is downloaded once');
      assert.ok(later.rows.every((r) => !first.rows.some((f) => f.path === r.path)), 'no index file is downloaded twice');

      from = page.requests.length;
      await page.fill(BOX, '');
      await page.keyboard.type('planes de accion', { delay: 60 });
      await answered(page, '#site-search-list', BOX);
      await page.waitForLoadState('networkidle');
      console.log(`bytes: typing "planes de accion" key by key (60 ms a key): ${(await downloads(page, from)).text}`);
      assertNoProblems(page);
    });
  });

  test('a reader typing a key every 200 ms downloads the snippets of the query typed, not of each key', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      // The page's clock moves only when the test moves it: keys come 200 ms apart however
      // busy the machine is.
      await page.clock.install();
      await open(page, ARTICLE);
      await emptyBoxReady(page);
      const from = page.requests.length;
      for (const key of 'planes de accion') {
        await page.keyboard.type(key);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await page.clock.runFor(200);
      }
      const whileTyping = page.requests.slice(from).map((r) => new URL(r.url()).pathname);
      assert.deepEqual(whileTyping, [], 'nothing is downloaded while keys come 200 ms apart');
      await settle(page);
      await page.waitForLoadState('networkidle');
      const fragments = page.requests.slice(from).map((r) => new URL(r.url()).pathname).filter((p) => p.includes('/f/'));
      const shown = (await comboboxState(page)).results.length;
      assert.ok(shown > 0, 'the query has results');
      assert.ok(fragments.length <= shown, `${fragments.length} snippet fragments for ${shown} results: ${fragments.join(' ')}`);
      assertNoProblems(page);
    });
  });
  test('the dead key of an accent holds the downloads as another key would', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      // The index files the page asks for, counted as it asks (the requests Playwright reports
      // arrive later, after the test's clock has moved on).
      await page.addInitScript(() => {
        const fetchFile = window.fetch;
        window.indexFetches = [];
        window.fetch = (url, ...rest) => {
          if (String(url).includes('/search-index/')) window.indexFetches.push(new URL(url).pathname);
          return fetchFile(url, ...rest);
        };
      });
      await page.clock.install();
      await open(page, ARTICLE);
      await emptyBoxReady(page);
      const cdp = await page.context().newCDPSession(page);
      /** A key as a Spanish keyboard sends it: ´ is a dead key, which types nothing yet. */
      const deadKey = async () => {
        for (const type of ['rawKeyDown', 'keyUp']) {
          await cdp.send('Input.dispatchKeyEvent', { type, key: 'Dead', code: 'BracketLeft', windowsVirtualKeyCode: 186 });
        }
      };
      const fetched = (from) => page.evaluate((from) => window.indexFetches.slice(from), from);
      const count = () => page.evaluate(() => window.indexFetches.length);
      // From here the page's time moves only when the test moves it.
      await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
      // 250 ms after "acci" the dead key comes, and 250 ms later the "ó": no pause of the
      // reader was as long as the box waits (300 ms), so "acci" is never searched.
      let from = await count();
      await page.keyboard.type('planes de acci');
      await page.clock.runFor(250);
      await deadKey();
      await page.clock.runFor(250);
      assert.deepEqual(await fetched(from), [], 'nothing downloaded for "planes de acci" while the accent was being typed');
      await page.keyboard.insertText('ó');
      await page.keyboard.type('n');
      await settle(page);
      assert.equal(await page.inputValue(BOX), 'planes de acción');
      assert.ok((await fetched(from)).length > 0, 'the query typed is searched once the reader stops');
      // Without the dead key, the same 500 ms after "evaluaci" are a pause: the box searches.
      await page.fill(BOX, '');
      await settle(page);
      from = await count();
      await page.keyboard.type('evaluaci');
      await page.clock.runFor(500);
      assert.ok((await fetched(from)).length > 0, 'a pause of 500 ms downloads what "evaluaci" needs');
      await settle(page);
      assertNoProblems(page);
    });
  });
});

// --- the box in the header -------------------------------------------------------------------

describe('the box in the header', () => {
  test('typing shows results, each holding its link', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await typeInBox(page, 'factura');
      const state = await comboboxState(page);
      assert.equal(state.popupHidden, false);
      assert.ok(state.results.length > 0 && state.results.length <= 8, `results: ${state.results}`);
      assert.ok(state.results.every((href) => href?.startsWith('/') && !href.startsWith('/en/')), `Spanish links: ${state.results}`);
      assert.equal(state.results[0], '/informacion-comercial/facturacion-y-facturas/');
      assert.match(state.options[0].text, /Facturación y facturas/);
      assert.ok(await page.locator('#site-search-list mark').count() > 0, 'the words found are marked');
      assert.match(state.status, /^\d+ resultados$/);
      assert.equal(state.note, null, 'no note when every word was found');
      assertNoProblems(page);
    });
  });

  test('keyboard only: "/" focuses the box, ↓/↑ move, Esc closes, Enter opens the active result', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await page.keyboard.press('/');
      await page.waitForFunction(() => document.activeElement?.id === 'site-search-q');
      assert.equal(await page.inputValue(BOX), '', 'the "/" is not typed into the box');
      await page.keyboard.type('usuarios');
      await answered(page, '#site-search-list', BOX);
      let state = await comboboxState(page);
      assert.equal(state.activedescendant, null, 'no active option before an arrow key');
      await page.keyboard.press('ArrowDown');
      state = await comboboxState(page);
      assert.equal(state.activedescendant, state.options[0].id);
      assert.deepEqual(state.options.map((o) => o.selected).slice(0, 2), ['true', 'false']);
      await page.keyboard.press('ArrowDown');
      state = await comboboxState(page);
      assert.equal(state.activedescendant, state.options[1].id);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      state = await comboboxState(page);
      assert.equal(state.activedescendant, state.options.at(-1).id, '↑ from the first wraps to the last');
      assert.equal(state.focused, 'site-search-q', 'the focus stays in the box');

      await page.keyboard.press('Escape');
      state = await comboboxState(page);
      assert.deepEqual([state.popupHidden, state.expanded, state.activedescendant], [true, 'false', null], 'Esc closes');
      assert.equal(await page.inputValue(BOX), 'usuarios', 'Esc on an open popup keeps the text');

      await page.keyboard.press('ArrowDown');
      state = await comboboxState(page);
      assert.deepEqual([state.popupHidden, state.expanded, state.activedescendant], [false, 'true', state.options[0].id], '↓ opens again');
      const target = state.options[0].href;
      await Promise.all([page.waitForURL((url) => url.pathname === target.split('#')[0]), page.keyboard.press('Enter')]);
      assertNoProblems(page);
    });
  });

  test('Enter without an active result goes to the search page with the query', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE_EN);
      await typeInBox(page, 'invoice');
      await Promise.all([page.waitForURL((url) => url.pathname === SEARCH_PAGE.en), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'invoice');
      await page.waitForSelector('.search-page-results [data-search-result]');
      assertNoProblems(page);
    });
  });

  test('"/" types itself in another field', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, SEARCH_PAGE.es);
      await page.focus('#buscar-q');
      await page.keyboard.type('a/b');
      assert.equal(await page.inputValue('#buscar-q'), 'a/b');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'buscar-q');
    });
  });

  test('the ARIA combobox pattern: roles, names, states', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      let state = await comboboxState(page);
      assert.deepEqual(
        [state.role, state.autocomplete, state.expanded, state.listRole, state.listName, state.popupHidden],
        ['combobox', 'list', 'false', 'listbox', 'Resultados de la búsqueda', true],
      );
      assert.equal(await page.evaluate(() => document.querySelector('label[for=site-search-q]').textContent), 'Buscar en la ayuda');
      await typeInBox(page, 'auditoria');
      state = await comboboxState(page);
      assert.equal(state.expanded, 'true');
      assert.equal(new Set(state.options.map((o) => o.id)).size, state.options.length, 'options have distinct ids');
      assert.ok(state.options.every((o) => o.selected === 'false'));
      const owned = await page.evaluate(() =>
        [...document.querySelectorAll('#site-search-list > *')].every((li) => li.getAttribute('role') === 'none' && li.children.length === 1 && li.firstElementChild.getAttribute('role') === 'option'),
      );
      assert.ok(owned, 'the listbox holds options (each in a presentational item)');
      // Leaving the box closes the popup.
      await page.keyboard.press('Tab');
      state = await comboboxState(page);
      assert.deepEqual([state.popupHidden, state.expanded], [true, 'false']);
    });
  });

  test('no results, and results with only some of the words, say so', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await typeInBox(page, 'zzqqxx');
      let state = await comboboxState(page);
      assert.deepEqual([state.popupHidden, state.expanded, state.options.length], [false, 'false', 0]);
      assert.equal(state.note, 'No hay resultados para «zzqqxx».');
      await page.fill(BOX, '');
      await typeInBox(page, 'factura zzqqxx');
      state = await comboboxState(page);
      assert.ok(state.options.length > 0);
      assert.equal(state.note, 'Ninguna página tiene todas las palabras; estas tienen la mayoría.');
    });
    await withPage({}, async (page) => {
      await open(page, ARTICLE_EN);
      await typeInBox(page, 'zzqqxx');
      assert.equal((await comboboxState(page)).note, 'No results for “zzqqxx”.');
    });
  });

  for (const viewport of [DESKTOP, { width: 390, height: 844 }]) {
    test(`at ${viewport.width}x${viewport.height}, the popup fits the window: ↓ scrolls the list, not the page`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({ viewport }, async (page) => {
        await open(page, ARTICLE);
        await typeInBox(page, 'factura');
        assert.equal((await comboboxState(page)).results.length, 8, 'a query with 8 results shown');
        /** Where the box, the popup and the active option are, in the window. */
        const where = () => page.evaluate(() => {
          const input = document.querySelector('#site-search-q');
          const box = (element) => element?.getBoundingClientRect().toJSON() ?? null;
          return {
            input: box(input),
            popup: box(document.querySelector('.site-search .search-popup')),
            active: box(document.getElementById(input.getAttribute('aria-activedescendant'))),
          };
        });
        const visible = (box) => box.top >= 0 && box.bottom <= viewport.height;
        for (let key = 1; key <= 8; key++) {
          await page.keyboard.press('ArrowDown');
          const { input, popup, active } = await where();
          assert.ok(visible(input), `after ↓ ${key} times the box is in the window: ${JSON.stringify(input)}`);
          assert.ok(visible(popup), `after ↓ ${key} times the popup is in the window: ${JSON.stringify(popup)}`);
          assert.ok(active.top >= popup.top - 0.5 && active.bottom <= popup.bottom + 0.5, `option ${key} shows inside the popup: ${JSON.stringify({ active, popup })}`);
        }
        await page.keyboard.press('Escape');
        assert.ok(visible((await where()).input), 'after Esc the box is in the window');
        assertNoProblems(page);
      });
    });
  }

  for (const { lang, article, query, all } of [
    { lang: 'es', article: ARTICLE, query: 'factura', all: (n) => `Ver los ${n} resultados` },
    { lang: 'en', article: ARTICLE_EN, query: 'invoice', all: (n) => `See all ${n} results` },
  ]) {
    test(`${lang}: when there are more results than the popup shows, its last option leads to them all`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({}, async (page) => {
        await open(page, article);
        await typeInBox(page, query);
        const state = await comboboxState(page);
        const total = Number(state.status.match(/^(\d+) /)?.[1]);
        assert.ok(total > state.results.length, `more results (${state.status}) than shown (${state.results.length})`);
        const last = state.options.at(-1);
        assert.deepEqual([last.id, last.text], ['site-search-option-all', all(total)]);
        await page.keyboard.press('ArrowUp');
        await Promise.all([page.waitForURL((url) => url.pathname === SEARCH_PAGE[lang]), page.keyboard.press('Enter')]);
        assert.equal(new URL(page.url()).searchParams.get('q'), query);
        await waitForSearchPage(page);
        assert.equal((await searchPageState(page)).results.length, total, 'the search page shows them all');
        assertNoProblems(page);
      });
    });
  }

  /**
   * Opens an article, lets its box load the engine, then types "factura" while `cut()` keeps the
   * words' index files from downloading: the box says search is not available.
   */
  async function typeWhileCut(page, cut) {
    await open(page, ARTICLE);
    await page.focus(BOX);
    await engineLoaded(page);
    await page.waitForLoadState('networkidle');
    await cut();
    await page.keyboard.type('factura');
    await answered(page, '#site-search-list', BOX);
    assert.equal((await comboboxState(page)).note, 'La búsqueda no está disponible en este momento.');
  }

  test('after an error, focusing the box again asks again', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      const refuse = (route) => route.abort('internetdisconnected');
      await typeWhileCut(page, () => page.route('**/search-index/**/*.bin', refuse));
      await page.unroute('**/search-index/**/*.bin', refuse);
      await page.keyboard.press('Tab');
      await page.focus(BOX);
      await page.waitForSelector(OPTIONS, { timeout: 20_000 });
      const state = await comboboxState(page);
      assert.deepEqual([state.note, state.popupHidden], [null, false]);
      assert.match(state.status, /^\d+ resultados$/);
    });
  });

  test('after an error, going back online asks again', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await typeWhileCut(page, () => page.context().setOffline(true));
      await page.context().setOffline(false);
      await page.waitForSelector(OPTIONS, { timeout: 20_000 });
      assert.equal((await comboboxState(page)).note, null);
    });
  });

  test('a search script that could not be downloaded says so; the next focus downloads it again, and the note goes', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      const refused = refuseOnce(page, SEARCH_UI);
      await page.focus(BOX);
      await refused;
      await page.waitForFunction(() => !document.querySelector('.site-search .search-popup').hidden, null, { timeout: 10_000 });
      let state = await comboboxState(page);
      assert.deepEqual([state.note, state.status], Array(2).fill('La búsqueda no está disponible en este momento.'));
      await page.keyboard.press('Tab');
      assert.equal((await comboboxState(page)).popupHidden, true, 'leaving the box closes the note');
      await page.focus(BOX);
      await engineLoaded(page);
      state = await comboboxState(page);
      assert.deepEqual([state.note, state.status, state.popupHidden], [null, '', true], 'once the script runs, no note says it is not available');
      await typeInBox(page, 'factura');
      state = await comboboxState(page);
      assert.ok(state.results.length > 0 && state.note === null, `results: ${JSON.stringify(state)}`);
      assert.deepEqual(page.problems.filter((problem) => problem.startsWith('uncaught')), []);
    });
  });

  test('an engine module that could not be downloaded is downloaded again at the next query', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      const refused = refuseOnce(page, /\/assets\/search\.[0-9a-f]+\.js/);
      await page.focus(BOX);
      await refused;
      await page.waitForTimeout(200);
      await typeInBox(page, 'factura');
      const state = await comboboxState(page);
      assert.ok(state.results.length > 0 && state.note === null, `results: ${JSON.stringify(state)}`);
      assert.deepEqual(page.problems.filter((problem) => problem.startsWith('uncaught')), []);
    });
  });

  test('the live region says when the results have only some of the words', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await typeInBox(page, 'factura zzqqxx');
      const state = await comboboxState(page);
      assert.ok(state.options.length > 0);
      assert.match(state.status, /^\d+ resultados\. Ninguna página tiene todas las palabras; estas tienen la mayoría\.$/);
    });
  });

  test('the live region says when the best results, not all, have only some of the words', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      // The engine reads on when no page has every word, so it never answers `more` and
      // `partial` at once: the page gets a module that wraps it and makes its partial answers `more`.
      await page.route(/\/assets\/search\.[0-9a-f]+\.js$/, (route) => route.fulfill({
        contentType: 'text/javascript',
        body: `import init, { SearchEngine } from ${JSON.stringify(`${route.request().url()}?wrapped`)};
          const search = SearchEngine.prototype.search;
          SearchEngine.prototype.search = function (...args) {
            const step = JSON.parse(search.apply(this, args));
            return JSON.stringify(step.partial ? { ...step, more: true } : step);
          };
          export { init as default, SearchEngine };`,
      }));
      await open(page, ARTICLE);
      await typeInBox(page, 'factura zzqqxx');
      const state = await comboboxState(page);
      assert.equal(state.options.at(-1)?.text, 'Ver todos los resultados', `the best results: ${JSON.stringify(state.options)}`);
      assert.equal(state.status, 'Los mejores resultados; la página de búsqueda los tiene todos. Ninguna página tiene todas las palabras; estas tienen la mayoría.');
      assertNoProblems(page);
    });
  });

  test('a long query that finds nothing is echoed cut short, in the popup and on the search page', { timeout: TEST_TIMEOUT }, async () => {
    const long = 'zzqqxx '.repeat(72).trim();
    const echoed = /^No hay resultados para «(zzqqxx[ zqx]*)…»\.$/;
    /** The query as echoed by `text`, which must be cut short to about 60 characters. */
    const assertShort = (text, where) => {
      const echo = text.match(echoed)?.[1];
      assert.ok(echo && long.startsWith(echo) && echo.length <= 60 && echo.length >= 50, `${where} echoes the query cut short: ${text}`);
    };
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await page.focus(BOX);
      await page.fill(BOX, long);
      await answered(page, '#site-search-list', BOX);
      const state = await comboboxState(page);
      assertShort(state.note, 'the note');
      assertShort(state.status, 'the live region');
      await open(page, `${SEARCH_PAGE.es}?q=${encodeURIComponent(long)}`);
      await waitForSearchPage(page);
      assertShort((await searchPageState(page)).status, 'the search page');
    });
  });

  test('English pages search the English index', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, '/en/');
      assert.equal(await page.getAttribute(BOX, 'placeholder'), 'Search…');
      await typeInBox(page, 'invoice');
      const state = await comboboxState(page);
      assert.ok(state.results.length > 0 && state.results.every((href) => href.startsWith('/en/')), `English links: ${state.results}`);
      assert.match(state.status, /^\d+ results$/);
    });
  });

  test('the 404 page offers the box, and it works', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      const response = await page.goto(new URL('/no-existe/', server.url).href);
      assert.equal(response.status(), 404);
      await typeInBox(page, 'usuarios');
      assert.ok((await comboboxState(page)).results.includes('/configuracion/usuarios-y-roles/'));
    });
  });

  // On a phone and a desktop: the home's form and the 404 page.
  for (const viewport of [PHONE, DESKTOP]) {
    for (const { home, searchPage, label } of [
      { home: '/', searchPage: '/buscar/', label: '¿Qué necesita saber?' },
      { home: '/en/', searchPage: '/en/search/', label: 'What do you need to know?' },
    ]) {
      test(`at ${viewport.width} px, the home page ${home} puts a search form up front, leading to its search page`, { timeout: TEST_TIMEOUT }, async () => {
        await withPage({ viewport }, async (page) => {
          await page.goto(new URL(home, server.url).href);
          const form = page.locator('main form[role=search]');
          assert.equal(await form.getAttribute('aria-label'), label);
          const box = await form.locator('input[name=q]').boundingBox();
          // Whole on the first screen; on a desktop, in its upper part. (On a phone the header's
          // box comes first, and the Spanish home's form is under a five-line description.)
          assert.ok(box && box.y + box.height <= viewport.height, `above the fold: ${JSON.stringify(box)}`);
          if (viewport === DESKTOP) assert.ok(box.y < 600, `high on the page: ${JSON.stringify(box)}`);
          assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `the box is whole on the screen: ${JSON.stringify(box)}`);
          await assertFits(page, viewport);
          await page.fill('#home-q', 'factura');
          await Promise.all([page.waitForURL((url) => url.pathname === searchPage), page.press('#home-q', 'Enter')]);
          assert.equal(new URL(page.url()).searchParams.get('q'), 'factura');
        });
      });
    }

    for (const { lang, file, searchPage, home, title } of [
      { lang: 'es', file: '/404.html', searchPage: '/buscar/', home: '/', title: 'Página no encontrada' },
      { lang: 'en', file: '/en/404.html', searchPage: '/en/search/', home: '/en/', title: 'Page not found' },
    ]) {
      test(`at ${viewport.width} px, the ${lang} 404 page speaks its language only, its form leads to its search page, axe is clean`, { timeout: TEST_TIMEOUT }, async () => {
        await withPage({ viewport }, async (page) => {
          await page.goto(new URL(file, server.url).href);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await page.textContent('main h1'), title);
          const otherTitle = lang === 'es' ? 'Page not found' : 'Página no encontrada';
          assert.ok(!(await page.textContent('body')).includes(otherTitle), 'one language a page');
          const sections = await page.$$eval('.not-found-sections a', (links) => links.map((a) => a.getAttribute('href')));
          assert.ok(sections.length >= 3 && sections.every((href) => href.startsWith(home)), `its sections: ${sections}`);
          const menu = await page.$$eval('.site-menu a', (links) => links.map((a) => a.getAttribute('href')));
          assert.ok(menu.length > 0 && menu.every((href) => href.startsWith(home)), 'the menu of its language');
          await assertFits(page, viewport);
          const { violations } = await runAxe(page);
          assert.ok(violations.length === 0, `${violations.length} axe violation(s):\n${formatViolations(violations)}`);
          await page.fill('#not-found-q', 'factura');
          await Promise.all([page.waitForURL((url) => url.pathname === searchPage), page.press('#not-found-q', 'Enter')]);
          assert.equal(new URL(page.url()).searchParams.get('q'), 'factura');
        });
      });
    }
  }

  for (const variant of [
    { label: '', viewport: { width: 1280, height: 800 }, colorScheme: 'light', page: ARTICLE, query: 'factura' },
    { label: ' (dark color scheme)', viewport: { width: 1280, height: 800 }, colorScheme: 'dark', page: ARTICLE, query: 'factura' },
    { label: ' (at 320 px)', viewport: { width: 320, height: 640 }, colorScheme: 'light', page: ARTICLE, query: 'factura' },
    { label: ' (English, a partial match)', viewport: { width: 1280, height: 800 }, colorScheme: 'light', page: ARTICLE_EN, query: 'invoice zzqqxx' },
  ]) {
    test(`axe-core with the results open: no violations${variant.label}`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({ viewport: variant.viewport, colorScheme: variant.colorScheme }, async (page) => {
        await open(page, variant.page);
        await typeInBox(page, variant.query);
        await page.keyboard.press('ArrowDown');
        const state = await comboboxState(page);
        assert.ok(state.options.length > 0 && !state.popupHidden && state.activedescendant);
        const { violations } = await runAxe(page);
        assert.ok(violations.length === 0, `${violations.length} axe violation(s) with the results open:\n${formatViolations(violations)}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= variant.viewport.width, `the open popup fits the viewport: ${width} px`);
      });
    });
  }
});

// --- the search pages ------------------------------------------------------------------------

/** What the search page shows. */
function searchPageState(page) {
  return page.evaluate(() => ({
    value: document.querySelector('#buscar-q').value,
    status: document.querySelector('#buscar-estado').textContent,
    resultsHidden: document.querySelector('.search-page-results').hidden,
    indexHidden: document.querySelector('.search-index').hidden,
    results: [...document.querySelectorAll('.search-page-results [data-search-result]')].map((r) => ({
      href: r.querySelector('a[href]').getAttribute('href'),
      title: r.querySelector('a[href]').textContent,
      crumbs: r.querySelector('.search-hit-crumbs')?.textContent ?? null,
      snippet: r.querySelector('.search-hit-snippet')?.innerHTML ?? null,
      subs: [...r.querySelectorAll('.search-hit-subs a[href]')].map((a) => a.getAttribute('href')),
    })),
    needsJsShown: getComputedStyle(document.querySelector('.search-needs-js')).display !== 'none',
  }));
}

const waitForSearchPage = (page) => answered(page, '.search-page-results', '#buscar-q');

describe('the search pages', () => {
  for (const [lang, query, status] of [['es', 'factura', /^\d+ resultados$/], ['en', 'invoice', /^\d+ results$/]]) {
    test(`${SEARCH_PAGE[lang]}?q=${query} shows full results, with sub-results that lead to their headings`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({}, async (page) => {
        await open(page, `${SEARCH_PAGE[lang]}?q=${query}`);
        await waitForSearchPage(page);
        const state = await searchPageState(page);
        assert.equal(state.value, query);
        assert.match(state.status, status);
        assert.deepEqual([state.resultsHidden, state.indexHidden, state.needsJsShown], [false, true, false]);
        assert.ok(state.results.length > 2, `results: ${JSON.stringify(state.results)}`);
        assert.ok(state.results.every((r) => r.href.startsWith(lang === 'en' ? '/en/' : '/') && (lang === 'en' || !r.href.startsWith('/en/'))));
        assert.ok(state.results.some((r) => r.crumbs) && state.results.some((r) => r.snippet?.includes('<mark>')));
        const withSubs = state.results.find((r) => r.subs.length > 0);
        assert.ok(withSubs, 'some result has sub-results');
        const sub = withSubs.subs[0];
        assert.match(sub, /#.+/);
        await Promise.all([page.waitForURL((url) => url.hash !== ''), page.click(`.search-hit-subs a[href="${sub}"]`)]);
        const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
        assert.ok(await page.evaluate((id) => !!document.getElementById(id), anchor), `the page has the heading #${anchor}`);
        assertNoProblems(page);
      });
    });
  }

  // The query is the address's, or what the reader typed as the script loaded again.
  for (const { when, retry, query } of [
    { when: 'its field is focused', retry: (page) => page.focus('#buscar-q'), query: 'factura' },
    { when: 'the network comes back', retry: async (page) => { await page.context().setOffline(true); await page.context().setOffline(false); }, query: 'factura' },
    { when: 'the reader types in its field', retry: (page) => page.fill('#buscar-q', 'contraseña'), query: 'contraseña' },
  ]) {
    test(`a search page whose script could not be downloaded downloads it again when ${when}, and shows the results`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({}, async (page) => {
        const refused = refuseOnce(page, SEARCH_UI);
        await open(page, `${SEARCH_PAGE.es}?q=factura`);
        await refused;
        await page.waitForFunction(() => document.querySelector('#buscar-estado').textContent, null, { timeout: 10_000 });
        assert.equal((await searchPageState(page)).status, 'La búsqueda no está disponible en este momento.');
        await retry(page);
        await waitForSearchPage(page);
        const state = await searchPageState(page);
        assert.deepEqual([state.value, new URL(page.url()).searchParams.get('q')], [query, query]);
        assert.match(state.status, /^\d+ resultados?$/);
        assert.ok(state.results.length > 0, 'results');
        assert.ok(page.started.some((r) => /\?retry=1$/.test(r.url()) && SEARCH_UI.test(r.url())), 'the script asked for under another address');
        assert.deepEqual(page.problems.filter((problem) => problem.startsWith('uncaught')), []);
      });
    });
  }

  test('the language switch on the search page carries the query', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, `${SEARCH_PAGE.es}?q=contraseña`);
      await waitForSearchPage(page);
      const english = () => page.getAttribute('.language-switch a[hreflang=en]', 'href');
      assert.equal(new URL(await english(), page.url()).search, `?q=${encodeURIComponent('contraseña')}`);
      await page.fill('#buscar-q', '');
      await waitForSearchPage(page);
      assert.equal(new URL(await english(), page.url()).search, '');
      await page.fill('#buscar-q', 'password');
      await waitForSearchPage(page);
      await Promise.all([page.waitForURL((url) => url.pathname === SEARCH_PAGE.en), page.click('.language-switch a[hreflang=en]')]);
      await waitForSearchPage(page);
      assert.equal((await searchPageState(page)).value, 'password');
    });
  });

  test('typing updates the address; the back button leaves the page', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, ARTICLE);
      await open(page, `${SEARCH_PAGE.es}?q=factura`);
      await waitForSearchPage(page);
      await page.focus('#buscar-q');
      await page.keyboard.press('End');
      await page.keyboard.type(' electronica');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'factura electronica');
      await waitForSearchPage(page);
      // A shared address shows the same results.
      const shared = page.url();
      const results = (await searchPageState(page)).results.map((r) => r.href);
      await withPage({}, async (other) => {
        await open(other, new URL(shared).pathname + new URL(shared).search);
        await waitForSearchPage(other);
        assert.deepEqual((await searchPageState(other)).results.map((r) => r.href), results);
      });
      await page.goBack();
      await page.waitForURL((url) => url.pathname === ARTICLE);
      // Emptying the box shows the index of every page again.
      await open(page, `${SEARCH_PAGE.es}?q=factura`);
      await waitForSearchPage(page);
      await page.fill('#buscar-q', '');
      await waitForSearchPage(page);
      const empty = await searchPageState(page);
      assert.deepEqual([empty.resultsHidden, empty.indexHidden, new URL(page.url()).search], [true, false, '']);
      assertNoProblems(page);
    });
  });

  test('no result prints the same snippet twice (a sub-result\'s equal to its page\'s)', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      for (const query of ['factura', 'contraseña']) {
        await open(page, `${SEARCH_PAGE.es}?q=${query}`);
        await waitForSearchPage(page);
        const snippets = await page.$$eval('.search-page-results [data-search-result]', (results) =>
          results.map((result) => [...result.querySelectorAll('.search-hit-snippet')].map((snippet) => snippet.textContent)));
        assert.ok(await page.locator('.search-hit-subs li').count() > 0, `${query}: some result has sub-results`);
        const twice = snippets.filter((texts) => new Set(texts).size < texts.length);
        assert.deepEqual(twice, [], `${query}: snippets printed twice in a result`);
      }
    });
  });

  test('at 390x844, result and sub-result links are at least 44 px tall', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await open(page, `${SEARCH_PAGE.es}?q=factura`);
      await waitForSearchPage(page);
      const links = await page.$$eval('.search-page-results [data-search-result] a[href]', (all) =>
        all.map((a) => ({ text: a.textContent, height: a.getBoundingClientRect().height })));
      assert.ok(links.length > 8, `links: ${links.length}`);
      const small = links.filter((link) => link.height < 44);
      assert.deepEqual(small, [], 'links shorter than 44 px');
    });
  });

  for (const { lang, query, title } of [
    { lang: 'es', query: 'factura', title: (q, plain) => `«${q}» · ${plain}` },
    { lang: 'en', query: 'invoice', title: (q, plain) => `“${q}” · ${plain}` },
  ]) {
    test(`${lang}: the search page's title names the query`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({}, async (page) => {
        await open(page, SEARCH_PAGE[lang]);
        const plain = await page.title();
        assert.match(plain, lang === 'es' ? /^Buscar · / : /^Search · /);
        await page.fill('#buscar-q', query);
        await waitForSearchPage(page);
        assert.equal(await page.title(), title(query, plain));
        await page.fill('#buscar-q', '');
        await waitForSearchPage(page);
        assert.equal(await page.title(), plain, 'an empty box, the plain title');
        await open(page, `${SEARCH_PAGE[lang]}?q=${query}`);
        await waitForSearchPage(page);
        assert.equal(await page.title(), title(query, plain), 'a shared address');
      });
    });
  }

  test('axe-core on the search page with results: no violations', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await open(page, `${SEARCH_PAGE.es}?q=auditoria`);
      await waitForSearchPage(page);
      const { violations } = await runAxe(page);
      assert.ok(violations.length === 0, `${violations.length} axe violation(s):\n${formatViolations(violations)}`);
    });
  });

  for (const lang of ['es', 'en']) {
    test(`without JavaScript, ${SEARCH_PAGE[lang]} lists every section and article and says search needs JavaScript`, { timeout: TEST_TIMEOUT }, async () => {
      await withPage({ javaScriptEnabled: false }, async (page) => {
        await open(page, `${SEARCH_PAGE[lang]}?q=factura`);
        const state = await page.evaluate(() => ({
          message: getComputedStyle(document.querySelector('.search-needs-js')).display !== 'none' ? document.querySelector('.search-needs-js').textContent : null,
          links: [...document.querySelectorAll('.search-index a[href]')].map((a) => a.getAttribute('href')),
          resultsHidden: document.querySelector('.search-page-results').hidden,
        }));
        assert.match(state.message ?? '', lang === 'es' ? /^La búsqueda necesita JavaScript/ : /^Search needs JavaScript/);
        assert.equal(state.resultsHidden, true);
        // Every section and article of that language: every page of the site in that language
        // but the home page.
        const expected = pagesOf(lang);
        assert.deepEqual([...state.links].sort(), expected, 'the static index lists every section and article');
        assert.ok(page.requests.every((r) => !isSearchFile(r.url())), 'nothing of search is downloaded');
      });
    });
  }

  test('without JavaScript, the box in the header leads to the search page', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, ARTICLE);
      await page.fill(BOX, 'factura');
      await Promise.all([page.waitForURL((url) => url.pathname === SEARCH_PAGE.es), page.press(BOX, 'Enter')]);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'factura');
    });
  });
});

// --- on a phone ------------------------------------------------------------------------------

/** A phone's touch screen at `viewport` (withPage adds the Spanish locale). */
const phone = (viewport) => ({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
/** How much of a phone's screen its on-screen keyboard covers, with its row of suggestions, in CSS px. */
const KEYBOARD_PX = 300;

/**
 * Puts a phone's on-screen keyboard up (`up`) or away: the visual viewport shrinks by
 * KEYBOARD_PX, or grows back, while the layout viewport stays, as on Android's Chrome and iOS's
 * Safari. Chromium shows no soft keyboard: this zooms the page in as a pinch does, which shrinks
 * the visual viewport's width too, so only heights are checked under it.
 */
async function onScreenKeyboard(page, up) {
  page.cdp ??= await page.context().newCDPSession(page);
  const layout = await page.evaluate(() => window.innerHeight);
  const visible = up ? layout - KEYBOARD_PX : layout;
  await page.evaluate(() => {
    window.keyboardMoved = new Promise((done) => window.visualViewport.addEventListener('resize', done, { once: true }));
  });
  await page.cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: layout / visible });
  await page.evaluate(() => window.keyboardMoved); // the page's own listeners have seen it too
  assert.equal(Math.round(await page.evaluate(() => window.visualViewport.height)), visible);
}

/** Drags a finger at `x` from `fromY` to `toY` (CSS px of the screen, not of the zoomed page), as a reader scrolls. */
async function swipe(page, x, fromY, toY) {
  page.cdp ??= await page.context().newCDPSession(page);
  const touch = (type, y) => page.cdp.send('Input.dispatchTouchEvent', { type, touchPoints: y === null ? [] : [{ x, y }] });
  await touch('touchStart', fromY);
  for (let step = 1; step <= 10; step++) await touch('touchMove', fromY + ((toY - fromY) * step) / 10);
  await page.waitForTimeout(200); // the finger rests before it lifts: no fling
  await touch('touchMove', toY);
  await touch('touchEnd', null);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The visible area (the visual viewport), the box, the popup and its options, in the layout viewport's coordinates. */
function onScreen(page) {
  return page.evaluate(() => {
    const viewport = window.visualViewport;
    const popup = document.querySelector('.site-search .search-popup');
    const box = (element) => element.getBoundingClientRect().toJSON();
    return {
      visible: { top: viewport.offsetTop, bottom: viewport.offsetTop + viewport.height },
      input: box(document.querySelector('#site-search-q')),
      popup: box(popup),
      options: [...popup.querySelectorAll('[role=option]')].map(box),
      scrolls: popup.scrollHeight > popup.clientHeight,
    };
  });
}

/** The box and the popup show in the visible area, above the keyboard, with at least the first option whole. */
function assertInSight({ visible, input, popup, options }, when) {
  const where = JSON.stringify({ visible, input: [input.top, input.bottom], popup: [popup.top, popup.bottom] });
  assert.ok(input.top >= visible.top - 0.5 && input.bottom <= visible.bottom + 0.5, `${when}: the box shows: ${where}`);
  assert.ok(popup.bottom <= visible.bottom + 0.5, `${when}: the popup ends above the keyboard: ${where}`);
  assert.ok(options[0].bottom <= visible.bottom + 0.5, `${when}: the first result shows whole: ${where}, ${JSON.stringify(options[0])}`);
}

/** On a phone's article: taps the box, brings the keyboard up, types "factura" and waits for its results. */
async function typeWithKeyboardUp(page) {
  await open(page, ARTICLE);
  await page.tap(BOX);
  await onScreenKeyboard(page, true);
  await page.keyboard.type('factura');
  await answered(page, '#site-search-list', BOX);
}

describe('on a phone', () => {
  test('on the search page, the search key puts the keyboard down over the results; a desktop Enter keeps typing', { timeout: TEST_TIMEOUT }, async () => {
    for (const [options, keepsFocus] of [[phone({ width: 390, height: 844 }), false], [{}, true]]) {
      await withPage(options, async (page) => {
        await open(page, SEARCH_PAGE.es);
        await (options.hasTouch ? page.tap('#buscar-q') : page.focus('#buscar-q'));
        await page.keyboard.type('factura');
        await waitForSearchPage(page);
        await page.keyboard.press('Enter');
        assert.ok((await searchPageState(page)).results.length > 0, 'the results are shown');
        const focused = await page.evaluate(() => document.activeElement?.id);
        assert.equal(focused === 'buscar-q', keepsFocus, `${options.hasTouch ? 'phone' : 'desktop'}: the focus is on ${focused}`);
        assertNoProblems(page);
      });
    }
  });

  test('at 360x640 with the on-screen keyboard up, the popup stays above it and its list scrolls inside; it follows the keyboard', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(phone({ width: 360, height: 640 }), async (page) => {
      await typeWithKeyboardUp(page);
      let sight = await onScreen(page);
      assertInSight(sight, 'typed with the keyboard up');
      assert.ok(sight.scrolls, 'the list scrolls inside the popup');
      await page.evaluate(() => { const popup = document.querySelector('.site-search .search-popup'); popup.scrollTop = popup.scrollHeight; });
      sight = await onScreen(page);
      assert.ok(sight.options.at(-1).bottom <= sight.visible.bottom + 0.5, `the list's end shows above the keyboard: ${JSON.stringify(sight)}`);

      await onScreenKeyboard(page, false);
      const tall = await onScreen(page);
      assert.ok(tall.popup.bottom > tall.visible.bottom - 16 && tall.popup.bottom <= tall.visible.bottom + 0.5,
        `with the keyboard away the popup takes the room down to the window's bottom: ${JSON.stringify({ visible: tall.visible, popup: tall.popup })}`);
      await onScreenKeyboard(page, true);
      assertInSight(await onScreen(page), 'the keyboard up again, the popup open');
      assertNoProblems(page);
    });
  });

  test('at 390x844, by touch: a tap outside closes the popup, a result opens at its heading, "see all" opens the search page; options are big enough to tap', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(phone({ width: 390, height: 844 }), async (page) => {
      await open(page, ARTICLE);
      await page.tap(BOX);
      await page.keyboard.type('factura');
      await answered(page, '#site-search-list', BOX);
      const { options } = await onScreen(page);
      // WCAG 2.2's 2.5.8: targets at least 24 by 24 CSS px; here, one under the other, none overlapping.
      assert.deepEqual(options.filter((o) => o.width < 24 || o.height < 24), [], 'options smaller than 24x24');
      assert.ok(options.every((o, i) => i === 0 || o.top >= options[i - 1].bottom - 0.5), `options overlap: ${JSON.stringify(options)}`);

      await page.touchscreen.tap(6, 600); // the page's margin, beside the popup
      let state = await comboboxState(page);
      assert.deepEqual([state.popupHidden, state.expanded], [true, 'false'], 'a tap outside closes the popup');
      await page.tap(BOX);
      state = await comboboxState(page);
      assert.deepEqual([state.popupHidden, state.expanded], [false, 'true'], 'a tap on the box opens it again');
      const anchored = state.results.find((href) => href.includes('#'));
      assert.ok(anchored, `a result leads to a heading: ${state.results}`);
      await Promise.all([page.waitForURL((url) => url.hash !== ''), page.tap(`#site-search-list a[href="${anchored}"]`)]);
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).hash, anchored);
      const target = await page.evaluate(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.getBoundingClientRect().top);
      assert.ok(target !== undefined && target >= -1 && target < 844 / 2, `the heading is at the top of the screen: ${target}`);

      await open(page, ARTICLE);
      await page.tap(BOX);
      await page.keyboard.type('factura');
      await answered(page, '#site-search-list', BOX);
      await Promise.all([page.waitForURL((url) => url.pathname === SEARCH_PAGE.es), page.tap('#site-search-option-all')]);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'factura');
      await waitForSearchPage(page);
      assert.ok((await searchPageState(page)).results.length > 8, 'the search page shows them all');
      await assertFits(page, { width: 390 });
      assertNoProblems(page);
    });
  });

  test('at 390x844, when a finger scrolls the page back up under the open popup, the popup still ends in the window', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(phone({ width: 390, height: 844 }), async (page) => {
      await open(page, ARTICLE);
      await page.evaluate(() => window.scrollTo(0, 150)); // the box near the top of the screen
      await page.tap(BOX);
      await page.keyboard.type('factura');
      await answered(page, '#site-search-list', BOX);
      assertInSight(await onScreen(page), 'typed');
      await swipe(page, 200, 20, 320); // on the header, above the box
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page scrolled back to its top');
      assertInSight(await onScreen(page), 'the page scrolled up');
      assertNoProblems(page);
    });
  });

  test('at 360x640 with the on-screen keyboard up, when a finger pans the page down, the popup still ends above the keyboard', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(phone({ width: 360, height: 640 }), async (page) => {
      await typeWithKeyboardUp(page);
      const before = await onScreen(page);
      assertInSight(before, 'typed with the keyboard up');
      const scale = await page.evaluate(() => window.visualViewport.scale);
      const onBox = ((before.input.top + before.input.bottom) / 2 - before.visible.top) * scale;
      await swipe(page, 100, onBox, onBox + 80 * scale); // the page follows the finger down 80 px
      const after = await onScreen(page);
      assert.ok(after.visible.top < before.visible.top - 40, `the visible area moved up the page: ${JSON.stringify([before.visible, after.visible])}`);
      assert.ok(after.popup.bottom <= after.visible.bottom + 0.5, `the popup ends above the keyboard: ${JSON.stringify({ visible: after.visible, popup: after.popup })}`);
      assertNoProblems(page);
    });
  });
});

/** The contact pages the build makes (not sections or articles). */
const CONTACT_PAGES = ['/contacto/', '/en/contact/'];

/** The URL paths of the built site's pages in `lang` (not its home, search, contact, alias or 404 pages). */
function pagesOf(lang) {
  const found = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || ['assets', 'search-index'].includes(entry.name)) continue;
      const urlPath = `${prefix}${entry.name}/`;
      const file = path.join(dir, entry.name, 'index.html');
      if (existsSync(file)) {
        const html = readFileSync(file, 'utf8');
        const redirect = html.includes('http-equiv="refresh"');
        const pageLang = /<html lang="([^"]+)"/.exec(html)?.[1];
        const made = Object.values(SEARCH_PAGE).includes(urlPath) || CONTACT_PAGES.includes(urlPath);
        if (!redirect && pageLang === lang && !made) found.push(urlPath);
      }
      walk(path.join(dir, entry.name), urlPath);
    }
  };
  walk(SITE, '/');
  return found.filter((p) => p !== '/en/').sort();
}

// --- under a base path --------------------------------------------------------------------------

test('a site published under a path searches inside it', { timeout: TEST_TIMEOUT }, async () => {
  assertAyudaBin();
  const host = mkdtempSync(path.join(os.tmpdir(), 'ayuda-search-base-'));
  const sub = await (async () => {
    await promisify(execFile)(AYUDA_BIN, ['build', '--root', REPO, '--out', path.join(host, 'docs', 'ayuda'), '--base-url', 'https://example.com/docs/ayuda', '--quiet']);
    return serve(host, { compress: true });
  })();
  try {
    await withPage({}, async (page) => {
      const response = await page.goto(new URL('/docs/ayuda/configuracion/usuarios-y-roles/', sub.url).href);
      assert.equal(response.status(), 200);
      await typeInBox(page, 'factura');
      const state = await comboboxState(page);
      assert.ok(state.results.length > 0 && state.results.every((href) => href.startsWith('/docs/ayuda/')), `links under the base path: ${state.results}`);
      await Promise.all([page.waitForURL((url) => url.pathname === '/docs/ayuda/buscar/'), page.keyboard.press('Enter')]);
      await waitForSearchPage(page);
      assert.ok((await searchPageState(page)).results.every((r) => r.href.startsWith('/docs/ayuda/')));
      assert.ok(page.requests.filter((r) => isSearchFile(r.url())).every((r) => new URL(r.url()).pathname.startsWith('/docs/ayuda/')));
      assertNoProblems(page);
    });
  } finally {
    await sub.close();
    rmSync(host, { recursive: true, force: true });
  }
});

// --- a large site --------------------------------------------------------------------------------

/**
 * A help center (`ayuda init`) with 1,200 more articles: half weigh `calendario` most, half
 * `turnos`, so each word is in more pages than its first tier holds; six are titled with both.
 */
async function largeSite(root) {
  await promisify(execFile)(AYUDA_BIN, ['init', root]);
  const section = path.join(root, 'content', 'guias');
  mkdirSync(section);
  writeFileSync(path.join(section, '_index.md'), '---\ntitle: Guías\n---\n\nGuías de la agenda.\n');
  for (let i = 0; i < 1200; i++) {
    const titled = i % 200 === 0;
    const [many, one] = i % 2 ? ['turnos', 'calendario'] : ['calendario', 'turnos'];
    const title = titled ? `Calendario de turnos ${i / 200 + 1}` : `Guía ${i} de la agenda`;
    const text = titled
      ? 'El calendario de turnos reparte los turnos del equipo en el calendario de la semana.'
      : `El ${many} del equipo cambia cada semana; revise el ${many} antes de abrir la agenda, y el ${many} queda guardado. El ${one} también.`;
    writeFileSync(path.join(section, `guia-${String(i).padStart(4, '0')}.md`), `---\ntitle: ${title}\n---\n\n${text}\n`);
  }
}

test('on a large site the box shows the results it ranks for sure, and offers them all', { timeout: TEST_TIMEOUT }, async () => {
  assertAyudaBin();
  const root = mkdtempSync(path.join(os.tmpdir(), 'ayuda-search-large-'));
  let large;
  try {
    await largeSite(path.join(root, 'site'));
    const out = path.join(root, 'public');
    await promisify(execFile)(AYUDA_BIN, ['build', '--root', path.join(root, 'site'), '--out', out, '--quiet']);
    const native = async (...args) =>
      JSON.parse((await promisify(execFile)(AYUDA_BIN, ['search', '--site', out, '--json', ...args])).stdout);
    const typed = await native('--limit', '8', '--as-you-type', 'calendario turnos');
    const full = await native('--limit', '30', 'calendario turnos');
    assert.equal(typed.more, true, 'the first tiers rank fewer than eight for sure');
    assert.deepEqual(typed.results.map((r) => r.title).sort(), [1, 2, 3, 4, 5, 6].map((n) => `Calendario de turnos ${n}`));
    assert.deepEqual(typed.results, full.results.slice(0, typed.results.length), 'the first results of the full answer');
    assert.equal(full.results.length, 30);
    large = await serve(out, { compress: true });
    await withPage({}, async (page) => {
      const response = await page.goto(new URL('/guias/guia-0001/', large.url).href, { waitUntil: 'load' });
      assert.equal(response.status(), 200);
      // A last word ended by a space is whole: the link to every result keeps the space.
      await typeInBox(page, 'calendario turnos ');
      const whole = new URL((await comboboxState(page)).options.at(-1).href);
      assert.equal(whole.searchParams.get('q'), 'calendario turnos ');
      await page.fill(BOX, '');
      await typeInBox(page, 'calendario turnos');
      const state = await comboboxState(page);
      assert.deepEqual(state.results, typed.results.map((r) => r.url), 'the page shows what `ayuda search --as-you-type` finds');
      const all = state.options.at(-1);
      assert.equal(all.text, 'Ver todos los resultados');
      assert.equal(new URL(all.href).pathname, '/buscar/');
      assert.equal(new URL(all.href).searchParams.get('q'), 'calendario turnos');
      assert.equal(state.status, 'Los mejores resultados; la página de búsqueda los tiene todos.');
      await page.waitForLoadState('networkidle');
      const tails = () => page.started.filter((r) => /\/search-index\/es\/r-/.test(new URL(r.url()).pathname)).length;
      assert.equal(tails(), 0, 'no tail downloaded as the reader types');
      const { violations } = await runAxe(page);
      assert.deepEqual(violations, [], `axe with the link to every result open:\n${formatViolations(violations)}`);
      // ↑ from the box reaches the last option: the search page, with every result.
      await page.keyboard.press('ArrowUp');
      assert.equal((await comboboxState(page)).activedescendant, 'site-search-option-all');
      await Promise.all([page.waitForURL((url) => url.pathname === '/buscar/'), page.keyboard.press('Enter')]);
      await waitForSearchPage(page);
      const found = await searchPageState(page);
      assert.deepEqual(found.results.map((r) => r.href), full.results.map((r) => r.url));
      assert.ok(tails() > 0, 'the search page reads the tails');
      assert.equal(found.status, `${full.total.toLocaleString('es')} resultados`);
      assertNoProblems(page);
    });
    // One common word: its first tier gives the best thirty for sure, and the count says that
    // it is of the pages read (a fresh visitor: an engine that read the tail counts them all).
    const word = await native('--limit', '30', 'calendario ');
    assert.equal(word.more, true);
    await withPage({}, async (page) => {
      await page.goto(new URL('/buscar/?q=calendario%20', large.url).href, { waitUntil: 'load' });
      await waitForSearchPage(page);
      const found = await searchPageState(page);
      assert.deepEqual(found.results.map((r) => r.href), word.results.map((r) => r.url));
      assert.equal(found.status, `${word.total.toLocaleString('es')} resultados o más`);
      assertNoProblems(page);
    });
  } finally {
    await large?.close();
    rmSync(root, { recursive: true, force: true });
  }
});

// --- native and WebAssembly agree --------------------------------------------------------------

/** The words of the demo's Markdown in a language (`guia.en.md` is English), front matter included. */
function vocabulary(lang) {
  const words = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.md') && entry.name.endsWith('.en.md') === (lang === 'en')) {
        for (const word of readFileSync(file, 'utf8').match(/[\p{L}\p{N}]+/gu) ?? []) words.add(word);
      }
    }
  };
  walk(path.join(REPO, 'content'));
  return [...words].sort();
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzáéíóúñ';

/**
 * `count` queries over a language's vocabulary: words as written, lower and upper case, without
 * accents, cut short (the last word read as a prefix), with one or two typos (a letter
 * dropped, added, changed, two swapped), two or three words, a trailing space, quoted phrases,
 * and a few that match nothing.
 */
function queries(lang, seed, count) {
  const next = random(seed);
  const words = vocabulary(lang);
  const pick = () => words[Math.floor(next() * words.length)];
  const at = (n) => Math.floor(next() * n);
  const typo = (w) => {
    const i = at(w.length);
    const letter = LETTERS[at(LETTERS.length)];
    switch (at(4)) {
      case 0: return w.slice(0, i) + w.slice(i + 1);
      case 1: return w.slice(0, i) + letter + w.slice(i);
      case 2: return w.slice(0, i) + letter + w.slice(i + 1);
      default: return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w + letter;
    }
  };
  const kinds = [
    () => pick(),
    () => pick().toLowerCase(),
    () => pick().toUpperCase(),
    () => pick().normalize('NFD').replace(/\p{M}/gu, ''),
    () => { const w = pick(); return w.slice(0, 1 + at(w.length)); },
    () => typo(pick()),
    () => typo(typo(pick())),
    () => `${pick()} ${pick()}`,
    () => `${pick()} ${pick()} ${pick().slice(0, 3)}`,
    () => `${pick()} `,
    () => `"${pick()} ${pick()}"`,
    () => `${typo(pick())} ${pick()}`,
    () => `${pick()} zzqx${at(100)}`,
  ];
  return Array.from({ length: count }, () => kinds[at(kinds.length)]()).filter((q) => q.trim() && !q.startsWith('-'));
}

/** `ayuda search --json --limit 10 --lang LANG -- QUERY` for each query, a few at a time. */
async function cliAnswers(lang, list) {
  const run = promisify(execFile);
  const answers = new Array(list.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < list.length) {
      const i = nextIndex++;
      const { stdout } = await run(AYUDA_BIN, ['search', '--site', SITE, '--json', '--limit', '10', '--lang', lang, '--', list[i]]);
      answers[i] = stdout.trimEnd();
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return answers;
}

test('native equals WebAssembly: 1,000 seeded queries give the JSON of `ayuda search --json` in the page', { timeout: 600_000 }, async () => {
  assertAyudaBin();
  const sets = { es: queries('es', 20250218, 700), en: queries('en', 20250219, 300) };
  assert.ok(sets.es.length + sets.en.length >= 990, 'about 1,000 queries');
  for (const [lang, list] of Object.entries(sets)) {
    const cli = await cliAnswers(lang, list);
    await withPage({}, async (page) => {
      await open(page, SEARCH_PAGE[lang]);
      // The page's own engine module, fed the index files as the glue feeds it; raw JSON out.
      const inPage = await page.evaluate(async (list) => {
        const form = document.querySelector('form[data-search]');
        const index = new URL(form.dataset.index, document.baseURI);
        const module = await import(form.dataset.module);
        await module.default({ module_or_path: form.dataset.wasm });
        const engine = module.SearchEngine.open(await (await fetch(new URL('entry.txt', index))).text());
        const answers = [];
        for (const query of list) {
          for (;;) {
            const json = engine.search(query, 10, false); // every result, as `ayuda search`
            const need = JSON.parse(json).need;
            if (!need) {
              answers.push(json);
              break;
            }
            // Index files are stored gzip-compressed: inflated as the page's glue does.
            const inflate = (response) => new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
            for (const name of need) {
              const error = engine.add(name, new Uint8Array(await inflate(await fetch(new URL(name, index)))));
              if (error) throw new Error(error);
            }
          }
        }
        return answers;
      }, list);
      const differ = list.map((query, i) => ({ query, cli: cli[i], page: inPage[i] })).filter((d) => d.cli !== d.page);
      assert.equal(differ.length, 0, `${lang}: ${differ.length} of ${list.length} answers differ; the first:\n${differ.slice(0, 3).map((d) => JSON.stringify(d, null, 1)).join('\n')}`);
      const found = cli.filter((a) => JSON.parse(a).results.length > 0).length;
      console.log(`differential ${lang}: ${list.length} queries, ${found} with results, all equal`);
      assert.ok(found > list.length / 2, `most queries find something (${found} of ${list.length}): the vocabulary is the demo's`);
      assertNoProblems(page);
    });
  }
});
