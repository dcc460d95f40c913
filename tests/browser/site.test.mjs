// Browser checks of a built ayuda site: accessibility (axe-core), basic behaviour, and
// layout at a 320 px wide viewport, on six representative pages.
//
//   AYUDA_SITE=/tmp/ayuda-public node --test site.test.mjs
//
// The site is served over HTTP on 127.0.0.1 by serve.mjs and opened in Debian's Chromium
// (env CHROMIUM, default /usr/bin/chromium), headless, with a fresh temporary profile.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS, PAGES, buildDemoWith, chromiumPath, formatViolations, notTheDemo, runAxe, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const CHROMIUM = chromiumPath();

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };
const TEST_TIMEOUT = 90_000;
// The tests of the demo's own pages and settings (below the per-page checks): skipped, with
// the reason, on any other site, e.g. selftest.mjs's hand-made ones.
const DEMO_ONLY = { timeout: TEST_TIMEOUT, skip: notTheDemo(SITE) };

// axe-core runs on the page as a desktop visitor sees it, and also in the two other states the
// theme styles differently: the dark color scheme (contrast) and a 320 px viewport (where a
// wide table or code block becomes a scrolling region that keyboard users must reach).
const AXE_VARIANTS = [
  { label: '', viewport: DESKTOP, colorScheme: 'light' },
  { label: ' (dark color scheme)', viewport: DESKTOP, colorScheme: 'dark' },
  { label: ` (at ${NARROW.width} px)`, viewport: NARROW, colorScheme: 'light' },
];

let server;
let context;
let profileDir;

before(async () => {
  server = await serve(SITE);
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'ayuda-chromium-profile-'));
  // A persistent context is how Playwright takes an explicit --user-data-dir: a fresh, empty
  // one, deleted at the end.
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', ...CHROMIUM_ARGS],
    viewport: DESKTOP,
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
    acceptDownloads: false,
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/**
 * Opens `urlPath` of the site `at` serves (the demo under test unless said otherwise) in a new
 * tab and records what goes wrong while it loads: console errors, uncaught exceptions, failed
 * requests. Returns {page, problems}; `problems` keeps growing until the page is closed.
 */
async function open(urlPath, viewport = DESKTOP, colorScheme = 'light', at = server) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const origin = new URL(at.url).origin;
  const problems = { console: [], exceptions: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc?.url ? ` (${loc.url}:${loc.lineNumber + 1})` : '';
      problems.console.push(`${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => problems.exceptions.push(err.stack || String(err)));
  page.on('response', (res) => {
    if (res.status() >= 400 && new URL(res.url()).origin === origin) {
      problems.requests.push({ text: `HTTP ${res.status()} ${res.request().method()} ${res.url()}` });
    }
  });
  page.on('requestfailed', (req) => {
    // Any request that did not complete at all (refused, blocked, aborted, off-line origin).
    // Chromium aborts e.g. a 404 stylesheet served as text/html before Playwright reports its
    // response, so the status of a same-origin one is asked again when the test reports it.
    const sameOrigin = new URL(req.url()).origin === origin;
    problems.requests.push({ text: `failed (${req.failure()?.errorText}) ${req.method()} ${req.url()}`, url: sameOrigin ? req.url() : null });
  });
  const response = await page.goto(new URL(urlPath, at.url).href, { waitUntil: 'load' });
  if (!response || response.status() !== 200) {
    await page.close();
    assert.fail(`${urlPath} answered HTTP ${response?.status() ?? '(no response)'}: the site has no such page`);
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts?.ready);
  return { page, problems };
}

/** Clears what a page may have stored, so that the next page starts as a first visit. */
async function closePage(page) {
  try {
    await page.evaluate(() => {
      try {
        localStorage.clear();
        sessionStorage.clear();
      } catch {}
    });
  } catch {}
  await context.clearCookies();
  await page.close();
}

/** ['a', 'b', 'a'] -> ['a (2 times)', 'b'], in first-seen order. */
function countSame(lines) {
  const counts = new Map();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (${n} times)` : l));
}

