// How readers reach support (issue 13), in Spanish and in English, on a phone (390 px) and a
// desktop (1280 px): the home's most asked questions and featured articles, the footer of
// every page, and the contact page, whose subject box suggests articles as the reader types
// and reports a search that finds nothing to `feedback.url`.
//
//   AYUDA_SITE=/tmp/ayuda-public node --test support.test.mjs
//
// env: AYUDA_SITE (the built demo site, see common.mjs), CHROMIUM (default /usr/bin/chromium).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS, SLA_PAGE, SLA_PAGE_EN, buildDemoWith, chromiumPath, formatViolations, runAxe, siteDir } from './common.mjs';

const SITE = siteDir();
const CHROMIUM = chromiumPath();
const PHONE = { width: 390, height: 800 };
const DESKTOP = { width: 1280, height: 800 };
const TEST_TIMEOUT = 90_000;

const LANGUAGES = [
  {
    lang: 'es',
    home: '/',
    contact: '/contacto/',
    search: '/buscar/',
    sla: SLA_PAGE,
    faq: '/preguntas-frecuentes/preguntas-frecuentes/',
    questions: 'Preguntas más frecuentes',
    featured: 'Artículos destacados',
    contactLink: 'Contactar a soporte',
    hours: 'Lunes a viernes: 07:30–12:30 y 13:30–17:00',
    subject: 'contraseña',
    answer: '/configuracion/contrasenas-y-acceso/',
    none: 'No encontramos artículos sobre eso. Escríbanos: el equipo de soporte le responde.',
  },
  {
    lang: 'en',
    home: '/en/',
    contact: '/en/contact/',
    search: '/en/search/',
    sla: SLA_PAGE_EN,
    faq: '/en/preguntas-frecuentes/preguntas-frecuentes/',
    questions: 'Most asked questions',
    featured: 'Featured articles',
    contactLink: 'Contact support',
    hours: 'Monday to Friday: 07:30–12:30 and 13:30–17:00',
    subject: 'password',
    answer: '/en/configuracion/contrasenas-y-acceso/',
    none: 'We found no articles about that. Write to us: the support team will answer.',
  },
];
/** A subject no article of the demo speaks of. */
const NOTHING = 'zzxqj wvkpt';

let server;
let browser;
let endpoint; // receives the reports of searches that find nothing
let reports;
let built; // the demo built with `feedback: {url: <endpoint>}`
let withFeedback; // serves it

before(async () => {
  server = await serve(SITE);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
  reports = [];
  endpoint = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      reports.push({ body, cookie: req.headers.cookie ?? null });
      res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    });
  });
  await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  built = await buildDemoWith(`feedback:\n  url: http://127.0.0.1:${endpoint.address().port}/feedback`);
  withFeedback = await serve(built.dir);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await withFeedback?.close();
  await built?.remove();
  endpoint?.close();
});

/**
 * Opens `urlPath` at `viewport` on the site `at` serves (the demo under test unless said
 * otherwise); uncaught exceptions fail the test at `done()`.
 */
async function open(urlPath, viewport, options = {}, at = server) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const exceptions = [];
  page.on('pageerror', (err) => exceptions.push(err.stack || String(err)));
  const response = await page.goto(new URL(urlPath, at.url).href, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `${urlPath} answers 200`);
  return {
    page,
    async done() {
      await context.close();
      assert.deepEqual(exceptions, [], `no uncaught exception on ${urlPath}`);
    },
  };
}

async function assertFits(page, viewport) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= viewport.width, `nothing wider than the screen: ${width} px`);
}

async function assertAxeClean(page, what) {
  const { violations } = await runAxe(page);
  assert.ok(violations.length === 0, `${violations.length} axe violation(s) ${what}:\n${formatViolations(violations)}`);
}

