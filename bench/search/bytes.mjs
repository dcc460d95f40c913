// Bytes and requests of a cold first query and of later queries, in Chromium, with the site
// served gzip-compressed on 127.0.0.1 (serve.mjs counts every response body as sent).
//
//   node bytes.mjs --engine ayuda|pagefind-ui|pagefind-api --site OUT [--queries FILE]
//                  [--article /seccion-01/articulo-00001/] [--cold 5] [--later 10]
//                  [--type-delay 80] [--words N] [--json FILE] [--verbose]
//
// Queries: the `exact` Spanish queries of FILE (default queries/synthetic.jsonl), in order;
// with --words N, each cut to its first N words (--words 1: one-word queries). They are typed
// a key every --type-delay ms as on a Spanish keyboard (an accented letter is the dead key ´,
// then the letter).
// Each cold query runs in a fresh browser context (empty cache) on an article page: what the
// page loaded by itself is not counted; counting starts when the reader turns to search.
// After the cold query, the same page runs the next queries one by one ("later" queries).
// A query is over when its results show and the server has been quiet for 500 ms.
//
//   ayuda         focus the header's <form role="search"> <input type="search" name="q">,
//                 type the query; done when a [data-search-result] a[href] shows.
//   pagefind-ui   Pagefind's Default UI as its docs set it up: pagefind-ui.css and
//                 pagefind-ui.js are added to the page (counted: they are there only for
//                 search), then `new PagefindUI(...)`, the query typed into its input; done when
//                 .pagefind-ui__result shows (its first page of 5 results and their fragments).
//   pagefind-api  no UI: import /pagefind/pagefind.js, `search(q)`, `data()` of the top 5.
//
// Browser caching: responses carry `Cache-Control: max-age=3600`, so a later query re-uses
// what the page already has (as with a host's immutable, hashed files).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { HERE, failLoudly, launch, median, parseArgs, readJsonl } from './common.mjs';
import { serve } from './serve.mjs';

const opts = parseArgs(process.argv.slice(2));
failLoudly();
const engine = opts.engine;
if (!['ayuda', 'pagefind-ui', 'pagefind-api'].includes(engine) || !opts.site) {
  console.error('usage: bytes.mjs --engine ayuda|pagefind-ui|pagefind-api --site OUT [options]');
  process.exit(2);
}
const queries = readJsonl(opts.queries ?? path.join(HERE, 'queries', 'synthetic.jsonl'))
  .filter((q) => q.variant === 'exact' && q.lang === 'es')
  .map((q) => (opts.words ? q.query.split(' ').slice(0, Number(opts.words)).join(' ') : q.query));
const nCold = Number(opts.cold ?? 5);
const nLater = Number(opts.later ?? 10);
const article = opts.article ?? '/seccion-01/articulo-00001/';
const typeDelay = Number(opts['type-delay'] ?? 80);
const TIMEOUT = 20000;

const SEARCH_INPUT = 'form[role="search"] input[type="search"][name="q"]';

/** The accented letters a Spanish keyboard types with the dead key ´ (¨ for ü) first. */
const DEAD_KEY_LETTERS = /^[áéíóúüÁÉÍÓÚÜ]$/;

/**
 * Types `text` into the focused field as a reader on a Spanish keyboard does, a key every
 * `typeDelay` ms: an accented letter is two keys, the dead key (which types nothing yet, but
 * its keydown reaches the page) and then the letter; ñ is one key. (Playwright's own typing
 * sends a letter its US layout lacks after twice the delay, with no key before it.)
 */
async function typeAsOnASpanishKeyboard(page, text) {
  const cdp = await page.context().newCDPSession(page);
  // A key goes down, and the next one `typeDelay` ms later, as Playwright's own typing does.
  for (const character of text) {
    if (/^[a-zA-Z0-9 ]$/.test(character)) {
      await page.keyboard.press(character, { delay: typeDelay });
      continue;
    }
    if (DEAD_KEY_LETTERS.test(character)) {
      const deadKey = { key: 'Dead', code: 'BracketLeft', windowsVirtualKeyCode: 186 };
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...deadKey });
      await page.waitForTimeout(typeDelay);
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...deadKey });
    }
    await page.keyboard.insertText(character);
    await page.waitForTimeout(typeDelay);
  }
  await cdp.detach();
}