for (const { path: urlPath, name, lang } of PAGES) {
  describe(`${urlPath} (${name})`, () => {
    for (const variant of AXE_VARIANTS) {
      test(`axe-core: no accessibility violations${variant.label}`, { timeout: TEST_TIMEOUT }, async (t) => {
        const { page } = await open(urlPath, variant.viewport, variant.colorScheme);
        try {
          const { violations, incomplete } = await runAxe(page);
          for (const i of incomplete) {
            t.diagnostic(`needs review (not a failure): ${i.id}: ${i.help}: ${i.targets.slice(0, 5).join(', ')}${i.targets.length > 5 ? ', …' : ''}`);
          }
          assert.ok(
            violations.length === 0,
            `${violations.length} axe violation(s) on ${urlPath}${variant.label}:\n${formatViolations(violations)}`,
          );
        } finally {
          await closePage(page);
        }
      });
    }

    test('behaviour: lang, one h1, skip link, no console errors, no failed requests', { timeout: TEST_TIMEOUT }, async () => {
      const { page, problems } = await open(urlPath);
      try {
        const failures = [];

        const htmlLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
        if (!htmlLang || !htmlLang.trim()) failures.push('<html> has no lang attribute (or an empty one)');
        else if (htmlLang.trim().toLowerCase().split('-')[0] !== lang) {
          failures.push(`<html lang="${htmlLang}"> but this page is in "${lang}"`);
        }

        const h1s = await page.evaluate(() =>
          [...document.querySelectorAll('h1')].map((h) => h.textContent.trim().replace(/\s+/g, ' ').slice(0, 80)),
        );
        if (h1s.length !== 1) failures.push(`expected exactly one <h1>, found ${h1s.length}: ${JSON.stringify(h1s)}`);

        // The skip link: the first thing a keyboard user reaches with Tab from the top of the
        // page must be a same-page link whose target exists.
        await page.evaluate(() => {
          document.activeElement?.blur?.();
          window.scrollTo(0, 0);
        });
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body || el === document.documentElement) return null;
          const href = el.getAttribute('href');
          let target = null;
          if (el.localName === 'a' && href && href.startsWith('#') && href.length > 1) {
            const id = decodeURIComponent(href.slice(1));
            target = document.getElementById(id) ? id : false;
          }
          return {
            html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 160),
            href,
            target,
          };
        });
        if (!first) failures.push('Tab from the top of the page focuses nothing (no skip link)');
        else if (first.target === null) {
          failures.push(`the first focusable element is not a skip link (an <a href="#id">): ${first.html}`);
        } else if (first.target === false) {
          failures.push(`the skip link's target ${first.href} does not exist: ${first.html}`);
        }

        // The icon: every browser asks for one (the page's <link rel="icon">, else /favicon.ico),
        // but only once per session, so a 404 there would be seen only by whichever page loads
        // first: ask the server directly.
        const icon = await page.evaluate(() => {
          const link = document.querySelector('link[rel~="icon" i][href]');
          return { href: link ? link.href : new URL('/favicon.ico', location.href).href, declared: !!link };
        });
        if (new URL(icon.href).origin === new URL(server.url).origin) {
          const res = await fetch(icon.href);
          if (res.status !== 200) {
            failures.push(
              `icon: GET ${new URL(icon.href).pathname} answers ${res.status}` +
                (icon.declared ? '' : ' (the page declares no <link rel="icon">, so browsers ask for /favicon.ico)'),
            );
          }
        }

        // Let anything the page does on focus/keyboard finish before reading the problems.
        await page.waitForLoadState('networkidle');
        for (const c of problems.console) failures.push(`console error: ${c}`);
        for (const e of problems.exceptions) failures.push(`uncaught exception: ${e}`);
        for (const r of problems.requests) {
          let status = '';
          if (r.url) {
            const res = await fetch(r.url, { method: 'HEAD' }).catch((err) => ({ status: `unreachable: ${err.message}` }));
            // Chromium once reported a fetch of the search index on /buscar/ as aborted while
            // the file answers 200 (seen once in CI, cause not yet understood): only there, an
            // aborted request to an existing file is not counted as a broken resource.
            const searchIndex = new URL(r.url).pathname.includes('/search-index/');
            if (searchIndex && res.status === 200 && r.text.includes('net::ERR_ABORTED')) continue;
            status = ` (the server answers ${res.status})`;
          }
          failures.push(`request: ${r.text}${status}`);
        }

        const counted = countSame(failures);
        assert.ok(failures.length === 0, `${counted.length} problem(s) on ${urlPath}:\n  - ${counted.join('\n  - ')}`);
      } finally {
        await closePage(page);
      }
    });

    test(`layout: no horizontal scroll at ${NARROW.width} px`, { timeout: TEST_TIMEOUT }, async () => {
      const { page } = await open(urlPath, NARROW);
      try {
        const m = await page.evaluate((limit) => {
          const doc = document.documentElement;
          // The elements that stick out, outermost first (an overflowing child of an
          // overflowing parent is not listed again).
          const culprits = [];
          const describe = (el) => {
            let s = el.localName;
            if (el.id) s += `#${el.id}`;
            if (el.classList.length) s += '.' + [...el.classList].join('.');
            return s;
          };
          const walk = (el, reported) => {
            for (const child of el.children) {
              const r = child.getBoundingClientRect();
              const out = r.width > 0 && r.right > limit + 0.5;
              if (out && !reported && culprits.length < 15) {
                const chain = [];
                for (let p = child; p && p !== document.body; p = p.parentElement) chain.unshift(describe(p));
                culprits.push(`${chain.join(' > ')} (right edge ${Math.round(r.right)} px, width ${Math.round(r.width)} px)`);
              }
              // Content clipped by an overflow container does not scroll the page.
              if (getComputedStyle(child).overflowX === 'visible') walk(child, reported || out);
            }
          };
          walk(document.body, false);
          return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, culprits };
        }, NARROW.width);
        assert.ok(
          m.scrollWidth <= NARROW.width,
          `${urlPath} scrolls horizontally at ${NARROW.width} px: document.documentElement.scrollWidth = ${m.scrollWidth}` +
            (m.culprits.length ? `; elements sticking out:\n  - ${m.culprits.join('\n  - ')}` : ''),
        );
      } finally {
        await closePage(page);
      }
    });
  });
}

