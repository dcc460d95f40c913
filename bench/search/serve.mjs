// A static server for the search benchmark: serves a built site on 127.0.0.1 as a static host
// does, and logs every response so that the bytes of a query can be counted exactly.
//
//   const srv = await serve(root, { cacheControl: 'max-age=3600' });  // srv.url = 'http://127.0.0.1:PORT/'
//   const mark = srv.mark();                 // position in the log
//   ... the browser does things ...
//   await srv.idle(500);                     // no request in flight and none for 500 ms
//   srv.since(mark)                          // [{path, status, bytes, gzip}] since the mark
//   await srv.close();
//
// Text, JSON, JavaScript, CSS, SVG, XML and WebAssembly are sent gzip-compressed (level 9,
// cached) to a client that accepts gzip; everything else (images, Pagefind's .pf_* and
// .pagefind files, which Pagefind gzips itself, any other binary) is sent as it is on disk.
// `bytes` is the size of the response body as sent (compressed when compressed), without
// HTTP headers.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function mimeType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function compressible(type) {
  return /^(text\/|application\/(json|xml|wasm)|image\/svg\+xml)/.test(type);
}

export async function serve(root, { cacheControl = 'no-store' } = {}) {
  root = path.resolve(root);
  const log = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  const gzCache = new Map();

  async function resolveFile(urlPath) {
    let rel = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
    if (rel.includes('\0')) return null;
    let file = path.join(root, path.normalize(rel));
    if (file !== root && !file.startsWith(root + path.sep)) return null;
    let st = await stat(file).catch(() => null);
    if (st?.isDirectory()) {
      if (!rel.endsWith('/')) return { redirect: rel + '/' };
      file = path.join(file, 'index.html');
      st = await stat(file).catch(() => null);
    }
    return st?.isFile() ? { file } : null;
  }

  const server = createServer(async (req, res) => {
    inFlight++;
    lastActivity = Date.now();
    const entry = { path: req.url, status: 0, bytes: 0, gzip: false, t: Date.now() };
    try {
      const found = await resolveFile(new URL(req.url, 'http://x').pathname);
      if (found?.redirect) {
        entry.status = 301;
        res.writeHead(301, { Location: found.redirect });
        res.end();
        return;
      }
      let file = found?.file;
      let status = 200;
      if (!file) {
        status = 404;
        file = path.join(root, '404.html');
        if (!(await stat(file).catch(() => null))) {
          entry.status = 404;
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end('not found');
          entry.bytes = 9;
          return;
        }
      }
      const type = mimeType(file);
      let body = await readFile(file);
      const headers = { 'Content-Type': type, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' };
      if (compressible(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        let gz = gzCache.get(file);
        if (!gz) {
          gz = gzipSync(body, { level: 9 });
          gzCache.set(file, gz);
        }
        body = gz;
        headers['Content-Encoding'] = 'gzip';
        entry.gzip = true;
      }
      headers['Content-Length'] = body.length;
      entry.status = status;
      entry.bytes = req.method === 'HEAD' ? 0 : body.length;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      entry.status = 500;
      res.writeHead(500);
      res.end(String(e));
    } finally {
      log.push(entry);
      inFlight--;
      lastActivity = Date.now();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    log,
    mark: () => log.length,
    since: (mark) => log.slice(mark),
    /** Resolves once no request is in flight and none started for `quietMs`. */
    async idle(quietMs = 500, timeoutMs = 30000) {
      const start = Date.now();
      for (;;) {
        if (inFlight === 0 && Date.now() - lastActivity >= quietMs) return;
        if (Date.now() - start > timeoutMs) throw new Error('server never went idle');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}
