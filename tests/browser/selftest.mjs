// Self-test of the harness itself: proves that every check can pass and can fail.
//
//   node --test selftest.mjs        (about 2 minutes; not run by run.sh)
//
// It writes two tiny sites in a temporary directory, a valid, accessible one and a
// deliberately bad one (each bad page breaks different checks), runs site.test.mjs and
// html.test.mjs on both, and expects the good one to pass and the bad one to fail with each
// expected message. It also checks serve.mjs directly (MIME types, index.html, 404 page,
// paths outside the root, gzip).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PAGES as PAGES, HERE } from './common.mjs';
import { serve } from './serve.mjs';

const CSS = `body{font-family:sans-serif;margin:0;color:#222;background:#fff}
.skip{position:absolute;left:-9999px}.skip:focus{left:0;top:0;background:#fff;padding:.5rem}
header,main,footer{padding:1rem;max-width:60rem}
img{max-width:100%;height:auto}
`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#036"/></svg>';

function page({
  lang = 'es',
  title = 'Ayuda',
  h1s = ['Título'],
  skip = '#contenido',
  mainId = 'contenido',
  alt = 'Logotipo de Calidoria',
  head = '',
  body = '',
  icon = true,
} = {}) {
  return `<!DOCTYPE html>
<html${lang === null ? '' : ` lang="${lang}"`}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/style.css">
${icon ? '<link rel="icon" href="/favicon.svg" type="image/svg+xml">\n' : ''}${head}</head>
<body>
${skip === null ? '' : `<a class="skip" href="${skip}">Saltar al contenido</a>\n`}<header><a href="/"><img src="/logo.svg" width="40" height="40"${alt === null ? '' : ` alt="${alt}"`}></a>
<nav aria-label="Principal"><ul><li><a href="/configuracion/">Configuración</a></li><li><a href="/en/">English</a></li></ul></nav></header>
<main id="${mainId}">
${h1s.map((h) => `<h1>${h}</h1>\n`).join('')}<p>Texto de ejemplo para la página de ayuda.</p>
${body}</main>
<footer><p>Calidoria</p></footer>
</body>
</html>
`;
}

const EN = { lang: 'en', title: 'Help', h1s: ['Help center'], skip: '#content', mainId: 'content', alt: 'Calidoria logo' };
const WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // an empty module

function goodSite() {
  const files = {
    '/style.css': CSS,
    '/logo.svg': SVG,
    '/favicon.svg': SVG,
    '/empty.wasm': WASM,
    '/404.html': page({ title: 'No encontrada', h1s: ['Página no encontrada'] }),
  };
  for (const p of PAGES) files[p.path] = page({ title: `Ayuda ${p.path}`, lang: p.lang });
  files['/en/'] = page(EN);
  // A module that instantiates a .wasm with instantiateStreaming: fails unless the server
  // answers application/wasm.
  files['/configuracion/'] = page({
    body: '<script type="module">await WebAssembly.instantiateStreaming(fetch("/empty.wasm"));</script>\n',
  });
  return files;
}

function badSite() {
  const files = goodSite();
  // home: no lang, an image without alt text, no icon (and no /favicon.ico)
  files['/'] = page({ lang: null, alt: null, icon: false });
  // section: two h1s, no skip link, a missing stylesheet, a console error, an exception
  files['/configuracion/'] = page({
    h1s: ['Uno', 'Dos'],
    skip: null,
    head: '<link rel="stylesheet" href="/missing.css">\n<script src="/boom.js"></script>\n',
  });
  files['/boom.js'] = "console.error('deliberate console error'); throw new Error('deliberate exception');\n";
  // article: the skip link's target does not exist; an element wider than 320 px
  files['/configuracion/usuarios-y-roles/'] = page({
    skip: '#no-existe',
    body: '<div class="ancho" style="width:600px">Tabla demasiado ancha</div>\n',
  });
  // FAQ: invalid HTML; a region that scrolls (at 320 px only) and that no key can reach
  files['/preguntas-frecuentes/preguntas-frecuentes/'] = page({
    body:
      '<span><div id="x">bloque</div></span><p id="x">dup</p></em>\n' +
      '<div class="scroller" style="overflow-x:auto"><p style="white-space:nowrap">' +
      'Una línea muy larga que no cabe en una pantalla de 320 píxeles de ancho</p></div>\n',
  });
  // SLA: low-contrast text and an image that is not there
  files['/servicio-al-cliente/acuerdo-de-niveles-de-servicio/'] = page({
    body: '<p style="color:#bbb">Texto con poco contraste</p><img src="/missing.png" alt="Falta">\n',
  });
  // English home that says it is Spanish, and whose dark color scheme has no contrast
  files['/en/'] = page({
    ...EN,
    lang: 'es',
    head: '<style>@media (prefers-color-scheme: dark) { body { background: #000; color: #333 } }</style>\n',
  });
  return files;
}

async function writeSite(dir, files) {
  for (const [rel, content] of Object.entries(files)) {
    let file = path.join(dir, ...rel.split('/').filter(Boolean));
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

function runTests(site) {
  // The child is a test run of its own, not a part of this one.
  const env = { ...process.env, AYUDA_SITE: site };
  delete env.NODE_TEST_CONTEXT;
  delete env.AYUDA_PAGES;
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', 'site.test.mjs', 'html.test.mjs'], {
      cwd: HERE,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out }));
  });
}

