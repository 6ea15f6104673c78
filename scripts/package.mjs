// Production build, then the .vsix: `npm run package` → out/ai-connections.vsix
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VSIX_PATH = 'out/ai-connections.vsix';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync('out', { recursive: true });
run(process.execPath, ['esbuild.mjs', '--production']);
// --no-dependencies: everything the extension needs is bundled into dist/.
run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', VSIX_PATH]);
console.log(`[package] ${VSIX_PATH} (${(statSync(VSIX_PATH).size / 1024).toFixed(1)} KB)`);
