// Every string the extension host localises is in l10n/bundle.l10n.json, the file translators start from.
// The bundle is generated (scripts/l10n.mjs, run by `npm run build`); this catches one not regenerated
// after a string changed.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The literal first argument of every l10n.t call (a quoted string, or `{ message: '…' }`). */
export function localisedStrings(text: string): string[] {
  const literal = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\$]|\\.)*\x60`;
  const call = new RegExp(String.raw`\bl10n\.t\(\s*(?:\{\s*message\s*:\s*)?(${literal})`, 'g');
  return [...text.matchAll(call)].map((m) => unquote(m[1] as string));
}

function unquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  // The same escapes JSON knows, with the quote character of the source.
  return JSON.parse(`"${body.replace(/\\(['\x60])/g, '$1').replace(/(^|[^\\])"/g, '$1\\"')}"`) as string;
}

describe('localisation bundle', () => {
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, unknown>;
  const inSource = new Map<string, string>();
  for (const file of tsFiles('src')) for (const s of localisedStrings(readFileSync(file, 'utf8'))) inSource.set(s, file);

  it('reads the calls it should (a scanner that finds nothing would pass)', () => {
    assert.ok(inSource.size > 50, `only ${inSource.size} strings found`);
    assert.deepEqual(localisedStrings("l10n.t('It\\'s {0}', x); vscode.l10n.t(\n  \"Say \\\"hi\\\"\"); l10n.t({ message: 'M', comment: ['c'] })"), [
      "It's {0}",
      'Say "hi"',
      'M',
    ]);
  });

  it('has every string src/ passes to l10n.t (run `npm run build` to regenerate it)', () => {
    const missing = [...inSource].filter(([s]) => !(s in bundle)).map(([s, file]) => `${JSON.stringify(s)} (${file})`);
    assert.deepEqual(missing, [], `missing from l10n/bundle.l10n.json:\n  ${missing.join('\n  ')}`);
  });

  it('has no string that src/ no longer uses', () => {
    const stale = Object.keys(bundle).filter((s) => !inSource.has(s));
    assert.deepEqual(stale, [], 'stale entries: run `npm run build` to regenerate the bundle');
  });
});
