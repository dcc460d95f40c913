// HTML validity of a built ayuda site: the Nu HTML checker (vnu.jar from the `vnu-jar`
// package, run with `java -jar`) on the six pages' index.html files, errors only.
//
//   AYUDA_SITE=/tmp/ayuda-public node --test html.test.mjs
//
// env JAVA names the java binary (default: `java` on PATH).

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGES, pageFile, siteDir } from './common.mjs';

const SITE = siteDir(); // throws (the file fails) when the site does not exist
const JAVA = process.env.JAVA || 'java';
const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
if (!existsSync(VNU_JAR)) throw new Error(`\n\n*** ayuda browser tests: ${VNU_JAR} is missing (run npm ci --ignore-scripts in tests/browser)\n`);

/** vnu reports `file:/abs/path`: back to an absolute path. */
function messagePath(url) {
  if (!url) return null;
  try {
    return fileURLToPath(url.replace(/^file:\/*/, 'file:///'));
  } catch {
    return url;
  }
}

let messages = null; // vnu's messages for every file that exists

before(async () => {
  const files = PAGES.map((p) => pageFile(SITE, p.path)).filter((f) => existsSync(f));
  if (files.length === 0) {
    messages = [];
    return;
  }
  // vnu exits 1 when it found errors; the JSON report goes to stderr.
  const { code, stdout, stderr } = await new Promise((done, fail) => {
    execFile(
      JAVA,
      ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          fail(new Error(`could not run ${JAVA} -jar ${VNU_JAR}: ${err.message} (is Java installed? run.sh installs default-jre-headless)`));
        } else done({ code: err ? err.code : 0, stdout, stderr });
      },
    );
  });
  let report;
  try {
    report = JSON.parse(stderr.trim() || stdout.trim() || '{"messages":[]}');
  } catch {
    throw new Error(`vnu exited ${code} without a JSON report:\nstdout: ${stdout}\nstderr: ${stderr}`);
  }
  messages = report.messages ?? [];
  if (code !== 0 && !messages.some((m) => m.type === 'error' || m.type === 'non-document-error')) {
    throw new Error(`vnu exited ${code} but reported no error:\n${stderr}`);
  }
});

for (const { path: urlPath, name } of PAGES) {
  test(`Nu HTML checker: ${urlPath} (${name}) has no errors`, { timeout: 120_000 }, () => {
    const file = pageFile(SITE, urlPath);
    assert.ok(existsSync(file), `${file} does not exist: the site has no page ${urlPath}`);
    const errors = messages.filter(
      (m) => (m.type === 'error' || m.type === 'non-document-error') && messagePath(m.url) === path.resolve(file),
    );
    const listed = errors.map((m) => {
      const line = m.firstLine && m.firstLine !== m.lastLine ? `${m.firstLine}-${m.lastLine}` : (m.lastLine ?? '?');
      const col = m.firstColumn ?? m.lastColumn;
      const where = `${file}:${line}${col ? ':' + col : ''}`;
      const extract = m.extract ? `\n      ${JSON.stringify(m.extract)}` : '';
      return `  ${where}: ${m.type === 'error' ? '' : m.type + ': '}${m.message}${extract}`;
    });
    assert.ok(errors.length === 0, `${errors.length} HTML error(s) in ${file} (${urlPath}):\n${listed.join('\n')}`);
  });
}