describe('FAQ page', () => {
  const FAQ = '/preguntas-frecuentes/preguntas-frecuentes/';

  test('the questions are not listed twice, and a link to one opens its answer', DEMO_ONLY, async () => {
    const { page } = await open(FAQ);
    let id;
    try {
      assert.equal(await page.locator('nav.toc').count(), 0, 'no table of contents above the questions');
      const questions = page.locator('details.faq[id]');
      assert.ok((await questions.count()) > 5, 'the FAQ has its questions as <details id>');
      id = await questions.nth(2).getAttribute('id');
      assert.equal(await questions.nth(2).evaluate((d) => d.open), false, 'answers start closed');
      // A link followed within the page opens the answer it points to.
      await page.evaluate((target) => { location.hash = target; }, id);
      await page.waitForFunction((target) => document.getElementById(target).open, id);
    } finally {
      await closePage(page);
    }
    // So does arriving from elsewhere with the question's address.
    const arriving = await open(`${FAQ}#${id}`);
    try {
      assert.equal(await arriving.page.evaluate((target) => document.getElementById(target).open, id), true);
    } finally {
      await closePage(arriving.page);
    }
  });
});

describe('announcement banner (banner: in the demo ayuda.yaml)', () => {
  for (const viewport of [{ width: 390, height: 780 }, DESKTOP]) {
    test(`it can be dismissed by keyboard and stays dismissed, per language, at ${viewport.width} px`, DEMO_ONLY, async () => {
      const { page } = await open('/configuracion/', viewport);
      try {
        const banner = page.locator('.banner[role=region]');
        assert.equal(await banner.getAttribute('aria-label'), 'Anuncio');
        assert.ok(await banner.isVisible(), 'shown on a first visit');
        assert.match(await banner.locator('p').textContent(), /^Nuevo: /);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `the banner fits: the page is ${width} px wide`);
        // The skip link comes first, then the dismiss button.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Cerrar el anuncio');
        await page.keyboard.press('Enter');
        assert.ok(await banner.isHidden(), 'gone once dismissed');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'contenido', 'focus moves to the content');
        // Other pages of the language, later visits: still dismissed, without a flash.
        await page.goto(new URL('/configuracion/usuarios-y-roles/', server.url).href);
        assert.ok(await page.locator('.banner').isHidden());
        // The English text is another announcement: shown until dismissed on its own.
        await page.goto(new URL('/en/', server.url).href);
        assert.ok(await page.locator('.banner').isVisible());
        assert.equal(await page.locator('.banner-dismiss').getAttribute('aria-label'), 'Dismiss the announcement');
      } finally {
        await closePage(page);
      }
    });
  }

  test('without storage (blocked), the banner shows and offers no button that would not last', DEMO_ONLY, async () => {
    const page = await context.newPage();
    try {
      await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', { get() { throw new Error('blocked'); } });
      });
      await page.goto(new URL('/configuracion/', server.url).href);
      assert.ok(await page.locator('.banner').isVisible());
      assert.ok(await page.locator('.banner-dismiss').isHidden());
    } finally {
      await page.close();
    }
  });
});

