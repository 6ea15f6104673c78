// Writes l10n/bundle.l10n.json: every string the extension host passes to vscode.l10n.t, extracted from
// src/ by @vscode/l10n-dev (the tool VS Code's own extensions use). Translators copy it to
// bundle.l10n.<locale>.json. Run by esbuild.mjs on every build that is not --tests or --watch, or alone:
//   node scripts/l10n.mjs
// test/unit/l10n.test.ts fails when a string in src/ is missing from the committed bundle.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

export const BUNDLE_PATH = 'l10n/bundle.l10n.json';

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Extracts the bundle and writes it (keys sorted, so a diff shows only real changes). Returns its size. */
export async function writeL10nBundle() {
  // webview-ui/ has no l10n.t: the host localises the form's strings (src/views/formStrings.ts) and sends them.
  const files = tsFiles('src').sort().map((p) => ({ extension: '.ts', contents: readFileSync(p, 'utf8') }));
  const extracted = await getL10nJson(files);
  const sorted = Object.fromEntries(Object.keys(extracted).sort().map((k) => [k, extracted[k]]));
  const text = `${JSON.stringify(sorted, null, 2)}\n`;
  let before = '';
  try {
    before = readFileSync(BUNDLE_PATH, 'utf8');
  } catch {
    // first run
  }
  if (text !== before) writeFileSync(BUNDLE_PATH, text);
  return Object.keys(sorted).length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = await writeL10nBundle();
  console.log(`[l10n] ${BUNDLE_PATH}: ${count} strings`);
}
