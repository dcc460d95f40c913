// WebKit, the engine of Safari, through WebKitGTK's WebDriver (Debian's `webkit2gtk-driver`,
// its MiniBrowser in a virtual X display, `xvfb-run`): what a reader does most, searching and
// reading a deadline, works there as in Chromium. The other test files drive Chromium only.
//
// env: WEBKIT_DRIVER (default /usr/bin/WebKitWebDriver), AYUDA_SITE (the built demo).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Builder, By, Key, until } from 'selenium-webdriver';
import { serve } from './serve.mjs';
import { SLA_PAGE, notTheDemo, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const TEST_TIMEOUT = 120_000;
const WAIT_MS = 30_000;

/** A TCP port free on 127.0.0.1 now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * WebKitWebDriver in its own X display, on a free port of 127.0.0.1, once it answers
 * `/status`. `stop()` ends the driver, its browsers and the display (one process group).
 */
async function startDriver() {
  const port = await freePort();
  const child = spawn('xvfb-run', ['-a', DRIVER, `--port=${port}`, '--host=127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const ready = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${DRIVER} did not start (is webkit2gtk-driver installed?): ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
}

let driver;
let browser;
let site;

before(async () => {
  site = await serve(SITE);
  driver = await startDriver();
  browser = await new Builder()
    .usingServer(driver.url)
    .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { args: ['--automation'] } })
    .build();
});

after(async () => {
  await browser?.quit();
  await driver?.stop();
  await site?.close();
});

/** The hrefs of the search results shown, once there are some. */
async function resultLinks() {
  await browser.wait(until.elementLocated(By.css('[data-search-result] a[href]')), WAIT_MS);
  return browser.executeScript(() =>
    [...document.querySelectorAll('[data-search-result] a[href]')].map((a) => new URL(a.href).pathname),
  );
}

describe('WebKit', { skip: notTheDemo(SITE) }, () => {
  test('the header search box answers as the reader types, and Enter opens the chosen result', { timeout: TEST_TIMEOUT }, async () => {
    await browser.get(`${site.url}configuracion/usuarios-y-roles/`);
    const box = await browser.findElement(By.css('header form[role=search] input[type=search]'));
    await box.click();
    await box.sendKeys('contraseña');
    const links = await resultLinks();
    assert.ok(links.includes('/configuracion/contrasenas-y-acceso/'), `results: ${links.join(' ')}`);
    assert.equal(await box.getAttribute('aria-expanded'), 'true', 'the combobox says its list is open');
    await box.sendKeys(Key.ARROW_DOWN);
    const chosen = await browser.executeScript(() => {
      const box = document.activeElement;
      const option = document.getElementById(box.getAttribute('aria-activedescendant'));
      const link = option?.closest('a[href]') ?? option?.querySelector('a[href]');
      return link ? new URL(link.href).pathname : null;
    });
    assert.equal(chosen, links[0], '↓ moves to the first result');
    await box.sendKeys(Key.ENTER);
    await browser.wait(async () => new URL(await browser.getCurrentUrl()).pathname === chosen, WAIT_MS);
  });

  test('the search page reads ?q= and lists its results', { timeout: TEST_TIMEOUT }, async () => {
    await browser.get(`${site.url}buscar/?q=${encodeURIComponent('facturas vencidas')}`);
    const links = await resultLinks();
    assert.equal(links[0], '/informacion-comercial/facturacion-y-facturas/', `results: ${links.join(' ')}`);
  });

  test('the calculator gives a Friday afternoon ticket its Monday deadlines', { timeout: TEST_TIMEOUT }, async () => {
    await browser.get(`${site.url}${SLA_PAGE.slice(1)}`);
    // The form shows once the engine's WebAssembly has started.
    const created = await browser.wait(until.elementLocated(By.css('#sla-created')), WAIT_MS);
    await browser.wait(until.elementIsVisible(created), WAIT_MS);
    await browser.executeScript(() => {
      const form = document.querySelector('.sla-form');
      form.querySelector('#sla-zone').value = 'support';
      form.querySelector('#sla-priority-alta').checked = true;
      form.querySelector('#sla-created').value = '2025-02-21T16:00:00';
      form.querySelector('#sla-created').dispatchEvent(new Event('input', { bubbles: true }));
    });
    const due = (name) => browser.executeScript(
      (name) => document.querySelector(`time[data-sla="${name}"]`)?.getAttribute('datetime') ?? null,
      name,
    );
    await browser.wait(async () => (await due('response-due')) !== null, WAIT_MS);
    assert.equal(await due('response-due'), '2025-02-24T08:30:00-05:00');
    assert.equal(await due('resolution-due'), '2025-02-24T15:30:00-05:00');
  });
});
