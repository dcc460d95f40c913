// The readers' features of the default theme (issue 13), in Spanish and in English, on a phone
// (390 px) and a desktop (1280 px): code blocks (copy button, language, long lines), the menu
// drawer, the current page in the menu, breadcrumbs on one line, the table of contents, and
// printing an article (Chromium's print-to-PDF, read back with pdftotext).
//
//   AYUDA_SITE=/tmp/ayuda-public node --test reader.test.mjs
//
// env: AYUDA_SITE (the built site, see common.mjs), CHROMIUM (default /usr/bin/chromium),
// PDFTOTEXT (default pdftotext on PATH: Debian's poppler-utils, which run.sh installs).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS, chromiumPath, formatViolations, runAxe, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const CHROMIUM = chromiumPath();
const PDFTOTEXT = process.env.PDFTOTEXT || 'pdftotext';

const PHONE = { width: 390, height: 800 };
const DESKTOP = { width: 1280, height: 800 };
const TEST_TIMEOUT = 90_000;

/**
 * Per language: an article with a code block longer than a phone is wide, two headings (so no
 * table of contents) and a link to another site; an article with five headings; what the
 * theme says.
 */
const LANGUAGES = [
  {
    lang: 'es',
    codePage: '/api-e-integraciones/comprobar-el-estado-de-la-api/',
    codeTitle: 'Comprobar el estado de la API',
    tocPage: '/api-e-integraciones/autenticacion-con-token-de-api/',
    home: '/',
    copied: 'Copiado',
    copy: 'Copiar',
    codeName: 'Código bash',
    manyCodePage: '/api-e-integraciones/consultar-y-crear-registros/',
    // What a page carries around an article, which paper leaves out: the feedback widget, the
    // banner of the demo's ayuda.yaml, the site footer (contact, hours, the SLA page).
    notPrinted: ['¿Le fue útil este artículo?', 'Nuevo: la calculadora', 'Contactar a soporte', 'Horario de atención', 'Lunes a viernes', 'America/Bogota'],
  },
  {
    lang: 'en',
    codePage: '/en/api-e-integraciones/comprobar-el-estado-de-la-api/',
    codeTitle: "Checking the API's status",
    tocPage: '/en/api-e-integraciones/autenticacion-con-token-de-api/',
    home: '/en/',
    copied: 'Copied',
    copy: 'Copy',
    codeName: 'Code bash',
    manyCodePage: '/en/api-e-integraciones/consultar-y-crear-registros/',
    notPrinted: ['Was this article helpful?', 'New: the service-level calculator', 'Contact support', 'Support hours', 'Monday to Friday', 'America/Bogota'],
  },
];
const EXTERNAL_LINK = 'https://estado.calidoria.example/';

let server;
let browser;
let context; // with JavaScript, allowed to use the clipboard
let noScript; // with JavaScript turned off
let tempDir; // the printed PDFs

before(async () => {
  server = await serve(SITE);
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'ayuda-reader-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', ...CHROMIUM_ARGS] });
  context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: false });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  noScript = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, acceptDownloads: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

/**
 * Opens `urlPath` at `viewport` in a new tab (of `within`, by default the context with
 * JavaScript); uncaught exceptions fail the test at `done()`.
 */
async function open(urlPath, viewport, within = context) {
  const page = await within.newPage();
  const exceptions = [];
  page.on('pageerror', (err) => exceptions.push(err.stack || String(err)));
  await page.setViewportSize(viewport);
  const response = await page.goto(new URL(urlPath, server.url).href, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `${urlPath} answers 200`);
  return {
    page,
    async done() {
      await page.close();
      assert.deepEqual(exceptions, [], `no uncaught exception on ${urlPath}`);
    },
  };
}

/** Fails listing axe-core's violations on the page as it is now. */
async function assertAxeClean(page, what) {
  const { violations } = await runAxe(page);
  assert.ok(violations.length === 0, `${violations.length} axe violation(s) ${what}:\n${formatViolations(violations)}`);
}

/** Whether `element`'s box lies inside its scrolling `box` and inside the viewport. */
function inView(element, box) {
  const r = element.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  return r.top >= b.top && r.bottom <= b.bottom && r.top >= 0 && r.bottom <= innerHeight;
}

/** The first article of the menu's last section: the lowest current item a reader can have. */
async function lowestArticle(home) {
  const { page, done } = await open(home, DESKTOP);
  try {
    const section = await page.locator('.menu > li > a').last().getAttribute('href');
    await page.goto(new URL(section, server.url).href);
    return await page.locator('.article-list a').first().getAttribute('href');
  } finally {
    await done();
  }
}

