// Browser tests of the SLA calculator on the demo site's SLA page: shared links, the form used
// with the keyboard only, the clock-start reason, escalation and workaround, bad input, the
// no-JavaScript fallback, the English page, a 1,000-case differential against the CLI, and the
// size budget. (Speed is measured by bench/calculator/speed.mjs, not asserted here: timings on a
// shared machine are noise.)
//
//   cargo run -q --release -p ayuda -- build --out /tmp/ayuda-calc --quiet
//   AYUDA_SITE=/tmp/ayuda-calc AYUDA_BIN=target/release/ayuda node --test tests/browser/calculator.test.mjs
//
// env: AYUDA_SITE (the built site, see common.mjs), AYUDA_BIN (the `ayuda` binary for the
// differential; default target/release/ayuda of the repository), AYUDA_SLA_POLICY (the policy the
// site was built with; default the repository's sla.yaml), CHROMIUM (default /usr/bin/chromium).
//
// Chromium runs with `--lang=en-US` so that a datetime-local field always has the same segments
// (MM/DD/YYYY, hh:mm:ss AM/PM) whatever the machine's locale: the keyboard tests type into them.
// The page's own language is the site's (es, or en under /en/), not the browser's.
//

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { AYUDA_BIN, CHROMIUM_ARGS, REPO, assertAyudaBin, SLA_PAGE, SLA_PAGE_EN, chromiumPath, formatViolations, random, runAxe, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const CHROMIUM = chromiumPath();
const POLICY = path.resolve(process.env.AYUDA_SLA_POLICY || path.join(REPO, 'sla.yaml'));

// The shared flags, plus headless mode and a fixed UI language (see above).
const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS, '--lang=en-US'];

const SUPPORT_ZONE = 'America/Bogota';
const PRIORITIES = ['alta', 'normal', 'baja']; // in the page's order: Arrow keys move along it
const TEST_TIMEOUT = 120_000;

// Hand-checked against sla.yaml (business hours Mon–Fri 07:30–12:30 and 13:30–17:00 Bogotá,
// Colombian holidays): creation, priority → when the clock starts, response due, resolution due.
const CASES = [
  { created: '2025-02-21T16:00:00-05:00', priority: 'alta', start: '2025-02-21T16:00:00-05:00', response: '2025-02-24T08:30:00-05:00', resolution: '2025-02-24T15:30:00-05:00', why: 'Friday afternoon: the rest over the weekend' },
  { created: '2025-02-18T12:45:00-05:00', priority: 'alta', start: '2025-02-18T13:30:00-05:00', response: '2025-02-18T15:30:00-05:00', resolution: '2025-02-19T12:00:00-05:00', why: 'created at lunch: starts at 13:30' },
  { created: '2025-02-18T17:00:00-05:00', priority: 'alta', start: '2025-02-19T07:30:00-05:00', response: '2025-02-19T09:30:00-05:00', resolution: '2025-02-19T16:30:00-05:00', why: '17:00 exactly is closed' },
  { created: '2025-02-18T12:30:00-05:00', priority: 'normal', start: '2025-02-18T13:30:00-05:00', response: '2025-02-19T08:00:00-05:00', resolution: '2025-02-21T11:00:00-05:00', why: '12:30 exactly is closed; Normal' },
  { created: '2025-02-18T10:30:00-05:00', priority: 'alta', start: '2025-02-18T10:30:00-05:00', response: '2025-02-18T12:30:00-05:00', resolution: '2025-02-19T10:00:00-05:00', why: 'a deadline on a closing time stays there' },
  { created: '2025-02-18T15:00:00-05:00', priority: 'alta', start: '2025-02-18T15:00:00-05:00', response: '2025-02-18T17:00:00-05:00', resolution: '2025-02-19T14:30:00-05:00', why: 'response due exactly at 17:00' },
  { created: '2025-03-21T16:00:00-05:00', priority: 'alta', start: '2025-03-21T16:00:00-05:00', response: '2025-03-25T08:30:00-05:00', resolution: '2025-03-25T15:30:00-05:00', why: 'Monday 24 March is San José' },
  { created: '2025-04-16T16:00:00-05:00', priority: 'alta', start: '2025-04-16T16:00:00-05:00', response: '2025-04-21T08:30:00-05:00', resolution: '2025-04-21T15:30:00-05:00', why: 'Holy Thursday and Good Friday' },
  { created: '2025-12-31T15:00:00-05:00', priority: 'baja', start: '2025-12-31T15:00:00-05:00', response: '2026-01-02T14:30:00-05:00', resolution: '2026-01-16T09:00:00-05:00', why: 'New Year, Reyes Magos moved to Monday 12 January' },
  { created: '2025-06-20T09:00:00-05:00', priority: 'baja', start: '2025-06-20T09:00:00-05:00', response: '2025-06-24T08:30:00-05:00', resolution: '2025-07-07T12:30:00-05:00', why: 'Corpus Christi 23 June, two holidays on 30 June' },
  { created: '2025-07-18T16:00:00-05:00', priority: 'alta', start: '2025-07-18T16:00:00-05:00', response: '2025-07-21T08:30:00-05:00', resolution: '2025-07-21T15:30:00-05:00', why: '20 July falls on a Sunday and is not moved' },
  { created: '2025-02-21T22:30:00+01:00', priority: 'alta', start: '2025-02-21T16:30:00-05:00', response: '2025-02-24T09:00:00-05:00', resolution: '2025-02-24T16:00:00-05:00', why: 'created with a +01:00 offset (16:30 in Bogotá)' },
  { created: '2025-02-18T10:30:15-05:00', priority: 'alta', start: '2025-02-18T10:30:15-05:00', response: '2025-02-18T13:30:15-05:00', resolution: '2025-02-19T10:00:15-05:00', why: 'seconds are kept; the lunch hour is skipped' },
  { created: '2026-07-10T16:00:00-05:00', priority: 'alta', start: '2026-07-10T16:00:00-05:00', response: '2026-07-14T08:30:00-05:00', resolution: '2026-07-14T15:30:00-05:00', why: 'a year after the demo: 2026 holidays (Monday 13 July)' },
];

