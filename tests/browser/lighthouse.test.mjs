// Lighthouse on pages of the demo site (the SLA page in Spanish and in English, the home page,
// the contact page, an article with code blocks and the feedback widget, the 404 page): mobile
// form factor with Lighthouse's default simulated throttling (slow 4G, 4x CPU slowdown).
// Accessibility, best practices and SEO must score 100; performance at least 95.
//
//   cargo run -q --release -p ayuda -- build --out /tmp/ayuda-public --quiet
//   AYUDA_SITE=/tmp/ayuda-public node --test tests/browser/lighthouse.test.mjs
//
// env: AYUDA_SITE (the built site, see common.mjs), CHROMIUM (default /usr/bin/chromium),
// AYUDA_LIGHTHOUSE_REPORTS (a directory: every run's full report is written there as HTML and
// JSON, to open when a score is low).
//
// How it is measured, and why:
// - The site is served by serve.mjs on 127.0.0.1 with gzip, as a production static host serves
//   it: Lighthouse's simulation charges every byte on the wire, so an uncompressed test server
//   would measure a download no visitor makes.
// - Chromium is Debian's, launched by chrome-launcher with its usual flags for tools and the
//   flags of the other browser tests (no background networking: nothing leaves the machine),
//   except that RenderDocument stays on, as Chromium ships it (Puppeteer stopped turning it off
//   too). With chrome-launcher's RenderDocument off, headless Chromium here kept the already
//   painted first frame off the screen for about a second in 13 runs of 14 (with it on: 0 of 14),
//   and Lighthouse then counts every request that finished in that second as needed for the
//   first paint (Lighthouse issue 17148 describes such whole-second delays in headless runs).
// - Performance depends on timing and this machine is shared: each page is measured up to three
//   times, stopping at the first run that meets the target, and the best run counts (a slow page
//   is slow every time; a busy machine is not). The other three categories do not depend on
//   timing and must be 100 in every run. Each run's scores and metrics are printed, and every
//   audit that cost points is named, so that a failure says what to fix.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Launcher, launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS, SLA_PAGE, SLA_PAGE_EN, chromiumPath, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const CHROMIUM = chromiumPath();
const REPORTS = process.env.AYUDA_LIGHTHOUSE_REPORTS ? path.resolve(process.env.AYUDA_LIGHTHOUSE_REPORTS) : null;