for (const L of LANGUAGES) {
  describe(`${L.lang}: the home page and the footer`, () => {
    for (const viewport of [PHONE, DESKTOP]) {
      test(`at ${viewport.width} px: the most asked questions open their answer, featured articles are cards`, { timeout: TEST_TIMEOUT }, async () => {
        const { page, done } = await open(L.home, viewport);
        try {
          assert.equal(await page.locator('#home-questions').textContent(), L.questions);
          const questions = page.locator('.home-questions a');
          assert.equal(await questions.count(), 6, 'the first six questions of the featured FAQ page');
          assert.equal(await page.locator('#home-featured').textContent(), L.featured);
          const cards = page.locator('section[aria-labelledby=home-featured] .card a');
          assert.ok(await cards.count() >= 3, 'the featured articles');
          assert.ok((await cards.evaluateAll((links) => links.map((a) => a.pathname))).includes(L.answer));
          await assertFits(page, viewport);
          // A question leads to its answer on the FAQ page, open.
          const text = (await questions.nth(1).textContent()).trim();
          await questions.nth(1).click();
          await page.waitForURL((url) => url.pathname === L.faq && url.hash.length > 1);
          const answer = page.locator('details.faq[open]');
          assert.equal(await answer.count(), 1, 'the question is open');
          assert.equal((await answer.locator('summary').textContent()).trim(), text);
        } finally {
          await done();
        }
      });

      test(`at ${viewport.width} px: every page's footer leads to the contact page and the SLA page and gives the hours`, { timeout: TEST_TIMEOUT }, async () => {
        const { page, done } = await open(L.faq, viewport);
        try {
          const footer = page.locator('footer.site-footer');
          assert.equal(await footer.locator(`a[href="${L.contact}"]`).textContent(), L.contactLink);
          assert.equal(await footer.locator(`a[href="${L.sla}"]`).count(), 1);
          const hours = (await footer.locator('.footer-hours p').innerText()).replace(/\s+/g, ' ');
          assert.ok(hours.includes(L.hours) && hours.includes('America/Bogota'), hours);
          await assertFits(page, viewport);
        } finally {
          await done();
        }
      });
    }
  });

  describe(`${L.lang}: the contact page`, () => {
    for (const viewport of [PHONE, DESKTOP]) {
      test(`at ${viewport.width} px: articles that may answer appear as the reader types; none says so; axe clean`, { timeout: TEST_TIMEOUT }, async () => {
        const { page, done } = await open(L.contact, viewport);
        try {
          const box = page.locator('#contact-subject');
          await box.focus();
          await box.pressSequentially(L.subject, { delay: 30 });
          const results = page.locator('.contact-suggestions [data-search-result]');
          await results.first().waitFor();
          assert.ok(await results.count() <= 5, 'five suggestions at most');
          const links = await results.locator('a').evaluateAll((all) => all.map((a) => a.pathname));
          assert.ok(links.includes(L.answer), `the password article is suggested: ${links}`);
          assert.ok(await page.locator('.contact-suggestions').isVisible());
          await assertFits(page, viewport);
          await assertAxeClean(page, 'with suggestions');
          await box.fill(NOTHING);
          await page.waitForFunction((none) => document.getElementById('contact-status').textContent === none, L.none);
          assert.ok(await page.locator('.contact-suggestions').isHidden(), 'no empty list');
          // Who to write to, the hours, and the calculator.
          assert.ok(await page.locator('a[href="mailto:soporte.funcional@example.com"]').count() >= 1);
          assert.equal(await page.locator(`.contact-calculator a[href="${L.sla}"]`).count(), 1);
        } finally {
          await done();
        }
      });
    }

    for (const viewport of [PHONE, DESKTOP]) {
      test(`at ${viewport.width} px, built with feedback.url: a search that finds nothing is reported once, after the reader pauses; one that finds is not`, { timeout: TEST_TIMEOUT }, async () => {
        const { page, done } = await open(L.contact, viewport, {}, withFeedback);
        try {
          const before = reports.length;
          const box = page.locator('#contact-subject');
          await box.focus();
          await box.fill(L.subject);
          await page.locator('.contact-suggestions [data-search-result]').first().waitFor();
          await box.fill(NOTHING);
          await page.waitForFunction((none) => document.getElementById('contact-status').textContent === none, L.none);
          for (let i = 0; i < 100 && reports.length === before; i++) await new Promise((r) => setTimeout(r, 50));
          assert.equal(reports.length, before + 1, 'the search that found nothing is reported');
          assert.equal(reports[before].cookie, null, 'no cookie');
          assert.deepEqual(JSON.parse(reports[before].body), { kind: 'search', page: L.contact, language: L.lang, query: NOTHING, results: 0 });
          // The same query again, after finding something in between: not reported twice.
          await box.fill(L.subject);
          await page.locator('.contact-suggestions [data-search-result]').first().waitFor();
          await box.fill(NOTHING);
          await page.waitForFunction((none) => document.getElementById('contact-status').textContent === none, L.none);
          await new Promise((r) => setTimeout(r, 2500));
          assert.equal(reports.length, before + 1, 'each query once per page view');
          await assertFits(page, viewport);
        } finally {
          await done();
        }
      });
    }

    test('without JavaScript the subject box leads to the search page with the words', { timeout: TEST_TIMEOUT }, async () => {
      const { page, done } = await open(L.contact, PHONE, { javaScriptEnabled: false });
      try {
        await page.fill('#contact-subject', L.subject);
        await Promise.all([page.waitForURL((url) => url.pathname === L.search), page.press('#contact-subject', 'Enter')]);
        assert.equal(new URL(page.url()).searchParams.get('q'), L.subject);
      } finally {
        await done();
      }
    });
  });
}