let server;
let browser;

before(async () => {
  server = await serve(SITE);
  // A plain launch: Playwright gives it a fresh temporary profile and deletes it on close.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// --- helpers ---------------------------------------------------------------------------------

/** A new browser context (a fresh visitor) in a time zone; `withVisitor` closes it. */
function visitor(timezoneId = SUPPORT_ZONE, options = {}) {
  return browser.newContext({ locale: 'es-CO', timezoneId, viewport: { width: 1280, height: 800 }, ...options });
}

/** Runs `test(ctx)` in a fresh visitor (the arguments of `visitor`), and always closes it. */
async function withVisitor(...args) {
  const test = args.pop();
  const ctx = await visitor(...args);
  try {
    await test(ctx);
  } finally {
    await ctx.close();
  }
}

function pageUrl(urlPath, params = {}) {
  const url = new URL(urlPath, server.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v); // encodes the "+" of an offset
  return url.href;
}

/**
 * Opens the SLA page (with `params` in its query) and waits until the calculator has started.
 * Console errors and uncaught exceptions are collected in `page.problems`.
 */
async function openCalculator(ctx, params = {}, urlPath = SLA_PAGE) {
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`uncaught: ${err.stack || err}`));
  const response = await page.goto(pageUrl(urlPath, params), { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `${urlPath} answered HTTP ${response?.status()}`);
  await page.waitForSelector('[data-sla-calculator][data-ready]', { state: 'attached', timeout: 20_000 });
  const ready = await page.getAttribute('[data-sla-calculator]', 'data-ready');
  assert.equal(ready, 'true', `the calculator did not start (data-ready="${ready}"): ${page.problems.join('\n')}`);
  return page;
}

function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'console errors or uncaught exceptions on the page');
}

/** What the calculator shows now. */
function readCalculator(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-sla-calculator]');
    const q = (sel) => root.querySelector(sel);
    const time = (name) => q(`time[data-sla="${name}"]`)?.getAttribute('datetime') ?? null;
    const error = (id) => (q(`#${id}`).hidden ? null : q(`#${id}`).textContent.trim());
    return {
      resultsHidden: q('.sla-results').hidden,
      clockStart: time('clock-start'),
      response: time('response-due'),
      resolution: time('resolution-due'),
      fix: q('.sla-fix-result').hidden ? null : time('definitive-fix-due'),
      why: q('.sla-why').textContent.trim(),
      escalationHidden: q('.sla-escalation-result').hidden,
      createdError: error('sla-created-error'),
      workaroundError: error('sla-workaround-error'),
      createdValue: q('#sla-created').value,
      priority: q('input[name=priority]:checked')?.value ?? null,
      search: window.location.search,
    };
  });
}

/** The three datetimes a case expects, shaped like the first fields of readCalculator. */
const dues = (state) => ({ clockStart: state.clockStart, response: state.response, resolution: state.resolution });
const expectedDues = (c) => ({ clockStart: c.start, response: c.response, resolution: c.resolution });

/** The wall-clock time (YYYY-MM-DDTHH:MM:SS) of an RFC 3339 instant in a time zone. */
function wallClockIn(rfc3339, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(rfc3339)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A datetime-local value with its seconds (Chromium leaves ":00" seconds out). */
const withSeconds = (value) => (/T\d\d:\d\d$/.test(value) ? `${value}:00` : value);

function activeElement(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a ? { tag: a.tagName, id: a.id, name: a.getAttribute('name'), className: a.className, href: a.getAttribute('href') } : null;
  });
}

/** Presses Tab until `matches(activeElement)`; fails after `limit` presses. */
async function tabUntil(page, matches, what, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (matches(await activeElement(page))) return;
  }
  assert.fail(`${limit} presses of Tab never reached ${what}`);
}

/**
 * The keyboard path of a visitor: the first Tab lands on the skip link, Enter follows it to the
 * main content, then Tab through the article to the creation field (its first segment).
 */
async function tabToCreated(page) {
  await page.keyboard.press('Tab');
  const first = await activeElement(page);
  assert.ok(first?.tag === 'A' && first.href?.startsWith('#'), `the first Tab should land on the skip link, got ${JSON.stringify(first)}`);
  await page.keyboard.press('Enter');
  await tabUntil(page, (a) => a?.id === 'sla-created', '#sla-created');
}

/** Focus on the first segment of #sla-created: out of the field backwards, then Tab into it. */
async function focusCreatedFirstSegment(page) {
  await page.focus('#sla-created');
  for (let i = 0; i < 10 && (await activeElement(page))?.id === 'sla-created'; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.equal((await activeElement(page))?.id, 'sla-created');
}

/**
 * Types a wall-clock time (YYYY-MM-DDTHH:MM:SS) into the focused datetime-local field, focus on
 * its first segment, as a person does with Chromium's en-US layout: MM DD YYYY, then Tab (the
 * year takes up to six digits, so it does not move on by itself), hh mm ss, A or P.
 */
async function typeWallClock(page, wall) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(wall);
  assert.ok(m, `not a wall-clock time: ${wall}`);
  const [, year, month, day, hour, minute, second] = m;
  const h = Number(hour);
  await page.keyboard.type(`${month}${day}${year}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${String(h % 12 || 12).padStart(2, '0')}${minute}${second}`);
  await page.keyboard.type(h < 12 ? 'A' : 'P');
}

/** From the creation field, Tab to the priority radios and move to `priority` with arrow keys. */
async function choosePriorityWithArrows(page, priority) {
  await tabUntil(page, (a) => a?.name === 'priority', 'the priority radios', 20);
  const from = PRIORITIES.indexOf((await activeElement(page)).id.replace('sla-priority-', ''));
  const to = PRIORITIES.indexOf(priority);
  assert.ok(from >= 0 && to >= 0, `priority ${priority} (focus on radio #${from})`);
  for (let i = from; i < to; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > to; i--) await page.keyboard.press('ArrowUp');
  assert.equal((await readCalculator(page)).priority, priority, 'the arrow keys did not check the priority');
}