let tmp;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ayuda-selftest-'));
});
after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('serve.mjs', () => {
  let server;
  before(async () => {
    const root = path.join(tmp, 'serve');
    await writeSite(root, goodSite());
    await writeFile(path.join(tmp, 'secret.txt'), 'secret');
    await symlink(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
    server = await serve(root);
  });
  after(() => server?.close());

  const get = (p, init) => fetch(server.url + p, { redirect: 'manual', ...init });

  test('binds 127.0.0.1 on a free port', () => assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/));
  test('MIME types', async () => {
    const cases = { '': 'text/html', 'style.css': 'text/css', 'logo.svg': 'image/svg+xml', 'empty.wasm': 'application/wasm' };
    for (const [p, type] of Object.entries(cases)) {
      const res = await get(p);
      assert.equal(res.status, 200, p);
      assert.ok(res.headers.get('content-type').startsWith(type), `${p}: ${res.headers.get('content-type')}`);
    }
  });
  test('index.html for a directory, redirect to the slash form', async () => {
    assert.match(await (await get('configuracion/')).text(), /<html lang="es">/);
    const res = await get('configuracion');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/configuracion/');
  });
  test("404 with the site's 404.html", async () => {
    const res = await get('no/such/page/');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /Página no encontrada/);
  });
  test('refuses paths outside the root', async () => {
    for (const p of ['..%2fsecret.txt', '%2e%2e%2fsecret.txt', 'link.txt']) {
      const res = await get(p);
      assert.ok(res.status === 403 || res.status === 404, `${p}: ${res.status}`);
      assert.doesNotMatch(await res.text(), /secret/);
    }
    // A raw request line that no client library would normalise.
    const raw = await new Promise((done) => {
      const s = net.connect(server.port, '127.0.0.1', () => s.write('GET /../secret.txt HTTP/1.0\r\n\r\n'));
      let d = '';
      s.on('data', (c) => (d += c));
      s.on('end', () => done(d));
    });
    assert.doesNotMatch(raw, /\r\n\r\nsecret/);
  });
  test('refuses a missing root', async () => {
    await assert.rejects(serve(path.join(tmp, 'nope')), /does not exist/);
  });
  test('gzips text and WebAssembly with compress: true, for clients that accept it', async () => {
    const gz = await serve(path.join(tmp, 'serve'), { compress: true });
    try {
      const raw = (p, encoding) => fetch(gz.url + p, { headers: { 'accept-encoding': encoding } });
      for (const p of ['', 'style.css', 'logo.svg', 'empty.wasm']) {
        const res = await raw(p, 'gzip, deflate');
        assert.equal(res.headers.get('content-encoding'), 'gzip', p);
        assert.equal(res.headers.get('vary'), 'Accept-Encoding', p);
        assert.equal((await get(p).then((r) => r.arrayBuffer())).byteLength, (await res.arrayBuffer()).byteLength, `${p}: the same bytes, decompressed`);
        assert.equal((await raw(p, 'identity')).headers.get('content-encoding'), null, `${p} without gzip`);
      }
      assert.equal((await get('style.css')).headers.get('content-encoding'), null, 'compress is off by default');
    } finally {
      await gz.close();
    }
  });
});

describe('the harness', () => {
  test('passes on a valid, accessible site', { timeout: 300_000 }, async () => {
    const site = path.join(tmp, 'good');
    await writeSite(site, goodSite());
    const { code, out } = await runTests(site);
    assert.equal(code, 0, out);
    assert.match(out, /ℹ pass 60\b/, out);
    // The demo's own FAQ answers, banner and feedback tests do not apply to a hand-made site.
    assert.match(out, /ℹ skipped 15\b/, out);
    assert.match(out, /# not the demo site: .* does not name https:\/\/ayuda\.calidoria\.example, the base_url of ayuda\.yaml/, out);
  });

  test('fails on a bad site, naming every problem', { timeout: 300_000 }, async () => {
    const site = path.join(tmp, 'bad');
    await writeSite(site, badSite());
    const { code, out } = await runTests(site);
    assert.notEqual(code, 0, out);
    const expected = [
      // axe-core
      /html-has-lang/,
      /image-alt/,
      /skip-link/,
      /color-contrast/,
      /on \/en\/ \(dark color scheme\):\n.*color-contrast/,
      /on \/preguntas-frecuentes\/preguntas-frecuentes\/ \(at 320 px\):\n.*scrollable-region-focusable/,
      // behaviour
      /<html> has no lang attribute/,
      /<html lang="es"> but this page is in "en"/,
      /expected exactly one <h1>, found 2/,
      /the first focusable element is not a skip link/,
      /the skip link's target #no-existe does not exist/,
      /console error: deliberate console error/,
      /uncaught exception: Error: deliberate exception/,
      /missing\.css \(the server answers 404\)/,
      /icon: GET \/favicon\.ico answers 404/,
      /HTTP 404 GET http:\/\/127\.0\.0\.1:\d+\/missing\.png/,
      // layout
      /scrolls horizontally at 320 px: document\.documentElement\.scrollWidth = 6\d\d/,
      /main#contenido > div\.ancho/,
      // Nu HTML checker
      /An “img” element must have an “alt” attribute/,
      /Element “div” not allowed as child of element “span”/,
      /Duplicate ID “x”/,
      /Stray end tag “em”/,
    ];
    const missing = expected.filter((re) => !re.test(out));
    assert.deepEqual(missing, [], `messages not found in the output:\n${out}`);
    assert.match(out, /ℹ fail 1[0-9]\b/, out);
  });

  test('fails loudly when the site directory does not exist', { timeout: 60_000 }, async () => {
    const { code, out } = await runTests(path.join(tmp, 'does-not-exist'));
    assert.notEqual(code, 0, out);
    assert.match(out, /the site directory .*does-not-exist does not exist/);
  });
});
