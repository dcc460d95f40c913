// Prints the side-by-side table from a results folder written by compare.sh:
//   metrics.txt                      "key value" lines (build times, index sizes, machine)
//   rel-ENGINE-SET.jsonl             relevance.mjs output (or rel-ENGINE-SET.failed)
//   bytes-ENGINE-WORDS.json          bytes.mjs output (or bytes-ENGINE-WORDS.failed)
//
//   node table.mjs RESULTS_DIR
// Exits 1 when a measurement failed.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readJsonl } from './common.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: table.mjs RESULTS_DIR');
  process.exit(2);
}
const m = {};
if (existsSync(path.join(dir, 'metrics.txt'))) {
  for (const line of readFileSync(path.join(dir, 'metrics.txt'), 'utf8').split('\n')) {
    const i = line.indexOf(' ');
    if (i > 0) m[line.slice(0, i)] = line.slice(i + 1);
  }
}
let failed = false;
const failure = (name) => {
  const f = path.join(dir, `${name}.failed`);
  if (!existsSync(f)) return null;
  failed = true;
  return readFileSync(f, 'utf8').trim().split('\n')[0];
};
const pad = (s, w) => String(s).padEnd(w);
const lpad = (s, w) => String(s).padStart(w);
const failures = [];

console.log(`# ayuda search vs Pagefind 1.6.0 — ${m.date ?? '?'}, ${m.cpus ?? '?'} CPUs, load ${m.load ?? '?'}, work dir on ${m.tmpdir ?? '?'}, ${m.ayuda_version?.replace(/_/g, ' ') ?? ''} at ${m.commit ?? '?'}`);
console.log(`# synthetic corpus: ${m.pages ?? '?'} pages; query files reproduce: ${m.queries_reproduce ?? '?'}\n`);

// --- relevance ------------------------------------------------------------------------------
console.log('## Relevance: recall@5 (share of queries with an expected page in the top 5)\n');
const engines = ['ayuda', 'pagefind'];
const rows = new Map();
const state = {};
for (const set of ['demo', 'synthetic']) {
  for (const eng of engines) {
    const name = `rel-${eng}-${set}`;
    const f = failure(name);
    const file = path.join(dir, `${name}.jsonl`);
    if (f || !existsSync(file)) {
      state[`${eng}-${set}`] = f ?? 'missing';
      if (f) failures.push(`${name}: ${f}`);
      continue;
    }
    for (const r of readJsonl(file)) {
      const key = `${r.set}|${r.variant}|${r.lang}`;
      const row = rows.get(key) ?? { set: r.set, variant: r.variant, lang: r.lang, n: 0 };
      row.n = Math.max(row.n, 0);
      row[eng] = row[eng] ?? { n: 0, hits: 0 };
      row[eng].n++;
      row[eng].hits += r.hit ? 1 : 0;
      rows.set(key, row);
    }
  }
}
const cell = (row, eng) => {
  if (row[eng]) return (row[eng].hits / row[eng].n).toFixed(3);
  const s = state[`${eng}-${row.set}`];
  return s ? (s.startsWith('skipped') ? 'skipped' : 'FAIL') : '-';
};
console.log(`${pad('set', 10)} ${pad('variant', 11)} ${pad('lang', 4)} ${lpad('n', 4)} ${lpad('ayuda', 8)} ${lpad('pagefind', 8)}  ayuda target`);
const targets = { exact: 0.95, english: 0.95, typo1: 0.85 };
for (const row of rows.values()) {
  const n = (row.pagefind ?? row.ayuda).n;
  let note = '';
  if (row.ayuda) {
    const a = row.ayuda.hits / row.ayuda.n;
    const want = targets[row.variant];
    const okAbs = want === undefined || a >= want;
    const okPf = !row.pagefind || a >= row.pagefind.hits / row.pagefind.n;
    note = `${want !== undefined ? `>= ${want}` : ''}${want !== undefined ? ', ' : ''}>= pagefind: ${okAbs && okPf ? 'ok' : 'MISSED'}`;
  }
  console.log(`${pad(row.set, 10)} ${pad(row.variant, 11)} ${pad(row.lang, 4)} ${lpad(n, 4)} ${lpad(cell(row, 'ayuda'), 8)} ${lpad(cell(row, 'pagefind'), 8)}  ${note}`);
}