// --- 1. shared links ------------------------------------------------------------------------

describe('1. hand-checked cases through shared URLs', () => {
  // A shared link must give the same deadlines to a reader in Bogotá and to one far away.
  for (const zone of [SUPPORT_ZONE, 'Asia/Kolkata']) {
    describe(`read in ${zone}`, () => {
      let ctx;
      before(async () => {
        ctx = await visitor(zone);
      });
      after(async () => ctx?.close());

      for (const c of CASES) {
        test(`${c.created} ${c.priority} → ${c.response} / ${c.resolution} (${c.why})`, { timeout: TEST_TIMEOUT }, async () => {
          const page = await openCalculator(ctx, { created: c.created, priority: c.priority });
          const state = await readCalculator(page);
          assert.equal(state.resultsHidden, false, `no result shown (error: ${state.createdError})`);
          assert.deepEqual(dues(state), expectedDues(c));
          // The URL keeps the same instant and priority (written with the reader's offset).
          const params = new URLSearchParams(state.search);
          assert.equal(new Date(params.get('created')).getTime(), new Date(c.created).getTime(), `URL created=${params.get('created')}`);
          assert.equal(params.get('priority'), c.priority);
          assertNoProblems(page);
          await page.close();
        });
      }
    });
  }

  test('a shared link stays as it is; "add to calendar" downloads both deadlines', { timeout: TEST_TIMEOUT }, async () => {
    const c = CASES[0];
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx, { created: c.created, priority: c.priority, type: 'facturacion' });
      const opened = page.url();
      await page.waitForTimeout(600);
      assert.equal(page.url(), opened, 'opening the page rewrote its address');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('.sla-ics')]);
      assert.equal(download.suggestedFilename(), 'plazos-ticket.ics');
      const ics = readFileSync(await download.path(), 'utf8');
      assert.match(ics, /^BEGIN:VCALENDAR\r\n[^]*END:VCALENDAR\r\n$/);
      const utcStamp = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
      const starts = [...ics.matchAll(/^DTSTART:(\S+)\r$/gm)].map((m) => m[1]);
      assert.deepEqual(starts, [utcStamp(c.response), utcStamp(c.resolution)], ics);
      assertNoProblems(page);
    });
  });
});

// --- 2. the form, keyboard only -------------------------------------------------------------

describe('2. the same cases typed in the form, keyboard only', () => {
  describe('a visitor in America/Bogota', () => {
    let ctx;
    before(async () => {
      ctx = await visitor(SUPPORT_ZONE);
    });
    after(async () => ctx?.close());

    for (const c of CASES) {
      const wall = wallClockIn(c.created, SUPPORT_ZONE);
      test(`types ${wall}, ${c.priority} → ${c.response} / ${c.resolution}`, { timeout: TEST_TIMEOUT }, async () => {
        const page = await openCalculator(ctx); // no query: the form starts at "now", Alta
        await tabToCreated(page);
        await typeWallClock(page, wall);
        await choosePriorityWithArrows(page, c.priority);
        const state = await readCalculator(page);
        assert.equal(withSeconds(state.createdValue), wall, 'the typed value (is the field still MM/DD/YYYY hh:mm:ss AM/PM?)');
        assert.equal(state.resultsHidden, false, `no result shown (error: ${state.createdError})`);
        assert.deepEqual(dues(state), expectedDues(c));
        assertNoProblems(page);
        await page.close();
      });
    }
  });

  test('three times typed one after another on one page each give their own deadline', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(SUPPORT_ZONE, async (ctx) => {
      const page = await openCalculator(ctx, { created: '2025-02-18T10:30:00-05:00', priority: 'alta' });
      // Wednesday, Alta: two business hours later (the second across lunch).
      for (const [wall, response] of [
        ['2025-02-19T11:15:00', '2025-02-19T14:15:00-05:00'],
        ['2025-02-19T08:00:00', '2025-02-19T10:00:00-05:00'],
        ['2025-02-19T14:20:30', '2025-02-19T16:20:30-05:00'],
      ]) {
        await focusCreatedFirstSegment(page);
        await typeWallClock(page, wall);
        assert.equal((await readCalculator(page)).response, response, `the typed time ${wall}`);
      }
      assertNoProblems(page);
    });
  });

  test('a visitor in Europe/Madrid types Madrid time 2025-02-21 22:30:00 → the +01:00 case', { timeout: TEST_TIMEOUT }, async () => {
    const c = CASES.find((x) => x.created === '2025-02-21T22:30:00+01:00');
    await withVisitor('Europe/Madrid', async (ctx) => {
      const page = await openCalculator(ctx);
      await tabToCreated(page);
      await typeWallClock(page, '2025-02-21T22:30:00');
      await choosePriorityWithArrows(page, 'alta');
      const state = await readCalculator(page);
      assert.equal(withSeconds(state.createdValue), '2025-02-21T22:30:00');
      assert.deepEqual(dues(state), expectedDues(c));
      // The shared link keeps the instant (the page writes it in the support zone's offset,
      // once the reader pauses typing).
      const expected = new Date(c.created).getTime();
      await page
        .waitForFunction(
          (ms) => new Date(new URLSearchParams(location.search).get('created')).getTime() === ms,
          expected,
          { timeout: 5000 },
        )
        .catch(() => {});
      const created = new URLSearchParams(new URL(page.url()).search).get('created');
      assert.equal(new Date(created).getTime(), expected, `URL created=${created}`);
      assertNoProblems(page);
    });
  });

  test('a visitor in Europe/Madrid who sets the zone to support time types Bogotá time', { timeout: TEST_TIMEOUT }, async () => {
    // 12:45 in Bogotá is lunch (the clock starts at 13:30); 12:45 in Madrid would be 06:45 in
    // Bogotá (the clock would start at 07:30): the two readings give different deadlines.
    const c = CASES.find((x) => x.created === '2025-02-18T12:45:00-05:00');
    await withVisitor('Europe/Madrid', async (ctx) => {
      const page = await openCalculator(ctx);
      await tabToCreated(page);
      await typeWallClock(page, '2025-02-18T12:45:00');
      await tabUntil(page, (a) => a?.id === 'sla-zone', '#sla-zone', 10);
      await page.keyboard.press('ArrowDown'); // "Zona horaria de soporte (America/Bogota)"
      assert.equal(await page.inputValue('#sla-zone'), 'support');
      assert.match(await page.textContent('#sla-created-zone'), /America\/Bogota/, 'the hint names the support zone');
      await choosePriorityWithArrows(page, 'alta');
      const state = await readCalculator(page);
      assert.equal(state.resultsHidden, false, `no result shown (error: ${state.createdError})`);
      assert.deepEqual(dues(state), expectedDues(c));
      assertNoProblems(page);
    });
  });
});

