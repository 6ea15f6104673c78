// `npm test`: every tier, in order, each printing its own `TIER: N passed, N failed` line, then a total.
//   node scripts/test.mjs [unit] [integration] [ui]     (default: all three)
//   TEST_GREP=pattern narrows every tier to matching tests.
import { spawn, spawnSync } from 'node:child_process';
import { ensureNodeModules } from './lib/deps.mjs';

const ALL = ['unit', 'integration', 'ui'];
const requested = process.argv.slice(2).filter((a) => ALL.includes(a));
const tiers = requested.length ? requested : ALL;

ensureNodeModules();
// Imported after the install: host.mjs pulls nothing from node_modules, but the tier scripts do.
const { ensureHost, ensureSystemPrereqs } = await import('./lib/host.mjs');

function runSync(args, what) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test] ${what} failed`);
    process.exit(r.status ?? 1);
  }
}

/** Runs a tier in a child process, streaming its output, and reads its RESULT line. */
function runTier(tier, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let result;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7));
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => {
      if (!result) {
        console.log(`${tier}: 0 passed, 1 failed`);
        result = { passed: 0, failed: 1 };
      }
      if (code !== 0 && result.failed === 0) result.failed = 1;
      resolve(result);
    });
  });
}

if (tiers.some((t) => t !== 'unit')) {
  ensureSystemPrereqs();
  ensureHost();
}
runSync(['esbuild.mjs', '--tests'], 'build');
if (tiers.includes('ui')) runSync(['scripts/package.mjs'], 'packaging the .vsix');

const commands = {
  unit: ['scripts/run-mocha.mjs', 'unit', 'out/test/unit'],
  integration: ['scripts/integration.mjs'],
  ui: ['scripts/run-mocha.mjs', 'ui', 'out/test/ui'],
};
let passed = 0;
let failed = 0;
for (const tier of tiers) {
  console.log(`\n── ${tier} ──`);
  const r = await runTier(tier, commands[tier]);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\ntotal: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
