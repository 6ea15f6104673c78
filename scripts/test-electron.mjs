// The integration suite on VS Code Desktop (Electron), for contributors on a desktop with internet:
// @vscode/test-electron downloads VS Code, and the same `run()` the code-server tier uses runs inside it.
//   npm run test:electron
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runTests } from '@vscode/test-electron';
import { TEST_SETTINGS } from './lib/profile.mjs';

const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const root = mkdtempSync(join(tmpdir(), 'aic-electron-'));
const userDataDir = join(root, 'user-data');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));
const workspace = join(root, 'workspace');
mkdirSync(workspace);

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir, '--extensions-dir', join(root, 'extensions')],
    // GROQ_API_KEY: a provider key variable set for the host, which Discover must find (onboarding.test.ts).
    extensionTestsEnv: { GROQ_API_KEY: 'fake-key-from-the-host-environment', ...(process.env.TEST_GREP ? { TEST_GREP: process.env.TEST_GREP } : {}) },
  });
} catch (err) {
  console.error(`test:electron failed: ${err}`);
  process.exit(1);
}