// --- 3. why the clock starts when it does ----------------------------------------------------

test('3. a ticket created on Good Friday: the clock starts on Monday and names "Viernes Santo"', { timeout: TEST_TIMEOUT }, async () => {
  await withVisitor(async (ctx) => {
    const page = await openCalculator(ctx, { created: '2025-04-18T10:00:00-05:00', priority: 'alta' });
    const state = await readCalculator(page);
    assert.equal(state.resultsHidden, false);
    assert.equal(state.clockStart, '2025-04-21T07:30:00-05:00');
    assert.equal(state.why, '(el ticket se creó en un festivo: Viernes Santo)', 'the reason is about the creation, not Monday');
    assertNoProblems(page);
  });
});

test('3. in English, a ticket created on a Sunday says so, not that Monday is closed', { timeout: TEST_TIMEOUT }, async () => {
  await withVisitor(async (ctx) => {
    const page = await openCalculator(ctx, { created: '2026-11-29T10:00:00-05:00', priority: 'alta' }, `/en${SLA_PAGE}`);
    const state = await readCalculator(page);
    assert.equal(state.clockStart, '2026-11-30T07:30:00-05:00');
    assert.equal(state.why, '(the ticket was created on a day without support)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.sla-ics')]);
    assert.equal(download.suggestedFilename(), 'ticket-deadlines.ics', 'the calendar file is named in English');
    assertNoProblems(page);
  });
});

// --- 4. escalation and workaround ------------------------------------------------------------

describe('4. escalation and workaround', () => {
  test('type=facturacion shows the billing contact as a mailto link', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx, { created: '2025-02-18T10:30:00-05:00', priority: 'alta', type: 'facturacion' });
      const state = await readCalculator(page);
      assert.equal(state.escalationHidden, false, 'the escalation row is hidden');
      const link = await page.$eval('[data-sla=escalation]', (dd) => {
        const a = dd.querySelector('a');
        return { text: dd.textContent.trim(), href: a?.getAttribute('href'), linkText: a?.textContent };
      });
      assert.equal(link.href, 'mailto:facturacion@example.com');
      assert.equal(link.linkText, 'facturacion@example.com');
      assert.match(link.text, /^Analista de facturación: /, 'the role comes first');
      assert.equal(new URLSearchParams(state.search).get('type'), 'facturacion', 'the URL keeps the type');
      assertNoProblems(page);
    });
  });

  test('without a request type there is no escalation row and no definitive-fix row', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx, { created: '2025-02-18T10:30:00-05:00', priority: 'alta' });
      const state = await readCalculator(page);
      assert.equal(state.resultsHidden, false);
      assert.equal(state.escalationHidden, true);
      assert.equal(state.fix, null);
    });
  });

  test('a workaround on 2025-02-18 10:00 puts the definitive fix 120 days later, 2025-06-18 10:00', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx, {
        created: '2025-02-18T09:00:00-05:00',
        priority: 'alta',
        workaround: '2025-02-18T10:00:00-05:00',
      });
      const state = await readCalculator(page);
      assert.equal(state.workaroundError, null);
      assert.equal(state.fix, '2025-06-18T10:00:00-05:00');
      const workaround = new URLSearchParams(state.search).get('workaround');
      assert.equal(new Date(workaround).getTime(), new Date('2025-02-18T10:00:00-05:00').getTime(), `URL workaround=${workaround}`);
      assertNoProblems(page);
    });
  });
});

// --- 5. bad input ----------------------------------------------------------------------------

describe('5. bad input shows an inline message and never a stale deadline', () => {
  const VALID = { created: '2025-02-18T10:30:00-05:00', priority: 'alta' };

  /** Opens a valid calculation first, so that a stale result would still be on screen. */
  async function openWithResult(ctx) {
    const page = await openCalculator(ctx, VALID);
    const before = await readCalculator(page);
    assert.equal(before.resultsHidden, false, 'the valid starting case shows no result');
    assert.equal(before.response, '2025-02-18T12:30:00-05:00');
    return page;
  }

  test('an empty creation date', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openWithResult(ctx);
      await page.fill('#sla-created', '');
      const state = await readCalculator(page);
      assert.equal(state.createdError, 'Escriba la fecha y la hora de creación.');
      assert.equal(state.resultsHidden, true, 'the old deadlines are still shown');
      assert.equal(await page.getAttribute('#sla-created', 'aria-invalid'), 'true');
      assertNoProblems(page);
    });
  });

  test('an impossible date typed in the field (30 February) hides the results', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openWithResult(ctx);
      await tabToCreated(page);
      await typeWallClock(page, '2025-02-30T10:00:00');
      const state = await readCalculator(page);
      assert.equal(state.createdValue, '', 'Chromium accepted 30 February as a value');
      assert.ok(state.createdError, 'no inline message');
      assert.equal(state.resultsHidden, true, 'the old deadlines are still shown');
      assertNoProblems(page);
    });
  });

  test(
    'an impossible date typed in the field says the date is not valid (not "enter the date")',
    {
      timeout: TEST_TIMEOUT,
    },
    async () => {
      await withVisitor(async (ctx) => {
        const page = await openWithResult(ctx);
        await tabToCreated(page);
        await typeWallClock(page, '2025-02-30T10:00:00');
        const state = await readCalculator(page);
        assert.equal(state.createdError, 'Esa fecha u hora no es válida.');
        assert.equal(state.resultsHidden, true);
      });
    },
  );

  test(
    'an impossible date in a shared URL (created=2025-02-30…) is refused, not moved to 2 March',
    {
      timeout: TEST_TIMEOUT,
    },
    async () => {
      await withVisitor(async (ctx) => {
        const page = await openCalculator(ctx, { created: '2025-02-30T10:00:00-05:00', priority: 'alta' });
        const state = await readCalculator(page);
        assert.equal(state.createdError, 'Esa fecha u hora no es válida.', `results: ${JSON.stringify(dues(state))}`);
        assert.equal(state.resultsHidden, true, `deadlines shown for another date: ${JSON.stringify(dues(state))}`);
        assert.doesNotMatch(state.search, /2025-03-02/, 'the URL was rewritten to another date');
      });
    },
  );

  test('a time that does not exist in Europe/Madrid (2025-03-30 02:30, clocks go forward)', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor('Europe/Madrid', async (ctx) => {
      const page = await openWithResult(ctx);
      await tabToCreated(page);
      await typeWallClock(page, '2025-03-30T02:30:00');
      const state = await readCalculator(page);
      assert.equal(withSeconds(state.createdValue), '2025-03-30T02:30:00');
      assert.equal(
        state.createdError,
        'Esa hora no existe en Europe/Madrid (ese día se adelantaron los relojes). Elija otra hora.',
      );
      assert.equal(state.resultsHidden, true, 'the old deadlines are still shown');
      // And an hour later is fine again.
      await page.fill('#sla-created', '2025-03-30T03:30:00');
      const fixed = await readCalculator(page);
      assert.equal(fixed.createdError, null);
      assert.equal(fixed.resultsHidden, false);
      assertNoProblems(page);
    });
  });
});

