// Speed of the SLA calculator in the page, in Chromium, measured from outside its script (the
// page script times nothing itself):
//
//   node bench/calculator/speed.mjs --site OUT [--n 20] [--page /servicio-al-cliente/acuerdo-de-niveles-de-servicio/]
//
//   first deadline  N fresh visitors (a new browser context each: empty cache, no compiled
//                   code) open the SLA page with a shared link; a MutationObserver installed
//                   before any page script notes when the response deadline (`<time
//                   data-sla="response-due">`) enters the page. Printed from the page's start
//                   (navigation start, `performance.timeOrigin`) and from the arrival of the
//                   last of the calculator's files (its script, the engine's module and
//                   WebAssembly, the policy: Resource Timing's `responseEnd`), which leaves out
//                   the page's HTML and CSS and the network: the engine's start and the first
//                   calculation. Also printed, for context: when those files were in.
//   typed time      on one page, N new creation times typed into the form with the keyboard as
//                   a person does (MM DD YYYY, Tab, hh mm ss, A or P); the last key always turns
//                   AM into PM or back, so it changes the time. From that key's `keydown` (a
//                   listener on window, in the capture phase) to the last change of the results
//                   in the same task (a MutationObserver on them; the form recalculates on both
//                   `input` and `change`), and from the `input` event to the same point.
//
// Prints the median, 95th percentile and maximum of each, in milliseconds, with the targets
// (first deadline 50 ms, a typed time 5 ms; the page used to time itself for the browser tests,
// only its first and last `update()` calls, not the engine's start or the events). Serves the site gzipped on 127.0.0.1 (the search
// benchmark's server) and stops it at the end. env CHROMIUM (default /usr/bin/chromium).
// playwright-core comes from bench/search/node_modules (`npm ci --ignore-scripts` there).

import { launch, median, parseArgs, percentile } from '../search/common.mjs';
import { serve } from '../search/serve.mjs';

const opts = parseArgs(process.argv.slice(2));
if (!opts.site) {
  console.error('usage: speed.mjs --site OUT [--n 20] [--page /servicio-al-cliente/acuerdo-de-niveles-de-servicio/]');
  process.exit(2);
}
const n = Number(opts.n ?? 20);
const pagePath = opts.page ?? '/servicio-al-cliente/acuerdo-de-niveles-de-servicio/';

const TARGET_FIRST_MS = 50;
const TARGET_TYPED_MS = 5;

// The link every visitor opens, and its response deadline (sla.yaml: Alta, two business hours).
const LINK = { created: '2025-02-18T10:30:00-05:00', priority: 'alta' };
const LINK_RESPONSE = '2025-02-18T12:30:00-05:00';

/**
 * The i-th typed time (wall clock in the support zone, a weekday of 17–21 February 2025):
 * afternoon for even i, morning for odd i, so that each ends on a different AM/PM than the one
 * before (the link's 10:30 is morning).
 */
function typedTime(i) {
  const hour = i % 2 === 0 ? 13 + (i % 4) : 7 + (i % 5);
  const p = (x) => String(x).padStart(2, '0');
  return `2025-02-${p(17 + (i % 5))}T${p(hour)}:${p((i * 7) % 60)}:${p((i * 13) % 60)}`;
}