/** Starts search on the page; returns a function that runs one query to the end. */
async function startEngine(page) {
  if (engine === 'ayuda') {
    await page.focus(SEARCH_INPUT, { timeout: 10000 });
    return async (q) => {
      await page.fill(SEARCH_INPUT, '');
      // An emptied box may or may not clear the previous results; the server's quiet period
      // after the query (srv.idle) is what makes the byte count complete either way.
      await page.waitForSelector('[data-search-result]', { state: 'detached', timeout: 2000 }).catch(() => {});
      await page.focus(SEARCH_INPUT);
      await typeAsOnASpanishKeyboard(page, q);
      await page.waitForSelector('[data-search-result] a[href]', { state: 'visible', timeout: TIMEOUT });
    };
  }
  if (engine === 'pagefind-ui') {
    await page.evaluate(async () => {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = '/pagefind/pagefind-ui.css';
      document.head.append(css);
      const script = document.createElement('script');
      script.src = '/pagefind/pagefind-ui.js';
      await new Promise((ok, fail) => {
        script.onload = ok;
        script.onerror = fail;
        document.head.append(script);
      });
      const div = document.createElement('div');
      div.id = 'bench-search';
      document.body.prepend(div);
      // eslint-disable-next-line no-undef
      new PagefindUI({ element: '#bench-search', showImages: false });
    });
    const input = '#bench-search .pagefind-ui__search-input';
    await page.waitForSelector(input);
    await page.focus(input);
    return async (q) => {
      await page.fill(input, '');
      await page.waitForSelector('.pagefind-ui__result', { state: 'detached', timeout: TIMEOUT });
      await page.focus(input);
      await typeAsOnASpanishKeyboard(page, q);
      await page.waitForSelector('.pagefind-ui__result a[href]', { state: 'visible', timeout: TIMEOUT });
    };
  }
  return async (q) => {
    const n = await page.evaluate(async (q) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const r = await pagefind.search(q);
      const data = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
      return data.length;
    }, q);
    if (!n) throw new Error(`pagefind found nothing for ${q}`);
  };
}

function summarize(entries) {
  return {
    bytes: entries.reduce((s, e) => s + e.bytes, 0),
    requests: entries.length,
    files: entries.map((e) => `${e.status} ${e.bytes} ${e.gzip ? 'gz ' : ''}${e.path}`),
  };
}

const srv = await serve(opts.site, { cacheControl: 'max-age=3600' });
const browser = await launch();
const result = { engine, site: opts.site, article, typeDelay, words: opts.words ?? 'all', cold: [], later: [] };
try {
  for (let i = 0; i < nCold; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const m0 = srv.mark();
    const resp = await page.goto(srv.url + article.replace(/^\//, ''), { waitUntil: 'load' });
    if (!resp.ok()) throw new Error(`${article}: HTTP ${resp.status()}`);
    await srv.idle(500);
    const pageLoad = summarize(srv.since(m0));
    const m1 = srv.mark();
    const run = await startEngine(page);
    await run(queries[i]);
    await srv.idle(500);
    result.cold.push({ query: queries[i], pageLoad: { bytes: pageLoad.bytes, requests: pageLoad.requests }, ...summarize(srv.since(m1)) });
    if (i === 0) {
      for (const q of queries.slice(nCold, nCold + nLater)) {
        const m = srv.mark();
        await run(q);
        await srv.idle(500);
        result.later.push({ query: q, ...summarize(srv.since(m)) });
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await srv.close();
}

const cb = result.cold.map((c) => c.bytes);
const cr = result.cold.map((c) => c.requests);
const lb = result.later.map((c) => c.bytes);
const lr = result.later.map((c) => c.requests);
result.summary = {
  coldBytesMedian: median(cb), coldBytesMax: Math.max(...cb), coldRequestsMedian: median(cr),
  laterBytesMedian: median(lb), laterBytesMax: Math.max(...lb), laterRequestsMedian: median(lr),
  pageLoadBytesMedian: median(result.cold.map((c) => c.pageLoad.bytes)),
};
if (opts.json) writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
if (opts.verbose) {
  for (const c of result.cold) console.error(`cold ${JSON.stringify(c.query)}: ${c.bytes} B in ${c.requests}\n  ${c.files.join('\n  ')}`);
  for (const c of result.later) console.error(`later ${JSON.stringify(c.query)}: ${c.bytes} B in ${c.requests}\n  ${c.files.join('\n  ')}`);
}
const s = result.summary;
console.log(`${engine}: cold first query ${(s.coldBytesMedian / 1024).toFixed(1)} KB (max ${(s.coldBytesMax / 1024).toFixed(1)}) in ${s.coldRequestsMedian} requests; later queries ${(s.laterBytesMedian / 1024).toFixed(1)} KB (max ${(s.laterBytesMax / 1024).toFixed(1)}) in ${s.laterRequestsMedian} requests (medians of ${result.cold.length} cold, ${result.later.length} later)`);