// --- 6. without JavaScript -------------------------------------------------------------------

test('6. without JavaScript: the static fallback and tables, no form', { timeout: TEST_TIMEOUT }, async () => {
  await withVisitor(SUPPORT_ZONE, { javaScriptEnabled: false }, async (ctx) => {
    const page = await ctx.newPage();
    const response = await page.goto(pageUrl(SLA_PAGE), { waitUntil: 'load' });
    assert.equal(response?.status(), 200);
    const fallback = page.locator('.sla-calculator-fallback');
    assert.equal(await fallback.isVisible(), true, 'the fallback is not visible');
    assert.match(await fallback.innerText(), /JavaScript/);
    assert.equal(await page.locator('.sla-form').isVisible(), false, 'the form is visible without JavaScript');
    assert.equal(await page.locator('.sla-results').isVisible(), false);
    assert.equal(await page.locator('table.sla-targets').count(), 1, 'table.sla-targets');
    assert.equal(await page.locator('table.sla-escalation').count(), 1, 'table.sla-escalation');
    assert.equal(await page.locator('table.sla-targets').isVisible(), true);
  });
});

// --- 7. language -----------------------------------------------------------------------------

describe('7. the English SLA page', () => {
  test('labels, dates and messages are English', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx, { created: '2025-02-21T16:00:00-05:00', priority: 'alta' }, SLA_PAGE_EN);
      const texts = await page.evaluate(() => ({
        label: document.querySelector('label[for=sla-created]').textContent.trim(),
        dts: [...document.querySelectorAll('.sla-results dt')].map((dt) => dt.textContent.trim()),
        high: document.querySelector('label[for=sla-priority-alta]').textContent.trim(),
        response: document.querySelector('time[data-sla=response-due]').textContent,
      }));
      assert.equal(texts.label, 'Creation date and time');
      assert.ok(texts.dts.includes('Response due by'), `result labels: ${texts.dts.join(' | ')}`);
      assert.ok(texts.dts.includes('Resolution due by'), `result labels: ${texts.dts.join(' | ')}`);
      assert.equal(texts.high, 'High');
      assert.match(texts.response, /Monday, February 24, 2025/);
      assert.deepEqual(dues(await readCalculator(page)), expectedDues(CASES[0]), 'the same deadlines as the Spanish page');
      await page.fill('#sla-created', '');
      assert.equal((await readCalculator(page)).createdError, 'Enter the creation date and time.');
      assertNoProblems(page);
    });
  });

  test('the Spanish page, for contrast, is Spanish', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx, { created: '2025-02-21T16:00:00-05:00', priority: 'alta' });
      const dts = await page.$$eval('.sla-results dt', (els) => els.map((dt) => dt.textContent.trim()));
      assert.ok(dts.includes('Respuesta a más tardar'), `result labels: ${dts.join(' | ')}`);
      assert.match(await page.textContent('time[data-sla=response-due]'), /lunes, 24 de febrero de 2025/);
    });
  });
});

// --- 8. differential: the page's engine against the CLI ---------------------------------------

const OFFSETS = ['Z', '-05:00', '+01:00', '+05:30', '-03:00'];
const REQUEST_TYPES = ['funcional', 'comercial', 'tickets-pqrs', 'renovacion', 'facturacion'];

