// Entry point loaded by the extension host (code-server here, or @vscode/test-electron on a desktop):
// the `run()` contract both hosts share.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { runMocha } from '../../scripts/lib/mocha-summary.cjs';

export async function run(): Promise<void> {
  console.log('AIC-SUITE-START'); // scripts/integration.mjs prints the host's output from here on
  const grep = process.env.TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const { passed, failed } = await runMocha(mocha, 'integration');
  console.log(`RESULT ${JSON.stringify({ passed, failed })}`);
  if (failed > 0 || passed === 0) throw new Error(`integration: ${failed} failed, ${passed} passed`);
}