const PAGES = [
  { path: SLA_PAGE, name: 'SLA page (es)' },
  { path: SLA_PAGE_EN, name: 'SLA page (en)' },
  { path: '/', name: 'home page' },
  { path: '/contacto/', name: 'contact page' },
  { path: '/api-e-integraciones/comprobar-el-estado-de-la-api/', name: 'article with code and feedback' },
  // The page a host sends with status 404, asked for by its name: Lighthouse stops at a
  // document answered with 404. It is `noindex` on purpose (its own address must not be found
  // by search engines), so SEO's "is-crawlable" audit is left out for it and the noindex is
  // checked instead; every other SEO audit counts.
  { path: '/404.html', name: '404 page', noindex: true },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGET = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const TRIES = 3;
const METRICS = [
  ['FCP', 'first-contentful-paint'],
  ['LCP', 'largest-contentful-paint'],
  ['TBT', 'total-blocking-time'],
  ['CLS', 'cumulative-layout-shift'],
  ['SI', 'speed-index'],
];
const TEST_TIMEOUT = TRIES * 90_000;

/** chrome-launcher's flags for tools, without its `RenderDocument` in --disable-features. */
function chromeFlags() {
  const prefix = '--disable-features=';
  return [
    ...Launcher.defaultFlags().map((flag) =>
      flag.startsWith(prefix)
        ? prefix + flag.slice(prefix.length).split(',').filter((feature) => feature !== 'RenderDocument').join(',')
        : flag,
    ),
    '--headless',
    ...CHROMIUM_ARGS,
  ];
}

let server;
let chrome;

before(async () => {
  server = await serve(SITE, { compress: true });
  // A fresh temporary profile, deleted by kill().
  chrome = await launch({ chromePath: CHROMIUM, chromeFlags: chromeFlags(), ignoreDefaultFlags: true, logLevel: 'error' });
});

after(async () => {
  chrome?.kill();
  await server?.close();
});

const score = (lhr, id) => Math.round(lhr.categories[id].score * 100);

/** One line: the four scores and the key metrics. */
function summary(lhr) {
  const scores = CATEGORIES.map((id) => `${id} ${score(lhr, id)}`).join(', ');
  const metrics = METRICS.map(([label, id]) => `${label} ${lhr.audits[id].displayValue}`).join(', ');
  return `${scores}; ${metrics}`;
}

/** The audits of a category that cost points (weighted, scored below 1), with their titles. */
function lostPoints(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => `  ${category}: ${a.id} (score ${a.score}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
}

/** Performance diagnostics worth reading when the score is low: what failed, with its savings. */
function performanceHints(lhr) {
  return lhr.categories.performance.auditRefs
    .filter((ref) => ref.weight === 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .map((a) => `  performance hint: ${a.id}: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`)
    .concat(`  long main-thread tasks (simulated ms, by script): ${longTasks(lhr)}`);
}

/** The long tasks Lighthouse simulated, e.g. `sla-calculator.js 114 at 1466`: what makes the TBT. */
function longTasks(lhr) {
  const items = lhr.audits['long-tasks']?.details?.items ?? [];
  const name = (url) => (url.startsWith(server.url) ? url.slice(server.url.length - 1) : url);
  return items.map((t) => `${name(t.url)} ${Math.round(t.duration)} at ${Math.round(t.startTime)}`).join('; ') || 'none';
}

async function runLighthouse(url, label, skipAudits = []) {
  const result = await lighthouse(
    url,
    { port: chrome.port, logLevel: 'error', output: REPORTS ? ['html', 'json'] : 'json' },
    { extends: 'lighthouse:default', settings: { onlyCategories: CATEGORIES, disableFullPageScreenshot: true, skipAudits } },
  );
  assert.ok(result, `Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (REPORTS) {
    await mkdir(REPORTS, { recursive: true });
    const [html, json] = result.report;
    await writeFile(path.join(REPORTS, `${label}.html`), html);
    await writeFile(path.join(REPORTS, `${label}.json`), json);
  }
  assert.equal(lhr.runtimeError, undefined, `Lighthouse failed on ${url}: ${JSON.stringify(lhr.runtimeError)}`);
  for (const warning of lhr.runWarnings) console.log(`lighthouse: ${label}: warning: ${warning}`);
  // Offline: the page must fetch nothing but its own site.
  const requests = lhr.audits['network-requests'].details.items.map((r) => r.url);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], `${url} requested other hosts`);
  return lhr;
}

describe('Lighthouse (mobile, simulated throttling)', () => {
  for (const page of PAGES) {
    test(`${page.name}: performance ≥ ${TARGET.performance}, accessibility, best practices and SEO 100`, { timeout: TEST_TIMEOUT }, async () => {
      const url = new URL(page.path.slice(1), server.url).href;
      if (page.noindex) {
        const html = await (await fetch(url)).text();
        assert.ok(html.includes('<meta name="robots" content="noindex">'), `${page.path} is kept out of search engines`);
      }
      const runs = [];
      for (let i = 1; i <= TRIES; i++) {
        const label = `${page.name.replace(/\W+/g, '-').replace(/-$/, '')}-run${i}`;
        const lhr = await runLighthouse(url, label, page.noindex ? ['is-crawlable'] : []);
        runs.push(lhr);
        console.log(`lighthouse: ${page.name} ${page.path} run ${i}: ${summary(lhr)}`);
        // Not timing-dependent: must hold in every run.
        const exact = CATEGORIES.filter((c) => c !== 'performance' && score(lhr, c) < TARGET[c]);
        assert.deepEqual(exact, [], `${page.path} run ${i}: ${summary(lhr)}\n${exact.flatMap((c) => lostPoints(lhr, c)).join('\n')}`);
        if (score(lhr, 'performance') >= TARGET.performance) break;
      }
      const best = runs.reduce((a, b) => (score(b, 'performance') > score(a, 'performance') ? b : a));
      const scores = runs.map((lhr) => score(lhr, 'performance'));
      console.log(`lighthouse: ${page.name}: performance ${scores.join(', ')} (best ${score(best, 'performance')}, target ${TARGET.performance})`);
      assert.ok(
        score(best, 'performance') >= TARGET.performance,
        `${page.path}: performance ${scores.join(', ')} in ${runs.length} run(s), best below ${TARGET.performance}\n` +
          `best run: ${summary(best)}\n${[...lostPoints(best, 'performance'), ...performanceHints(best)].join('\n')}`,
      );
    });
  }
});
