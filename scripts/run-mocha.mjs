// Runs one Node-side test tier (unit or ui) from its compiled folder and prints its closing line.
//   node scripts/run-mocha.mjs <tier> <folder> [--grep pattern]
// The last stdout line is machine-readable for scripts/test.mjs: RESULT {"passed":N,"failed":N}.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Mocha = require('mocha');
const { runMocha } = require('./lib/mocha-summary.cjs');

const [tier, folder] = process.argv.slice(2);
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : process.env.TEST_GREP;

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.test.js') ? [resolve(p)] : [];
  });
}

const mocha = new Mocha({
  ui: 'bdd',
  reporter: 'spec',
  timeout: tier === 'ui' ? 180_000 : 20_000,
  color: process.stdout.isTTY,
  ...(grep ? { grep } : {}),
});
for (const f of files(folder).sort()) mocha.addFile(f);
const { passed, failed } = await runMocha(mocha, tier);
console.log(`RESULT ${JSON.stringify({ passed, failed })}`);
// Exit explicitly: a test that leaks a socket must not hang the whole run.
process.exit(failed > 0 || passed === 0 ? 1 : 0);
