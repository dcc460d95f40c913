// Speed of ayuda's search in the page, in Chromium: how long the engine takes to answer once
// the index files it needs have arrived (downloads are not timed), for a whole query and for
// each keystroke of it.
//
//   node speed.mjs --site OUT [--queries FILE] [--n 20] [--article /seccion-01/articulo-00001/]
//                  [--as-you-type yes]
//
// For each of the first N `exact` Spanish queries of FILE (default queries/synthetic.jsonl):
//   first results  the query with all its files read: the last `search` call, which ranks
//                  and writes the results;
//   keystroke      each prefix of the query as typed (a key at a time), its files read first,
//                  then timed: what a key costs once the index parts are there.
// The engine answers as the search page does (every result to the limit), or with --as-you-type
// as the box in the header does (the results the first tiers rank for sure).
// Prints the median and 95th percentile of each, in milliseconds.

import path from 'node:path';
import { HERE, launch, median, parseArgs, percentile, readJsonl } from './common.mjs';
import { serve } from './serve.mjs';

const opts = parseArgs(process.argv.slice(2));
if (!opts.site) {
  console.error('usage: speed.mjs --site OUT [--queries FILE] [--n 20] [--article PATH] [--as-you-type yes]');
  process.exit(2);
}
const n = Number(opts.n ?? 20);
const queries = readJsonl(opts.queries ?? path.join(HERE, 'queries', 'synthetic.jsonl'))
  .filter((q) => q.variant === 'exact' && q.lang === 'es')
  .slice(0, n)
  .map((q) => q.query);

const server = await serve(opts.site);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(new URL(opts.article ?? 'seccion-01/articulo-00001/', server.url).href);
  const timings = await page.evaluate(async ({ queries, asYouType }) => {
    const box = document.querySelector('form[data-search]');
    const module = await import(box.dataset.module);
    await module.default({ module_or_path: box.dataset.wasm });
    const index = new URL(box.dataset.index, location.href);
    const entry = await (await fetch(new URL('entry.txt', index))).text();
    const engine = module.SearchEngine.open(entry);
    if (!engine) throw new Error(`${index}entry.txt is not a search index's entry`);
    const inflate = async (name) => {
      const response = await fetch(new URL(name, index));
      return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    };
    // Reads every file `query` needs; then times the call that answers it.
    const answer = async (query) => {
      for (;;) {
        const step = JSON.parse(engine.search(query, 8, asYouType));
        if (!step.need) break;
        const files = await Promise.all(step.need.map(inflate));
        step.need.forEach((name, i) => {
          const error = engine.add(name, files[i]);
          if (error) throw new Error(error);
        });
      }
      const start = performance.now();
      engine.search(query, 8, asYouType);
      return performance.now() - start;
    };
    const first = [];
    const keys = [];
    for (const query of queries) {
      for (let end = 1; end < query.length; end++) keys.push(await answer(query.slice(0, end)));
      first.push(await answer(query));
    }
    return { first, keys };
  }, { queries, asYouType: Boolean(opts['as-you-type']) });
  const show = (name, values) =>
    console.log(`${name}: median ${median(values).toFixed(2)} ms, p95 ${percentile(values, 0.95).toFixed(2)} ms, max ${Math.max(...values).toFixed(2)} ms (${values.length})`);
  show('first results, index parts read', timings.first);
  show('a keystroke, index parts read', timings.keys);
} finally {
  await browser.close();
  await server.close();
}