for (const L of LANGUAGES) {
  describe(`${L.lang}: code blocks`, () => {
    test('on a page with several blocks each block and each copy button has a name of its own', { timeout: TEST_TIMEOUT }, async () => {
      const { page, done } = await open(L.manyCodePage, DESKTOP);
      try {
        const blocks = await page.locator('pre.code').evaluateAll((all) => all.map((pre) => pre.getAttribute('aria-label')));
        const buttons = await page.locator('button[data-copy]').evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')));
        assert.ok(blocks.length > 1, 'several code blocks');
        assert.equal(new Set(blocks).size, blocks.length, `blocks named apart: ${blocks}`);
        assert.equal(new Set(buttons).size, buttons.length, `buttons named apart: ${buttons}`);
        assert.ok(blocks.every((name, i) => name.startsWith(L.codeName.split(' ')[0]) && name.endsWith(` ${i + 1}`)), `${blocks}`);
        assert.ok(buttons.every((name) => name.startsWith(`${L.copy} `)), 'each name starts with the words the button shows');
        await assertAxeClean(page, 'with several code blocks');
      } finally {
        await done();
      }
    });

    for (const viewport of [PHONE, DESKTOP]) {
      test(`at ${viewport.width} px: language, copy button that copies and says so, long lines scroll inside`, { timeout: TEST_TIMEOUT }, async () => {
        const { page, done } = await open(L.codePage, viewport);
        try {
          const blocks = page.locator('.code-block');
          assert.equal(await blocks.count(), await page.locator('pre.code').count(), 'every code block is enhanced');
          const block = blocks.first();
          const pre = block.locator('pre.code');
          assert.equal(await block.locator('.code-lang').textContent(), 'bash', 'the language is shown');
          assert.ok(await block.locator('.code-lang').isVisible());
          assert.equal(await pre.getAttribute('role'), 'group');
          assert.equal(await pre.getAttribute('aria-label'), L.codeName, 'the scrolling block is named after its language');

          // Keyboard: from the block, Shift+Tab reaches its copy button; Enter copies.
          await pre.focus();
          await page.keyboard.press('Shift+Tab');
          const button = block.locator('button[data-copy]');
          assert.ok(await button.evaluate((b) => b === document.activeElement), 'the copy button is reached with the keyboard');
          assert.equal(await button.getAttribute('aria-label'), `${L.copy} ${L.codeName.toLowerCase()}`, 'the button is named after its block');
          await page.keyboard.press('Enter');
          const status = block.locator('[role=status]');
          await page.waitForFunction((el) => el.textContent !== '', await status.elementHandle());
          assert.equal(await status.textContent(), L.copied, 'the result is said in the page language');
          const expected = (await pre.locator('code').textContent()).replace(/\n$/, '');
          assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected, 'the clipboard holds the code');
          assert.match(expected, /^curl .*mantenimientos_programados"$/);

          // Long lines: the block scrolls, the page does not.
          const m = await pre.evaluate((el) => ({
            overflowX: getComputedStyle(el).overflowX,
            clientWidth: el.clientWidth,
            scrollWidth: el.scrollWidth,
            right: el.getBoundingClientRect().right,
            page: document.documentElement.scrollWidth,
          }));
          assert.equal(m.overflowX, 'auto');
          assert.ok(m.right <= viewport.width, `the block ends inside the viewport (right edge ${m.right} px)`);
          assert.ok(m.page <= viewport.width, `no horizontal page scroll: scrollWidth ${m.page} px`);
          if (viewport === PHONE) assert.ok(m.scrollWidth > m.clientWidth, 'the long line scrolls inside the block');
          await assertAxeClean(page, `on ${L.codePage} at ${viewport.width} px, the code copied`);
          await page.emulateMedia({ colorScheme: 'dark' });
          await assertAxeClean(page, `on ${L.codePage} at ${viewport.width} px, the code copied, in the dark color scheme`);
        } finally {
          await done();
        }
      });
    }
  });

  describe(`${L.lang}: navigation`, () => {
    test('at 390 px the menu is a drawer: opened and closed with the keyboard, focus returned, the page behind inert, axe clean', { timeout: TEST_TIMEOUT }, async () => {
      const article = await lowestArticle(L.home);
      const { page, done } = await open(article, PHONE);
      try {
        const opener = page.locator('button[data-menu-open]');
        const drawer = page.locator('dialog.menu-drawer');
        assert.ok(await opener.isVisible(), 'the header has a menu button');
        assert.equal(await page.locator('.layout > .site-menu').isVisible(), false, 'no inline menu above the content');

        // From the top, after the skip link (and the announcement's dismiss button, when the
        // site has one), Tab reaches the button; Enter opens.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        if (await page.locator('.banner-dismiss').isVisible()) await page.keyboard.press('Tab');
        assert.ok(await opener.evaluate((b) => b === document.activeElement), 'the menu button follows the skip link and the banner');
        await page.keyboard.press('Enter');
        assert.ok(await drawer.evaluate((d) => d.open && d.matches(':modal')), 'the drawer is open, as a modal dialog');
        assert.ok(await drawer.evaluate((d) => d.contains(document.activeElement)), 'focus is in the drawer');
        assert.ok(await drawer.locator('.menu a').first().isVisible(), 'the menu shows in the drawer');
        const current = drawer.locator('[aria-current="page"]');
        assert.ok(await current.evaluate((a, box) => {
          const r = a.getBoundingClientRect();
          const b = box.getBoundingClientRect();
          return r.top >= b.top && r.bottom <= b.bottom;
        }, await drawer.elementHandle()), 'the current page shows in the drawer');
        assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY), 'hidden', 'the page behind does not scroll');
        // Tab goes round the drawer, never to the page behind.
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          const inside = await page.evaluate(() => document.activeElement === document.body || !!document.activeElement.closest('dialog.menu-drawer'));
          assert.ok(inside, `Tab ${i + 1} stays in the drawer`);
        }
        await assertAxeClean(page, 'with the drawer open');

        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.querySelector('dialog.menu-drawer').open);
        assert.ok(await opener.evaluate((b) => b === document.activeElement), 'Esc returns focus to the menu button');
        assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY), 'visible', 'the page scrolls again');

        // The close button, with the keyboard, does the same.
        await page.keyboard.press('Enter');
        const close = drawer.locator('button[data-menu-close]');
        assert.ok(await close.evaluate((b) => b === document.activeElement), 'the close button has the focus first');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => !document.querySelector('dialog.menu-drawer').open);
        assert.ok(await opener.evaluate((b) => b === document.activeElement), 'the close button returns focus to the menu button');
        await page.waitForFunction(() => document.querySelector('.layout > .site-menu'), null, { timeout: 2000 });

        // A click on the backdrop, beside the drawer, closes it as well.
        await opener.click();
        const right = await drawer.evaluate((d) => d.getBoundingClientRect().right);
        await page.mouse.click(right + (PHONE.width - right) / 2, PHONE.height / 2);
        await page.waitForFunction(() => !document.querySelector('dialog.menu-drawer').open);
      } finally {
        await done();
      }
    });

    test('at 390 px without JavaScript the menu opens in place, behind its <details>', { timeout: TEST_TIMEOUT }, async () => {
      const { page, done } = await open(L.codePage, PHONE, noScript);
      try {
        assert.equal(await page.locator('button[data-menu-open]').isVisible(), false, 'no drawer button without JavaScript');
        const menu = page.locator('.layout > .site-menu .menu');
        assert.equal(await menu.isVisible(), false);
        await page.locator('.menu-toggle > summary').click();
        assert.ok(await menu.isVisible(), 'the menu opens in place');
        assert.equal(await page.locator('button[data-copy]').count(), 0, 'code blocks stay plain');
        assert.equal(await page.locator('pre.code').first().getAttribute('tabindex'), '0', 'and reachable for keyboard scrolling');
      } finally {
        await done();
      }
    });

    test('at 1280 px the menu is beside the content, with the current page of a low section in view', { timeout: TEST_TIMEOUT }, async () => {
      const article = await lowestArticle(L.home);
      const { page, done } = await open(article, DESKTOP);
      try {
        assert.equal(await page.locator('button[data-menu-open]').isVisible(), false, 'no drawer button on a desktop');
        const current = page.locator('.site-menu [aria-current="page"]');
        assert.equal(await current.getAttribute('href'), article);
        assert.ok(await current.evaluate(inView, await page.locator('.site-menu').elementHandle()), `the current page ${article} is in view in the menu`);
        assert.equal(await page.evaluate(() => scrollY), 0, 'the page itself is not scrolled');
      } finally {
        await done();
      }
    });

    test('at 390 px the breadcrumbs are one line, the section readable, and the page does not scroll sideways', { timeout: TEST_TIMEOUT }, async () => {
      const { page, done } = await open(L.codePage, PHONE);
      try {
        const crumbs = await page.locator('.breadcrumbs li').evaluateAll((items) =>
          items.map((li) => {
            // Cut when its text, as laid out, goes past the item's content box (the ellipsis).
            const text = document.createRange();
            text.selectNodeContents(li);
            const box = li.getBoundingClientRect();
            const cut = text.getBoundingClientRect().right > box.right - parseFloat(getComputedStyle(li).paddingRight) + 0.01;
            return { top: box.top, cut, text: li.textContent };
          }),
        );
        assert.equal(crumbs.length, 3);
        assert.equal(new Set(crumbs.map((c) => c.top)).size, 1, `one line: ${JSON.stringify(crumbs)}`);
        assert.equal(crumbs[1].cut, false, `the section's name is whole: ${JSON.stringify(crumbs)}`);
        assert.equal(crumbs[2].text.trim(), L.codeTitle, 'a cut title is still whole for assistive technology');
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
      } finally {
        await done();
      }
    });

    for (const viewport of [PHONE, DESKTOP]) {
      test(`at ${viewport.width} px: a table of contents with three headings or more, none with fewer`, { timeout: TEST_TIMEOUT }, async () => {
        const short = await open(L.codePage, viewport);
        try {
          assert.equal(await short.page.locator('.content :is(h2, h3)').count(), 2);
          assert.equal(await short.page.locator('nav.toc').count(), 0, 'two headings: no table of contents');
        } finally {
          await short.done();
        }
        const long = await open(L.tocPage, viewport);
        try {
          const { page } = long;
          const headings = await page.locator('.content :is(h2, h3)').count();
          assert.ok(headings >= 3);
          assert.equal(await page.locator('nav.toc li').count(), headings, 'each heading is listed');
          assert.ok(await page.locator('nav.toc').isVisible(), 'shown at this width');
          const toc = await page.locator('nav.toc').boundingBox();
          assert.ok(toc.x >= 0 && toc.x + toc.width <= viewport.width, `the table is whole on the screen: ${JSON.stringify(toc)}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `the page does not scroll sideways: ${width} px`);
          // Its last entry leads to its heading, which comes into view.
          const last = page.locator('nav.toc a').last();
          const id = (await last.getAttribute('href')).slice(1);
          await last.click();
          await page.waitForFunction((target) => {
            const r = document.getElementById(target).getBoundingClientRect();
            return r.top >= 0 && r.top < innerHeight;
          }, id);
        } finally {
          await long.done();
        }
      });
    }
  });

  test(`${L.lang}: an article prints alone, with its links' targets; no widget, banner or site footer`, { timeout: TEST_TIMEOUT }, async () => {
    const { page, done } = await open(L.codePage, DESKTOP);
    try {
      // On screen, each of them is there (so their absence on paper means something).
      const onScreen = await page.locator('body').innerText();
      for (const words of L.notPrinted) assert.ok(onScreen.includes(words), `"${words}" is on the screen`);
      const sections = await page.locator('.layout > .site-menu .menu > li > a').allTextContents();
      const file = path.join(tempDir, `${L.lang}.pdf`);
      await writeFile(file, await page.pdf({ format: 'A4' }));
      const text = await pdfText(file);
      assert.equal(text.trim().split('\n')[0], L.codeTitle, 'the title comes first: no header, skip link or breadcrumbs above it');
      assert.ok(text.includes(`(${EXTERNAL_LINK})`), "a link to another site is followed by its target");
      assert.ok(text.includes('mantenimientos_programados'), 'a long code line is printed whole');
      const article = await page.locator('main .content').textContent();
      const menuNames = sections.filter((name) => !article.includes(name) && name !== 'API e integraciones' && name !== 'API and integrations');
      assert.ok(menuNames.length > 20);
      for (const name of menuNames) assert.ok(!text.includes(name), `the menu is not printed: "${name}" is`);
      for (const widget of ['Copiar', 'Copy', 'Saltar al contenido', 'Skip to content', 'English', 'Español']) {
        assert.ok(!text.includes(widget), `no "${widget}" on paper`);
      }
      for (const words of L.notPrinted) assert.ok(!text.includes(words), `no "${words}" on paper`);
    } finally {
      await done();
    }
  });
}

/** The text of a PDF, by pdftotext (one line per printed line, words joined by single spaces). */
async function pdfText(file) {
  try {
    const { stdout } = await promisify(execFile)(PDFTOTEXT, [file, '-']);
    return stdout.replace(/[ \t]+/g, ' ');
  } catch (err) {
    if (err.code === 'ENOENT') assert.fail(`${PDFTOTEXT} is missing: install Debian's poppler-utils (run.sh does)`);
    throw err;
  }
}