/** RFC 3339 text of an instant (epoch seconds) written with `offset` ("Z" or "±HH:MM"). */
function rfc3339(epochSeconds, offset) {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const d = new Date((epochSeconds + minutes * 60) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${offset}`;
}

/** 1,000 queries: creation between 2020 and 2040, every offset and priority; some with a request type or a workaround. */
function differentialQueries(seed = 20250218, count = 1000) {
  const next = random(seed);
  const from = Date.UTC(2020, 0, 1) / 1000;
  const to = Date.UTC(2040, 0, 1) / 1000;
  const pick = (list) => list[Math.floor(next() * list.length)];
  const queries = [];
  for (let i = 0; i < count; i++) {
    const t = from + Math.floor(next() * (to - from));
    const query = { created: rfc3339(t, OFFSETS[i % OFFSETS.length]), priority: PRIORITIES[Math.floor(i / OFFSETS.length) % PRIORITIES.length] };
    if (next() < 0.2) query.request_type = pick(REQUEST_TYPES);
    if (next() < 0.2) query.workaround = rfc3339(t + Math.floor(next() * 30 * 86400), pick(OFFSETS));
    queries.push(query);
  }
  return queries;
}

/** `ayuda sla due --policy POLICY --batch -`: one JSON line in, one out. */
function cliBatch(lines) {
  return new Promise((resolve, reject) => {
    const child = spawn(AYUDA_BIN, ['sla', 'due', '--policy', POLICY, '--batch', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

test('8. differential: 1,000 seeded queries give the same records in the page as in the CLI', { timeout: TEST_TIMEOUT }, async () => {
  assertAyudaBin();
  assert.ok(existsSync(POLICY), `the policy ${POLICY} does not exist (AYUDA_SLA_POLICY)`);
  const queries = differentialQueries();
  const lines = queries.map((q) => JSON.stringify(q));
  // Every offset and priority is there, and some request types and workarounds.
  for (const o of OFFSETS) assert.ok(queries.some((q) => q.created.endsWith(o)), `no created with ${o}`);
  for (const p of PRIORITIES) assert.ok(queries.some((q) => q.priority === p), `no ${p}`);
  assert.ok(queries.filter((q) => q.request_type).length > 100 && queries.filter((q) => q.workaround).length > 100);

  const cli = await cliBatch(lines);
  assert.equal(cli.code, 0, `the CLI failed (exit ${cli.code}): ${cli.err}\n${cli.out.slice(0, 2000)}`);
  const cliRecords = cli.out.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(cliRecords.length, queries.length, 'one CLI line per query');

  await withVisitor(async (ctx) => {
    const page = await openCalculator(ctx);
    const pageAnswers = await page.evaluate(async (queries) => {
      const root = document.querySelector('[data-sla-calculator]');
      const moduleUrl = new URL(root.dataset.module, document.baseURI).href;
      const wasmUrl = new URL(root.dataset.wasm, document.baseURI).href;
      const policyText = await (await fetch(root.dataset.policy)).text();
      const m = await import(moduleUrl);
      await m.default({ module_or_path: wasmUrl });
      const c = new m.SlaCalculator(policyText);
      return queries.map((q) => JSON.parse(c.evaluate(q.created, q.priority, q.request_type, q.now, q.workaround)));
    }, queries);

    const mismatches = [];
    pageAnswers.forEach((answer, i) => {
      try {
        assert.deepStrictEqual(answer.record, cliRecords[i]);
      } catch {
        mismatches.push({ line: i + 1, query: queries[i], page: answer.record ?? answer, cli: cliRecords[i] });
      }
    });
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of ${queries.length} records differ; the first ones:\n${mismatches.slice(0, 5).map((m) => JSON.stringify(m, null, 1)).join('\n')}`,
    );
    assertNoProblems(page);
  });
});

// --- 9. the size budget ----------------------------------------------------------------------

describe('9. the size budget', () => {
  const SIZE_LIMIT = 60_000;

  test('the calculator assets, gzipped, weigh at most 60 KB', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor(async (ctx) => {
      const page = await openCalculator(ctx);
      const urls = await page.evaluate(() => {
        const root = document.querySelector('[data-sla-calculator]');
        const abs = (u) => new URL(u, document.baseURI).href;
        return {
          module: abs(root.dataset.module),
          wasm: abs(root.dataset.wasm),
          glue: root.querySelector('script[type=module][src]').src,
          policy: abs(root.dataset.policy),
        };
      });
      const sizes = {};
      for (const [name, url] of Object.entries(urls)) {
        const res = await fetch(url);
        assert.equal(res.status, 200, `${name} ${url}`);
        const body = Buffer.from(await res.arrayBuffer());
        sizes[name] = { url: new URL(url).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
      }
      const total = sizes.module.gzip + sizes.wasm.gzip + sizes.glue.gzip;
      for (const [name, s] of Object.entries(sizes)) console.log(`budget: ${name} ${s.url}: ${s.raw} B raw, ${s.gzip} B gzip -9`);
      console.log(`budget: calculator assets (module + wasm + glue) gzip -9 total: ${total} B (${(total / 1000).toFixed(1)} KB; limit ${SIZE_LIMIT / 1000} KB; the site's policy data, ${sizes.policy.gzip} B, not counted)`);
      assert.ok(total <= SIZE_LIMIT, `calculator assets gzipped: ${total} B > ${SIZE_LIMIT} B`);
    });
  });
});

test('the page preloads the engine, its WebAssembly and the policy, and each is downloaded once', { timeout: TEST_TIMEOUT }, async () => {
  await withVisitor(async (ctx) => {
    const page = await ctx.newPage();
    const asked = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(pageUrl(SLA_PAGE, {}), { waitUntil: 'load' });
    await page.waitForSelector('[data-sla-calculator][data-ready="true"]', { state: 'attached', timeout: 20_000 });
    const { preloaded, used } = await page.evaluate(() => {
      const path = (url) => new URL(url, document.baseURI).pathname;
      const root = document.querySelector('[data-sla-calculator]');
      return {
        preloaded: [...document.querySelectorAll('link[rel=preload], link[rel=modulepreload]')].map((link) => path(link.href)),
        used: [root.dataset.module, root.dataset.wasm, root.dataset.policy].map(path),
      };
    });
    assert.deepEqual(preloaded, used, 'the preloads name the files the calculator starts with');
    for (const file of used) {
      // A preload whose mode differs from the script's request (a missing crossorigin) is not
      // used: the file is then downloaded twice.
      assert.equal(asked.filter((path) => path === file).length, 1, `${file} downloaded once: ${JSON.stringify(asked)}`);
    }
    await page.close();
  });
});

// --- 10. the rough edges of issue 13 ----------------------------------------------------------

const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
const LANGUAGES = [{ lang: 'es', urlPath: SLA_PAGE }, { lang: 'en', urlPath: SLA_PAGE_EN }];
// Monday 2 March 2026, 08:00 in Bogotá: the "now" of these tests, so that time left and
// overdue are always the same.
const FIXED_NOW = new Date('2026-03-02T13:00:00Z');

