// Runs the relevance suite's queries against one engine over one built site and writes, per
// query, the top 5 page paths and whether one of the expected pages is among them.
//
//   node relevance.mjs --engine pagefind --site OUT --out results.jsonl queries/demo.jsonl
//   node relevance.mjs --engine ayuda --bin target/release/ayuda --site OUT --out r.jsonl q.jsonl
//
// pagefind: OUT must hold Pagefind's index (`pagefind --site OUT`). The site is served on
//   127.0.0.1 and each language's queries run in Chromium in a page of that language (Pagefind
//   picks its index by <html lang>): `pagefind.search(q)`, then `data()` of the first 5 results.
// ayuda: `ayuda search --site OUT --lang L --limit 5 --json QUERY` per query (2 at a time).
//
// Options: --base-path /docs/ (a site's base path, removed from result URLs), --limit 5,
//   --as-you-type yes (ayuda: the answers of the box in the header, `ayuda search --as-you-type`),
//   --home-language es (the language whose home page is at the site's root; the others' are
//   at /LANG/).
// Prints recall@5 per set x variant x language to stderr (see table.mjs for the full table).

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { failLoudly, launch, pagePath, parseArgs, readJsonl } from './common.mjs';
import { serve } from './serve.mjs';

const opts = parseArgs(process.argv.slice(2));
failLoudly();
const engine = opts.engine;
const site = opts.site;
const limit = Number(opts.limit ?? 5);
const basePath = opts['base-path'] ?? '/';
if (!['pagefind', 'ayuda'].includes(engine) || !site || !opts.out || !opts._.length) {
  console.error('usage: relevance.mjs --engine pagefind|ayuda --site OUT [--bin AYUDA] --out FILE QUERIES.jsonl...');
  process.exit(2);
}
const queries = opts._.flatMap(readJsonl);

async function runPagefind() {
  const srv = await serve(site);
  const browser = await launch();
  const out = new Map();
  try {
    for (const lang of [...new Set(queries.map((q) => q.lang))]) {
      const page = await browser.newPage();
      // Any page of the language will do: its home page.
      const home = lang === (opts['home-language'] ?? 'es') ? '' : `${lang}/`;
      const resp = await page.goto(srv.url + home);
      if (!resp.ok()) throw new Error(`${srv.url + home}: ${resp.status()}`);
      const qs = queries.filter((q) => q.lang === lang).map((q) => q.query);
      const urls = await page.evaluate(async ({ qs, limit }) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const all = [];
        for (const q of qs) {
          const r = await pagefind.search(q);
          const data = await Promise.all(r.results.slice(0, limit).map((x) => x.data()));
          all.push(data.map((d) => d.url));
        }
        return all;
      }, { qs, limit });
      qs.forEach((q, i) => out.set(`${lang}\u0000${q}`, urls[i]));
      await page.close();
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  return (q) => out.get(`${q.lang}\u0000${q.query}`);
}

function ayudaSearch(bin, q) {
  return new Promise((resolve, reject) => {
    const args = ['search', '--site', site, '--lang', q.lang, '--limit', String(limit), '--json'];
    if (opts['as-you-type']) args.push('--as-you-type');
    args.push(q.query);
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${bin} ${args.join(' ')}: exit ${code}\n${stderr}`));
      try {
        const json = JSON.parse(stdout);
        resolve(json.results.slice(0, limit).map((r) => r.url));
      } catch (e) {
        reject(new Error(`${bin} ${args.join(' ')}: not the JSON of the contract: ${e.message}\n${stdout.slice(0, 500)}`));
      }
    });
  });
}

async function runAyuda() {
  const bin = path.resolve(opts.bin ?? 'target/release/ayuda');
  const out = new Map();
  let next = 0;
  async function worker() {
    while (next < queries.length) {
      const q = queries[next++];
      out.set(`${q.lang}\u0000${q.query}`, await ayudaSearch(bin, q));
    }
  }
  await Promise.all([worker(), worker()]);
  return (q) => out.get(`${q.lang}\u0000${q.query}`);
}

const t0 = Date.now();
const lookup = engine === 'pagefind' ? await runPagefind() : await runAyuda();
const lines = [];
const groups = new Map();
for (const q of queries) {
  const results = lookup(q).map((u) => pagePath(u, basePath));
  // A query is found when one of its expected pages is in the top `limit` (FAQ answers may
  // carry #anchors; the page is what counts, and a page listed twice counts once).
  const top = [...new Set(results)].slice(0, limit);
  const hit = q.expected.some((e) => top.includes(e));
  lines.push(JSON.stringify({ ...q, engine, results, hit }));
  const key = `${q.set}\t${q.variant}\t${q.lang}`;
  const g = groups.get(key) ?? { n: 0, hits: 0 };
  g.n++;
  g.hits += hit ? 1 : 0;
  groups.set(key, g);
}
writeFileSync(opts.out, lines.join('\n') + '\n');
console.error(`${engine}: ${queries.length} queries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
for (const [key, g] of groups) console.error(`${key}\t${(g.hits / g.n).toFixed(3)}\t(${g.hits}/${g.n})`);
