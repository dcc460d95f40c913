// A tiny static file server for a built site, for the browser tests.
//
//   const { url, close } = await serve('/path/to/site');
//   ... fetch(url + 'configuracion/') ...
//   await close();
//
// Bound to 127.0.0.1 on a free port. GET and HEAD only. `index.html` answers a directory
// URL (a directory URL without its trailing slash is redirected to it, as static hosts do,
// so that relative links keep working); an unknown path answers 404 with the site's own
// `404.html` when it has one. A path that leaves the root (`..`, an encoded slash, a symlink
// pointing outside) is refused with 403.
//
// `serve(root, { compress: true })` answers text, JSON, SVG and WebAssembly gzipped to a client
// that accepts gzip, as a production static host does: page-speed measurements (Lighthouse)
// must see the bytes a visitor downloads, not the raw files.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether a static host would gzip a file of this MIME type (images and fonts are compressed already). */
export function compressible(type) {
  return /^(text\/|application\/(json|manifest\+json|xml|wasm)|image\/svg\+xml)/.test(type);
}

function acceptsGzip(req) {
  return /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
}

function inside(root, candidate) {
  return candidate === root || candidate.startsWith(root + path.sep);
}

async function statOrNull(file) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * Serve `root` over HTTP on 127.0.0.1 and a free port.
 * @param {string} root the site directory
 * @param {{port?: number, host?: string, compress?: boolean}} [options] `compress`: gzip what a
 *   static host would, for clients that accept it
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>} `url` ends in `/`
 */
export async function serve(root, { port = 0, host = '127.0.0.1', compress = false } = {}) {
  const rootStat = await statOrNull(root);
  if (!rootStat || !rootStat.isDirectory()) {
    throw new Error(`serve: site directory ${JSON.stringify(root)} does not exist or is not a directory`);
  }
  const realRoot = await realpath(path.resolve(root));

  // Resolves a URL path to a file inside the root: {file, stat}, {redirect}, {status}.
  async function resolve(urlPath) {
    let decoded;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { status: 400 };
    }
    if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) {
      return { status: 400 };
    }
    // An encoded slash would let `%2e%2e%2f` segments through a naive check: resolve and
    // compare instead of trusting the segments.
    const candidate = path.resolve(realRoot, '.' + decoded);
    if (!inside(realRoot, candidate)) return { status: 403 };
    let st = await statOrNull(candidate);
    if (!st) return { status: 404 };
    let real = await realpath(candidate);
    if (!inside(realRoot, real)) return { status: 403 };
    if (st.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: urlPath + '/' };
      const index = path.join(real, 'index.html');
      st = await statOrNull(index);
      if (!st || !st.isFile()) return { status: 404 };
      real = await realpath(index);
      if (!inside(realRoot, real)) return { status: 403 };
    }
    if (!st.isFile()) return { status: 404 };
    return { file: real, stat: st };
  }

  async function send(req, res, status, file, st) {
    const type = mimeType(file);
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (compress && compressible(type)) {
      headers.Vary = 'Accept-Encoding';
      if (acceptsGzip(req)) {
        const body = await gzipAsync(await readFile(file));
        res.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    res.writeHead(status, { ...headers, 'Content-Length': st.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise((done) => {
      const stream = createReadStream(file);
      stream.on('error', (err) => {
        res.destroy(err);
        done();
      });
      stream.on('end', done);
      stream.pipe(res);
    });
  }

  function sendText(res, status, text, extraHeaders = {}) {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...extraHeaders,
    });
    res.end(text + '\n');
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    const found = await resolve(url.pathname);
    if (found.redirect) {
      res.writeHead(301, { Location: found.redirect + url.search, 'Cache-Control': 'no-store' });
      res.end();
    } else if (found.file) {
      await send(req, res, 200, found.file, found.stat);
    } else if (found.status === 404) {
      const notFound = path.join(realRoot, '404.html');
      const st = await statOrNull(notFound);
      if (st && st.isFile()) await send(req, res, 404, notFound, st);
      else sendText(res, 404, 'not found');
    } else {
      sendText(res, found.status, found.status === 403 ? 'forbidden' : 'bad request');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendText(res, 500, `internal error: ${err.message}`);
      else res.destroy(err);
    });
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();

  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

// `node serve.mjs DIR` serves DIR until interrupted (for looking at a site by hand).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node serve.mjs SITE_DIR [PORT]');
    process.exit(2);
  }
  const { url, close } = await serve(dir, { port: Number(process.argv[3] ?? 0) });
  console.log(`serving ${path.resolve(dir)} at ${url}`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
