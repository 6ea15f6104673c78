// Builds the two bundles (extension host + webview) and, with --tests, the test bundles; with --bench, the benchmarks.
// A build that is not --tests or --watch also regenerates l10n/bundle.l10n.json (scripts/l10n.mjs).
//   node esbuild.mjs [--production] [--watch] [--tests] [--bench]
// With --bench, the metafiles of the extension, importers and webview bundles (bytes per input) are written to
// out/bench/extension.meta.json, out/bench/importers.meta.json and out/bench/webview.meta.json.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeL10nBundle } from './scripts/l10n.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const bench = process.argv.includes('--bench');

/** Every *.test.ts under a folder, recursively. */
function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return testFiles(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  sourcesContent: !production,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `worker` selects ofetch's runtime-neutral build over its Node build, which bundles a fetch
  // polyfill (128 KB against 11 KB) that the extension host's global fetch makes unnecessary.
  conditions: ['worker'],
  // jsonc-parser's `main` is a UMD build whose require('./impl/…') calls esbuild cannot follow (the bundle then
  // fails at run time with "Cannot find module './impl/format'"); its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  external: ['vscode'],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', ...(bench ? { metafile: true } : {}) },
  // Loaded on first import/export/discovery (src/onboarding/importersBundle.ts), never at activation.
  { ...nodeCommon, entryPoints: { importers: 'src/importers/index.ts' }, outdir: 'dist', ...(bench ? { metafile: true } : {}) },
  {
    ...common,
    entryPoints: { webview: 'webview-ui/src/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    ...(bench ? { metafile: true } : {}),
  },
];

if (tests) {
  const testCommon = { ...nodeCommon, sourcemap: 'inline', minify: false, external: ['vscode', 'mocha', 'playwright-core'] };
  builds.push(
    { ...testCommon, entryPoints: testFiles('test/unit'), outdir: 'out/test/unit', outbase: 'test/unit' },
    {
      ...testCommon,
      entryPoints: ['test/integration/index.ts', ...testFiles('test/integration')],
      outdir: 'out/test/integration',
      outbase: 'test/integration',
    },
    { ...testCommon, entryPoints: testFiles('test/ui'), outdir: 'out/test/ui', outbase: 'test/ui' },
  );
  rmSync('out/test', { recursive: true, force: true });
}

if (bench) {
  // Benchmark entry points (bench/*.ts) → out/bench/; scripts/bench.mjs runs them. `openai` stays a real
  // package import so the SDK measured is the published one.
  builds.push({
    ...nodeCommon,
    sourcemap: 'inline',
    minify: false,
    external: ['vscode', 'mocha', 'playwright-core', 'openai'],
    entryPoints: { node: 'bench/node.ts', modelServer: 'bench/modelServer.ts', chatServer: 'bench/chatServer.ts', ui: 'bench/ui.ts', 'host/index': 'bench/host/index.ts' },
    outdir: 'out/bench',
  });
  rmSync('out/bench', { recursive: true, force: true });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  const started = Date.now();
  // The test loop skips the extraction (a few seconds); test/unit/l10n.test.ts catches a stale bundle.
  const l10n = tests ? undefined : writeL10nBundle();
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  if (l10n) console.log(`[l10n] l10n/bundle.l10n.json: ${await l10n} strings`);
  if (bench) {
    mkdirSync('out/bench', { recursive: true });
    writeFileSync('out/bench/extension.meta.json', JSON.stringify(results[0].metafile));
    writeFileSync('out/bench/webview.meta.json', JSON.stringify(results[2].metafile));
    if (results[1].metafile) writeFileSync('out/bench/importers.meta.json', JSON.stringify(results[1].metafile));
  }
  console.log(`[esbuild] ${production ? 'production' : 'development'} build${tests ? ' + tests' : ''}${bench ? ' + bench' : ''} in ${Date.now() - started} ms`);
}
