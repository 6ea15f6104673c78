// `npm start`: build and package the extension, install it into a persistent code-server profile
// (git-ignored .start-profile/), start VS Code on 127.0.0.1 and print the URL. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureNodeModules } from './lib/deps.mjs';
import { codeServerCli, ensureHost, ensureSystemPrereqs, startCodeServer } from './lib/host.mjs';

ensureNodeModules();
ensureSystemPrereqs();
ensureHost();

const pkg = spawnSync(process.execPath, ['scripts/package.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (pkg.status !== 0) process.exit(pkg.status ?? 1);

const root = resolve(process.env.AI_CONNECTIONS_START_PROFILE ?? '.start-profile');
const profile = {
  home: join(root, 'home'),
  userDataDir: join(root, 'user-data'),
  extensionsDir: join(root, 'extensions'),
  workspace: join(root, 'workspace'),
};
for (const d of Object.values(profile)) mkdirSync(d, { recursive: true });
const settings = join(profile.userDataDir, 'User', 'settings.json');
if (!existsSync(settings)) {
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  // The workspace sits inside this repository: without the git setting, VS Code offers to open the repo itself.
  writeFileSync(
    settings,
    JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'git.openRepositoryInParentFolders': 'never' }, null, 2),
  );
}
codeServerCli(
  ['--force', '--install-extension', resolve('out/ai-connections.vsix'), '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir],
  { home: profile.home },
);
const port = Number(process.env.PORT ?? 0) || undefined;
const server = await startCodeServer({ ...profile, port, quiet: true });
const url = `${server.url}?folder=${encodeURIComponent(profile.workspace)}`;
console.log(`\nAI Connections is running in VS Code at:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.error(`code-server exited (${code})`);
  process.exit(1);
});
