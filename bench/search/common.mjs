// Shared pieces of the search benchmark scripts.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Headless Chromium with CHROMIUM_ARGS and any `extraArgs` (e.g. `['--lang=en-US']`). */
export async function launch(extraArgs = []) {
  const require = createRequire(import.meta.url);
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/** `--name value` and `--flag` arguments; the rest are positional. */
export function parseArgs(argv) {
  const opts = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) opts[key] = argv[++i];
      else opts[key] = true;
    } else opts._.push(a);
  }
  return opts;
}

export function readJsonl(file) {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/**
 * The page path of a result URL, as the query files write it: no origin, no fragment, no
 * query, no `index.html`, a trailing slash, the site's base path (e.g. `/docs/`) removed.
 */
export function pagePath(url, basePath = '/') {
  const u = new URL(url, 'http://site.invalid/');
  let p = decodeURIComponent(u.pathname).replace(/index\.html$/, '');
  if (!p.endsWith('/')) p += '/';
  if (basePath !== '/' && p.startsWith(basePath)) p = '/' + p.slice(basePath.length);
  return p;
}

export const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The value at fraction `p` (0.95 for the 95th percentile) of `values` in ascending order. */
export const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** Makes an uncaught error end the script with a one-line `FAILED: …` (which table.mjs shows). */
export function failLoudly() {
  process.on('uncaughtException', (e) => {
    console.error(e);
    console.error(`FAILED: ${String(e?.message ?? e).split('\n').filter(Boolean).slice(0, 2).join(' | ')}`);
    process.exit(1);
  });
}