describe('"was this helpful?" (the demo has no feedback.url; a second build of it has one)', () => {
  const ARTICLE_ES = '/configuracion/usuarios-y-roles/';
  const ARTICLE_EN = '/en/configuracion/usuarios-y-roles/';
  const FAQ_PAGE = '/preguntas-frecuentes/preguntas-frecuentes/';
  const ARTICLES = [
    { path: ARTICLE_ES, lang: 'es', question: '¿Le fue útil este artículo?', thanks: 'Gracias por su respuesta.', subject: 'Comentario sobre «Usuarios, roles y permisos»', page: 'Página', unclear: 'No es claro' },
    { path: ARTICLE_EN, lang: 'en', question: 'Was this article helpful?', thanks: 'Thank you for your answer.', subject: 'Feedback on «Users, roles and permissions»', page: 'Page', unclear: 'It is unclear' },
  ];
  let endpoint;
  let votes;
  let withEndpoint; // the demo built with `feedback: {url: <the test endpoint>}`, served
  let built;
  before(async () => {
    if (DEMO_ONLY.skip) return; // no second build for tests that do not run
    const http = await import('node:http');
    votes = [];
    endpoint = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        votes.push({ body, cookie: req.headers.cookie ?? null, type: req.headers['content-type'] });
        res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      });
    });
    await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    built = await buildDemoWith(`feedback:\n  url: http://127.0.0.1:${endpoint.address().port}/votes`);
    withEndpoint = await serve(built.dir);
  });
  after(async () => {
    endpoint?.close();
    await withEndpoint?.close();
    await built?.remove();
  });
  async function nextVote(count) {
    for (let i = 0; i < 100 && votes.length < count; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(votes.length, count, 'the endpoint received the vote');
    const vote = votes[count - 1];
    assert.ok(Buffer.byteLength(vote.body) <= 1024, `at most 1 KB: ${Buffer.byteLength(vote.body)} bytes`);
    assert.equal(vote.cookie, null, 'no cookie');
    return JSON.parse(vote.body);
  }

  for (const viewport of [{ width: 390, height: 780 }, DESKTOP]) {
    for (const { path: urlPath, lang, question, thanks } of ARTICLES) {
      test(`${lang} at ${viewport.width} px: Yes and No reach the endpoint as JSON of at most 1 KB, keyboard only`, DEMO_ONLY, async () => {
        const { page } = await open(urlPath, viewport, 'light', withEndpoint);
        try {
          const widget = page.locator('section[data-feedback]');
          assert.equal(await widget.locator('h2').textContent(), question);
          const before = votes.length;
          await widget.locator('.feedback-yes').focus();
          await page.keyboard.press('Enter');
          assert.equal(await widget.locator('[role=status]').textContent(), thanks);
          assert.deepEqual(await nextVote(before + 1), { page: urlPath, language: lang, vote: 'yes', reason: null, comment: '' });
          // A fresh page: No, a reason and a long comment.
          await page.reload();
          await page.locator('section[data-feedback] .feedback-no').focus();
          await page.keyboard.press('Enter');
          assert.ok(await page.locator('.feedback-form').isVisible(), 'a No asks why');
          assert.equal(await page.evaluate(() => document.activeElement.value), 'outdated', 'focus on the first reason');
          await page.keyboard.press('ArrowDown');
          await page.fill('.feedback-form textarea', 'ñ'.repeat(500));
          await page.click('.feedback-form button[type=submit]');
          const vote = await nextVote(before + 2);
          assert.deepEqual([vote.page, vote.language, vote.vote, vote.reason], [urlPath, lang, 'no', 'unclear']);
          assert.ok(vote.comment.length > 100 && vote.comment.length < 500, 'a comment too long for 1 KB is cut');
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `the widget fits: ${width} px`);
        } finally {
          await closePage(page);
        }
      });
    }
  }

  for (const { path: urlPath, lang, thanks, subject, page: pageWord, unclear } of ARTICLES) {
    test(`${lang}, with JavaScript and no endpoint (the demo): No, a reason and a comment write an e-mail that carries them`, DEMO_ONLY, async () => {
      const { page } = await open(urlPath);
      try {
        assert.equal(await page.locator('section[data-feedback][data-endpoint]').count(), 0, 'the demo has no endpoint');
        const widget = page.locator('section[data-feedback]');
        await widget.locator('.feedback-no').click();
        assert.ok(await widget.locator('.feedback-form').isVisible(), 'a No asks why before writing');
        await widget.locator('input[value=unclear]').check();
        const comment = 'Falta el paso 3 & "más" / ñ?';
        await widget.locator('textarea').fill(comment);
        // Headless Chromium hands a mailto: navigation to no program, but Playwright sees it.
        const [mail] = await Promise.all([
          page.waitForRequest((request) => request.url().startsWith('mailto:'), { timeout: 5000 }),
          widget.locator('button[type=submit]').click(),
        ]);
        const href = new URL(mail.url());
        assert.equal(`${href.protocol}${href.pathname}`, 'mailto:soporte.funcional@example.com');
        assert.equal(href.searchParams.get('subject'), subject);
        assert.equal(
          href.searchParams.get('body'),
          `${pageWord}: https://ayuda.calidoria.example${urlPath}\n\n${unclear}\n${comment}`,
          'the page, the reason as the reader read it, and the comment',
        );
        assert.equal(await widget.locator('[role=status]').textContent(), thanks);
      } finally {
        await closePage(page);
      }
    });
  }

  for (const viewport of [{ width: 390, height: 780 }, DESKTOP]) {
    for (const { faq, lang, question } of [
      { faq: FAQ_PAGE, lang: 'es', question: '¿Le fue útil esta respuesta?' },
      { faq: '/en/preguntas-frecuentes/preguntas-frecuentes/', lang: 'en', question: 'Was this answer helpful?' },
    ]) {
      test(`${lang} at ${viewport.width} px: each FAQ answer has its own widget, with its own ids and its #question in the vote; axe clean`, DEMO_ONLY, async () => {
        const { page } = await open(faq, viewport, 'light', withEndpoint);
        try {
          const questions = page.locator('details.faq[id]');
          const count = await questions.count();
          assert.equal(await page.locator('details.faq .faq-answer section[data-feedback]').count(), count);
          const ids = await page.$$eval('[id]', (all) => all.map((e) => e.id));
          assert.equal(new Set(ids).size, ids.length, 'no id twice');
          const id = await questions.nth(1).getAttribute('id');
          await questions.nth(1).locator('summary').click();
          const before = votes.length;
          const widget = questions.nth(1).locator('section[data-feedback]');
          assert.equal(await widget.locator('h2').textContent(), question);
          await widget.locator('.feedback-no').click();
          const { violations } = await runAxe(page);
          assert.ok(violations.length === 0, `${violations.length} axe violation(s) with a form open:\n${formatViolations(violations)}`);
          await widget.locator('input[value=missing_steps]').check();
          await widget.locator('button[type=submit]').click();
          const vote = await nextVote(before + 1);
          assert.deepEqual([vote.page, vote.language, vote.reason], [`${faq}#${id}`, lang, 'missing_steps']);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `the open answer and its form fit: ${width} px`);
        } finally {
          await closePage(page);
        }
      });
    }
  }

  test('without JavaScript, No is an e-mail to the support contact of sla.yaml about the page, and about the question in each FAQ answer', DEMO_ONLY, async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    try {
      await page.goto(new URL(ARTICLE_ES, server.url).href);
      assert.ok(await page.locator('.feedback-yes').isHidden(), 'no Yes that would go nowhere');
      const href = await page.getAttribute('section[data-feedback] a.feedback-no', 'href');
      const mail = new URL(href);
      assert.equal(`${mail.protocol}${mail.pathname}`, 'mailto:soporte.funcional@example.com');
      assert.equal(mail.searchParams.get('subject'), 'Comentario sobre «Usuarios, roles y permisos»');
      assert.equal(mail.searchParams.get('body'), 'Página: https://ayuda.calidoria.example/configuracion/usuarios-y-roles/');
      // Each FAQ answer has its own: an e-mail about its question, with its address.
      await page.goto(new URL(FAQ_PAGE, server.url).href);
      const questions = page.locator('details.faq[id]');
      const count = await questions.count();
      assert.ok(count > 1);
      assert.equal(await page.locator('details.faq .faq-answer section[data-feedback] a.feedback-no').count(), count);
      const second = questions.nth(1);
      await second.locator('summary').click();
      const id = await second.getAttribute('id');
      const question = (await second.locator('summary').textContent()).trim();
      const answerMail = new URL(await second.locator('a.feedback-no').getAttribute('href'));
      assert.equal(answerMail.searchParams.get('subject'), `Comentario sobre «${question}»`);
      assert.equal(answerMail.searchParams.get('body'), `Página: https://ayuda.calidoria.example${FAQ_PAGE}#${id}`);
      assert.equal(await second.locator('.feedback-title').textContent(), '¿Le fue útil esta respuesta?');
      assert.ok(await second.locator('a.feedback-no').isVisible(), 'the answer\'s No shows without JavaScript');
    } finally {
      await browser.close();
    }
  });
});