/**
 * Opens the calculator with `params` at 390 and 1280 px, in Spanish and in English, the
 * clock fixed at FIXED_NOW, and runs `check(page, lang)` on each, with no console error.
 */
async function onEveryPage(params, check, zone = SUPPORT_ZONE) {
  for (const viewport of VIEWPORTS) {
    for (const { lang, urlPath } of LANGUAGES) {
      await withVisitor(zone, { viewport }, async (ctx) => {
        await ctx.clock.setFixedTime(FIXED_NOW);
        const page = await openCalculator(ctx, params, urlPath);
        await check(page, lang, `${lang} at ${viewport.width} px`);
        assertNoProblems(page);
      });
    }
  }
}

/** The message shown in place of the results, and the boxes of both. */
function readProblem(page) {
  return page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    };
    const results = document.querySelector('.sla-results');
    const problem = results.querySelector('.sla-problem');
    return {
      text: problem.textContent,
      visible: problem.checkVisibility({ visibilityProperty: true }),
      box: box(problem),
      resultsBox: box(results),
      fieldErrors: Object.fromEntries(
        [...document.querySelectorAll('.field-error')].filter((e) => !e.hidden).map((e) => [e.id, e.textContent]),
      ),
    };
  });
}

/** Asserts the one message, under its field and where the results were, in the page's language. */
async function assertProblem(page, fieldErrorId, expected, where) {
  const shown = await readProblem(page);
  assert.deepEqual(shown.fieldErrors, { [fieldErrorId]: expected }, where);
  assert.equal(shown.text, expected, `the message where the results were (${where})`);
  assert.equal(shown.visible, true, `the message is not visible (${where})`);
  const state = await readCalculator(page);
  assert.equal(state.resultsHidden, true, `results shown with an error (${where})`);
}

