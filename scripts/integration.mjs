// The integration tier: the compiled mocha suite runs inside a real VS Code extension host
// (code-server), with this checkout loaded as a development extension.
//   node scripts/integration.mjs [--tests path/to/index.js] [--label name]
//   (expects `node esbuild.mjs --tests` to have run; --tests runs another suite with the same run() contract)
// Prints the suite's output, its `integration: N passed, N failed` line and a RESULT line.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { format } from 'node:util';
import { codeServerCli, ensureHost, ensureSystemPrereqs, startCodeServer } from './lib/host.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { createProfile } from './lib/profile.mjs';

const RUN_TIMEOUT_MS = 8 * 60_000;
const extensionPath = resolve('.');
const argValue = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const testsPath = resolve(argValue('--tests', 'out/test/integration/index.js'));
const label = argValue('--label', 'integration');
/**
 * Extra extensions the integration suite uses (an API consumer): the payload URL carries only one
 * extensionDevelopmentPath, so each is packaged and installed into the profile before the server starts.
 */
const FIXTURE_EXTENSIONS = ['test/fixtures/api-consumer'];
const require = createRequire(import.meta.url);

function installFixtureExtensions(profile) {
  for (const dir of FIXTURE_EXTENSIONS) {
    const vsix = join(profile.root, `${basename(dir)}.vsix`);
    const packaged = spawnSync(
      process.execPath,
      [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
      { cwd: resolve(dir), encoding: 'utf8' },
    );
    if (packaged.status !== 0) throw new Error(`packaging ${dir} failed: ${packaged.stderr || packaged.stdout}`);
    codeServerCli(['--install-extension', vsix, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir], {
      home: profile.home,
    });
  }
}

ensureSystemPrereqs();
ensureHost();
const profile = createProfile(label);
let server;
let browser;
let exitCode = 1;
let sawResult = false;
let started = false;
const preamble = [];
const SUITE_START = 'AIC-SUITE-START';
try {
  // Only the integration suite itself needs them (not other suites run with --tests, such as the benchmarks).
  const withFixtures = !process.argv.includes('--tests');
  if (withFixtures) installFixtureExtensions(profile);
  server = await startCodeServer({
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    home: profile.home,
    // Without this flag code-server silently ignores the test payload below.
    vscodeOptions: ['enable-smoke-test-driver'],
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const extensionEnvironment = {};
  if (process.env.TEST_GREP) extensionEnvironment.TEST_GREP = process.env.TEST_GREP;
  // A provider key variable set for the host, as a user's shell sets one: Discover must find it (onboarding.test.ts).
  extensionEnvironment.GROQ_API_KEY = 'fake-key-from-the-host-environment';
  // Tells the suite the fixture extensions are installed (hosts that do not install them skip those tests).
  if (withFixtures) extensionEnvironment.AIC_FIXTURE_EXTENSIONS = FIXTURE_EXTENSIONS.map((d) => basename(d)).join(',');
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
  ];
  browser = await launchBrowser();
  const page = await browser.newPage();
  const finished = new Promise((resolveExit) => {
    page.exposeFunction('codeAutomationLog', (_type, args) => {
      // Extension-host console calls arrive printf-style (mocha's reporter uses '%s' formats).
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (process.env.DEBUG_HOST_LOG) console.log(`[${_type}]`);
      if (line.startsWith('RESULT ')) sawResult = true;
      // Workbench chatter before the suite starts is kept back and shown only if the suite never reports.
      if (line === SUITE_START) started = true;
      else if (started || process.env.DEBUG_HOST_LOG) console.log(line);
      else preamble.push(line);
    });
    page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  });
  const url = `${server.url}?folder=${encodeURIComponent(profile.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), RUN_TIMEOUT_MS));
  const outcome = await Promise.race([finished, timeout]);
  if (outcome === 'timeout') {
    console.log(`${label}: the suite did not finish within ${RUN_TIMEOUT_MS / 60000} minutes`);
  } else {
    exitCode = Number(outcome);
  }
} catch (err) {
  console.error(`${label}: harness error: ${err?.stack ?? err}`);
} finally {
  await browser?.close().catch(() => {});
  server?.stop();
  profile.dispose();
}
if (!sawResult) {
  console.log(preamble.join('\n'));
  // The suite never reported (failed to load, crashed, timed out): count it as one failure.
  console.log(`${label}: 0 passed, 1 failed`);
  console.log('RESULT {"passed":0,"failed":1}');
  exitCode = 1;
}
process.exit(exitCode);