const server = await serve(opts.site);
// A fixed browser language, so that the datetime-local field has the same segments as in
// tests/browser/calculator.test.mjs (MM/DD/YYYY, hh:mm:ss AM/PM) whatever the machine's locale.
const browser = await launch(['--lang=en-US']);
const visitor = () => browser.newContext({ locale: 'es-CO', timezoneId: 'America/Bogota', viewport: { width: 1280, height: 800 } });
const url = new URL(pagePath.replace(/^\//, ''), server.url);
for (const [k, v] of Object.entries(LINK)) url.searchParams.set(k, v);

/** Opens the page, waits for the calculator to start, and fails on a page error. */
async function open(ctx) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  const response = await page.goto(url.href, { waitUntil: 'load' });
  if (response?.status() !== 200) throw new Error(`${url.pathname} answered HTTP ${response?.status()}`);
  await page.waitForSelector('[data-sla-calculator][data-ready]', { state: 'attached', timeout: 20_000 });
  const ready = await page.getAttribute('[data-sla-calculator]', 'data-ready');
  if (ready !== 'true') throw new Error(`the calculator did not start (data-ready="${ready}"): ${problems.join('; ')}`);
  page.problems = problems;
  return page;
}

// Before any script of the page: the moment the first response deadline is in the document.
function watchFirstDeadline() {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && node.matches('time[data-sla="response-due"]')) {
          window.__firstDeadline = { at: performance.now(), datetime: node.getAttribute('datetime') };
          observer.disconnect();
          return;
        }
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

// In the page, before the last key: resolves with the times of that key's keydown, its input
// event, and the last change of the results in the same task.
function armLastKey() {
  const results = document.querySelector('[data-sla-calculator] .sla-results');
  const times = {};
  window.__lastKey = new Promise((resolve, reject) => {
    const onKey = () => { times.key ??= performance.now(); };
    const onInput = () => { if (times.key !== undefined) times.input ??= performance.now(); };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('input', onInput, { capture: true });
    const done = (error) => {
      observer.disconnect();
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('input', onInput, { capture: true });
      if (error) reject(error);
      else resolve(times);
    };
    const observer = new MutationObserver(() => {
      if (times.key === undefined) return;
      const first = times.shown === undefined;
      times.shown = performance.now();
      times.changes = (times.changes ?? 0) + 1;
      if (first) {
        // A task of its own: runs once the key's task (input, change) is over.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done();
        channel.port2.postMessage(null);
      }
    });
    observer.observe(results, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => done(new Error(`no change of the results 10 s after the last key (${JSON.stringify(times)})`)), 10_000);
  });
}

/** Focus on the first segment of #sla-created: out of the field backwards, then Tab into it. */
async function focusCreatedFirstSegment(page) {
  const focused = () => page.evaluate(() => document.activeElement?.id);
  await page.focus('#sla-created');
  for (let i = 0; i < 10 && (await focused()) === 'sla-created'; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  if ((await focused()) !== 'sla-created') throw new Error('Tab did not come back to #sla-created');
}

/** Types `wall` as tests/browser/calculator.test.mjs's typeWallClock does; times the last key. */
async function typeTimed(page, wall) {
  const [, year, month, day, hour, minute, second] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(wall);
  const h = Number(hour);
  await page.keyboard.type(`${month}${day}${year}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${String(h % 12 || 12).padStart(2, '0')}${minute}${second}`);
  await page.evaluate(armLastKey);
  await page.keyboard.type(h < 12 ? 'A' : 'P');
  const times = await page.evaluate(() => window.__lastKey);
  const value = await page.evaluate(() => document.querySelector('#sla-created').value);
  const shown = /T\d\d:\d\d$/.test(value) ? `${value}:00` : value;
  if (shown !== wall) throw new Error(`typed ${wall}, the field holds ${value}`);
  if (await page.evaluate(() => document.querySelector('.sla-results').hidden)) throw new Error(`no result for ${wall}`);
  return times;
}

try {
  const fromStart = [];
  const filesIn = [];
  const fromFiles = [];
  for (let i = 0; i < n; i++) {
    const ctx = await visitor();
    try {
      await ctx.addInitScript(watchFirstDeadline);
      const page = await open(ctx);
      const first = await page.evaluate(() => {
        const root = document.querySelector('[data-sla-calculator]');
        const files = [root.dataset.module, root.dataset.wasm, root.dataset.policy, root.querySelector('script[type=module][src]').src]
          .map((u) => new URL(u, document.baseURI).href);
        const ends = files.map((file) => performance.getEntriesByName(file, 'resource')[0]?.responseEnd);
        return { ...window.__firstDeadline, files, ends };
      });
      if (first.datetime !== LINK_RESPONSE) throw new Error(`first deadline ${first.datetime}, expected ${LINK_RESPONSE}`);
      const missing = first.files.filter((_, j) => first.ends[j] === undefined);
      if (missing.length) throw new Error(`no resource timing for ${missing.join(', ')}`);
      fromStart.push(first.at);
      filesIn.push(Math.max(...first.ends));
      fromFiles.push(first.at - Math.max(...first.ends));
      if (page.problems.length) throw new Error(`page errors: ${page.problems.join('; ')}`);
    } finally {
      await ctx.close();
    }
  }

  const fromKey = [];
  const fromInput = [];
  const ctx = await visitor();
  try {
    const page = await open(ctx);
    for (let i = 0; i < n; i++) {
      await focusCreatedFirstSegment(page);
      const t = await typeTimed(page, typedTime(i));
      if (t.input === undefined) throw new Error(`no input event after the last key of ${typedTime(i)}`);
      fromKey.push(t.shown - t.key);
      fromInput.push(t.shown - t.input);
    }
    if (page.problems.length) throw new Error(`page errors: ${page.problems.join('; ')}`);
  } finally {
    await ctx.close();
  }

  const show = (name, values, target) =>
    console.log(
      `${name.padEnd(40)} median ${median(values).toFixed(2).padStart(7)} ms, p95 ${percentile(values, 0.95).toFixed(2).padStart(7)} ms, ` +
        `max ${Math.max(...values).toFixed(2).padStart(7)} ms (${values.length})${target === undefined ? '' : `   target ${target} ms`}`,
    );
  console.log(`${url.href}  chromium ${browser.version()}  n ${n}`);
  show('first deadline, from the page\'s start', fromStart, TARGET_FIRST_MS);
  show('first deadline, from its files\' arrival', fromFiles, TARGET_FIRST_MS);
  show('(its files in, from the page\'s start)', filesIn);
  show('typed time, from the last keydown', fromKey, TARGET_TYPED_MS);
  show('typed time, from its input event', fromInput, TARGET_TYPED_MS);
} finally {
  await browser.close();
  await server.close();
}