// --- bytes ----------------------------------------------------------------------------------
const corpus = `synthetic corpus (${m.pages ?? '?'} pages)`;
console.log(`\n## Bytes per query, ${corpus}, gzip as served (KB = 1024 B; requests)\n`);
const kb = (b) => (b / 1024).toFixed(1);
const bytes = {};
for (const eng of ['ayuda', 'pagefind-ui', 'pagefind-api']) {
  for (const words of ['all', '1']) {
    const name = `bytes-${eng}-${words}`;
    const f = failure(name);
    const file = path.join(dir, `${name}.json`);
    if (f) failures.push(`${name}: ${f}`);
    bytes[`${eng}|${words}`] = f
      ? (f.startsWith('skipped') ? 'skipped' : 'FAIL')
      : existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : '-';
  }
}
const bcell = (eng, words, kind) => {
  const b = bytes[`${eng}|${words}`];
  if (typeof b === 'string') return b;
  const s = b.summary;
  return kind === 'cold'
    ? `${kb(s.coldBytesMedian)} KB / ${s.coldRequestsMedian}`
    : `${kb(s.laterBytesMedian)} KB (max ${kb(s.laterBytesMax)}) / ${s.laterRequestsMedian}`;
};
const W = 30;
console.log(`${pad('', 36)} ${pad('ayuda', W)} ${pad('pagefind (Default UI)', W)} ${pad('pagefind (JS API only)', W)}`);
for (const [label, words, kind] of [
  ['cold first query, title (3-5 words)', 'all', 'cold'],
  ['cold first query, one word', '1', 'cold'],
  ['later queries, title (3-5 words)', 'all', 'later'],
  ['later queries, one word', '1', 'later'],
]) {
  console.log(`${pad(label, 36)} ${pad(bcell('ayuda', words, kind), W)} ${pad(bcell('pagefind-ui', words, kind), W)} ${pad(bcell('pagefind-api', words, kind), W)}`);
}
console.log('(medians: cold over 5 queries, each in a fresh browser context on an article page; later over the');
console.log(' next 10 queries typed in the same page. Pagefind UI: pagefind-ui.js/.css counted, typed at 80 ms/key)');

// --- index size and build time ------------------------------------------------------------------
const pages = Number(m.pages);
const perPage = (b) => (b === undefined ? '-' : `${(Number(b) / pages / 1024).toFixed(2)} KB/page (${(Number(b) / 1048576).toFixed(1)} MB)`);
console.log(`\n## Index size on disk, ${corpus} (bytes of files / pages)\n`);
console.log(`ayuda     ${perPage(m.ayuda_index_bytes)} in ${m.ayuda_index_files ?? '-'} files (files only the build with search has)`);
console.log(`pagefind  ${perPage(m.pagefind_index_bytes)} in ${m.pagefind_index_files ?? '-'} files, of which fragments ${perPage(m.pagefind_fragment_bytes)}`);

console.log(`\n## Build time, ${corpus} (median wall s; peak RSS)\n`);
const mb = (k) => (k === undefined ? '-' : `${Math.round(Number(k) / 1024)} MB`);
const on = Number(m.ayuda_build_on_s);
const off = Number(m.ayuda_build_off_s);
console.log(`ayuda build, search off    ${m.ayuda_build_off_s ?? '-'} s   ${mb(m.ayuda_build_off_peak_kb)}`);
console.log(`ayuda build, search on     ${m.ayuda_build_on_s ?? '-'} s   ${mb(m.ayuda_build_on_peak_kb)}   indexing adds ${(on - off).toFixed(2)} s (${((on / off - 1) * 100).toFixed(0)} %, target <= 15 %)`);
console.log(`pagefind --site (index)    ${m.pagefind_index_s ?? '-'} s   ${mb(m.pagefind_index_peak_kb)}   (${((Number(m.pagefind_index_s) / off) * 100).toFixed(0)} % of the ayuda build)`);

if (failures.length) {
  console.log('\n## Failed measurements\n');
  for (const f of failures) console.log(`- ${f}`);
}
process.exit(failed && failures.some((f) => !f.includes('skipped')) ? 1 : 0);