describe('10. bad input and the rough edges of issue 13, at 390 and 1280 px, in Spanish and English', () => {
  test('invalid input shows its message where the results were, at their size, axe-clean', { timeout: TEST_TIMEOUT }, async () => {
    const expected = { es: 'Esa fecha u hora no es válida.', en: 'That date or time is not valid.' };
    await onEveryPage({ created: '2025-02-30T10:00:00-05:00', priority: 'alta' }, async (page, lang, where) => {
      await assertProblem(page, 'sla-created-error', expected[lang], where);
      const shown = await readProblem(page);
      assert.deepEqual(shown.box, shown.resultsBox, `the message does not fill the results' box (${where})`);
      assert.ok(shown.box.height >= 100, `the results' box is ${shown.box.height} px high (${where})`);
      const axeResult = await runAxe(page);
      assert.equal(axeResult.violations.length, 0, `axe (${where}):\n${formatViolations(axeResult.violations)}`);
    });
  });

  test('a link from 1900 says the year is out of range, with no fractional offset', { timeout: TEST_TIMEOUT }, async () => {
    const expected = {
      es: 'El año 1900 está fuera del rango que admite la calculadora (1971–2099).',
      en: 'The year 1900 is outside the range the calculator accepts (1971–2099).',
    };
    await onEveryPage({ created: '1900-01-01T10:00:00-05:00', priority: 'alta' }, async (page, lang, where) => {
      await assertProblem(page, 'sla-created-error', expected[lang], where);
    });
  });

  test('a reader whose zone was 44 min 30 s behind UTC (Monrovia, 1971) gets whole-minute offsets', { timeout: TEST_TIMEOUT }, async () => {
    await withVisitor('Africa/Monrovia', async (ctx) => {
      const page = await openCalculator(ctx, { created: '1971-06-01T10:44:30Z', priority: 'alta' });
      const state = await readCalculator(page);
      assert.equal(state.createdError, null, 'the page sent an offset the engine refuses');
      assert.equal(state.clockStart, '1971-06-01T07:30:00-05:00');
      const share = new URL(await page.getAttribute('.sla-share', 'href'), server.url);
      assert.equal(share.searchParams.get('created'), '1971-06-01T05:44:30-05:00', 'the same instant, to the second');
      assertNoProblems(page);
    });
  });

  test('an unknown priority in a link is named, not silently replaced; choosing one clears it', { timeout: TEST_TIMEOUT }, async () => {
    const expected = {
      es: 'La prioridad «urgente» no existe. Elija una: Alta, Normal, Baja.',
      en: 'There is no priority “urgente”. Choose one: High, Normal, Low.',
    };
    await onEveryPage({ created: '2025-02-18T10:30:00-05:00', priority: 'urgente' }, async (page, lang, where) => {
      await assertProblem(page, 'sla-priority-error', expected[lang], where);
      assert.equal(await page.getAttribute('#sla-priority-alta', 'aria-invalid'), 'true');
      await page.check('#sla-priority-normal');
      const state = await readCalculator(page);
      assert.equal(state.resultsHidden, false, `no result after choosing a priority (${where})`);
      assert.equal(state.response, '2025-02-18T15:30:00-05:00', 'Normal: 4 h of business time, lunch skipped');
      assert.deepEqual((await readProblem(page)).fieldErrors, {}, where);
    });
  });

  test('an unknown request type in a link is named, not dropped; choosing one clears it', { timeout: TEST_TIMEOUT }, async () => {
    const expected = {
      es: 'El tipo de solicitud «ventas» no existe. Elija uno de la lista.',
      en: 'There is no request type “ventas”. Choose one from the list.',
    };
    await onEveryPage({ created: '2025-02-18T10:30:00-05:00', priority: 'alta', type: 'ventas' }, async (page, lang, where) => {
      await assertProblem(page, 'sla-type-error', expected[lang], where);
      await page.selectOption('#sla-type', 'comercial');
      const state = await readCalculator(page);
      assert.equal(state.escalationHidden, false, `no escalation after choosing a type (${where})`);
      assert.deepEqual((await readProblem(page)).fieldErrors, {}, where);
    });
  });

  test('a workaround dated before the creation is refused in the page language', { timeout: TEST_TIMEOUT }, async () => {
    const expected = {
      es: 'La solución temporal (martes, 18 de febrero de 2025, 10:00 (America/Bogota)) es anterior a la creación del ticket (viernes, 20 de junio de 2025, 9:00 (America/Bogota)).',
      en: 'The temporary workaround (Tuesday, February 18, 2025 at 10:00 AM (America/Bogota)) is dated before the ticket was created (Friday, June 20, 2025 at 9:00 AM (America/Bogota)).',
    };
    const params = { created: '2025-06-20T09:00:00-05:00', priority: 'baja', workaround: '2025-02-18T10:00:00-05:00' };
    await onEveryPage(params, async (page, lang, where) => {
      await assertProblem(page, 'sla-workaround-error', expected[lang], where);
      assert.equal(await page.getAttribute('#sla-workaround', 'aria-invalid'), 'true');
    });
  });

  test('times are shown without seconds', { timeout: TEST_TIMEOUT }, async () => {
    const expected = {
      es: 'martes, 18 de febrero de 2025, 10:30 (America/Bogota)',
      en: 'Tuesday, February 18, 2025 at 10:30 AM (America/Bogota)',
    };
    await onEveryPage({ created: '2025-02-18T10:30:15-05:00', priority: 'alta' }, async (page, lang, where) => {
      assert.equal(await page.textContent('time[data-sla=clock-start]'), expected[lang], where);
      assert.equal(await page.getAttribute('time[data-sla=clock-start]', 'datetime'), '2025-02-18T10:30:15-05:00', 'the machine-readable time keeps its seconds');
    });
  });

  test('past 24 business hours, time left and overdue are said in business days (hours ÷ 8 h 30 min, rounded down)', { timeout: TEST_TIMEOUT }, async () => {
    const old = { created: '2025-02-18T10:30:00-05:00', priority: 'alta' };
    const recent = { created: '2026-03-02T07:30:00-05:00', priority: 'baja' };
    const cli = await cliBatch([old, recent].map((q) => JSON.stringify({ ...q, now: FIXED_NOW.toISOString().replace('.000', '') })));
    const [oldRecord, recentRecord] = cli.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    const businessDay = 8.5 * 3600; // sla.yaml: Monday to Friday, 07:30–12:30 and 13:30–17:00
    const days = (target) => Math.floor(target.business_seconds / businessDay);
    const [responseDays, resolutionDays] = [oldRecord.status.response, oldRecord.status.resolution].map(days);
    const leftDays = days(recentRecord.status.resolution);
    assert.equal(recentRecord.status.response.business_seconds, 7.5 * 3600, 'the recent ticket has 7 h 30 min left to respond');
    const expected = {
      es: { old: [`vencido hace ${responseDays} días hábiles`, `vencido hace ${resolutionDays} días hábiles`], recent: ['quedan 7 h 30 min hábiles', `quedan ${leftDays} días hábiles`] },
      en: { old: [`overdue by ${responseDays} business days`, `overdue by ${resolutionDays} business days`], recent: ['7 h 30 min of business time left', `${leftDays} business days left`] },
    };
    const statuses = (page) => page.$$eval('.sla-status', (els) => els.map((e) => e.textContent));
    await onEveryPage(old, async (page, lang, where) => assert.deepEqual(await statuses(page), expected[lang].old, where));
    await onEveryPage(recent, async (page, lang, where) => assert.deepEqual(await statuses(page), expected[lang].recent, where));
  });

  test('a link with no offset is support time, as in `ayuda sla due`: the same deadlines, the zone set to support', { timeout: TEST_TIMEOUT }, async () => {
    const created = '2025-02-21T16:00:00';
    const cli = await cliBatch([JSON.stringify({ created, priority: 'alta' })]);
    const record = JSON.parse(cli.out);
    await onEveryPage({ created, priority: 'alta' }, async (page, lang, where) => {
      const state = await readCalculator(page);
      assert.deepEqual(dues(state), { clockStart: record.clock_start, response: record.response_due, resolution: record.resolution_due }, where);
      assert.equal(await page.inputValue('#sla-zone'), 'support', where);
    }, 'Asia/Kolkata');
  });

  test('the escalation table fits a phone, never clipped; where a table must scroll, a shade shows the edge', { timeout: TEST_TIMEOUT }, async () => {
    const tableBox = (page) => page.locator('.table-wrap:has(> table.sla-escalation)').evaluate((el) => ({
      overflows: el.scrollWidth > el.clientWidth,
      clipped: el.getBoundingClientRect().right > document.documentElement.clientWidth,
    }));
    await onEveryPage({}, async (page, lang, where) => {
      assert.deepEqual(await tableBox(page), { overflows: false, clipped: false }, where);
    });
    // At 320 px the Spanish table is wider than the page: it scrolls, the keyboard scrolls it,
    // and its right edge is shaded (the same strip without the shades looks different).
    await withVisitor(SUPPORT_ZONE, { viewport: { width: 320, height: 800 } }, async (ctx) => {
      const page = await openCalculator(ctx);
      const wrap = page.locator('.table-wrap:has(> table.sla-escalation)');
      assert.deepEqual(await tableBox(page), { overflows: true, clipped: false });
      await wrap.scrollIntoViewIfNeeded();
      const box = await wrap.boundingBox();
      const edge = { x: box.x + box.width - 12, y: box.y + box.height / 2 - 40, width: 12, height: 80 };
      const shaded = await page.screenshot({ clip: edge });
      await wrap.evaluate((el) => { el.style.background = 'none'; });
      assert.notDeepEqual(await page.screenshot({ clip: edge }), shaded, 'no shade at the edge the table scrolls past');
      await wrap.evaluate((el) => { el.style.background = ''; });
      await wrap.focus();
      await page.keyboard.press('ArrowRight');
      // Keyboard scrolling is animated: wait for it rather than read at once.
      const scrolled = await wrap.evaluate((el) => new Promise((resolve) => {
        const started = performance.now();
        const poll = () => (el.scrollLeft > 0 || performance.now() - started > 2000 ? resolve(el.scrollLeft > 0) : requestAnimationFrame(poll));
        poll();
      }));
      assert.ok(scrolled, 'the keyboard does not scroll the table');
      assertNoProblems(page);
    });
  });
});
