// The import parsers ship in dist/importers.js, loaded on the first import (src/onboarding/importersBundle.ts),
// and never in dist/extension.js: activation must not pay for them. Each parser is recognised by a string of
// its own that survives minification, so the check holds for development and production builds alike.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PARSER_MARKERS: Record<string, string> = {
  yaml: 'BLOCK_AS_IMPLICIT_KEY',
  'smol-toml': 'Invalid TOML document',
  'jsonc-parser': 'InvalidCommentToken',
};

function bundle(name: string): string {
  const file = resolve('dist', name);
  assert.ok(existsSync(file), `${file} is missing: build first (node esbuild.mjs --tests)`);
  return readFileSync(file, 'utf8');
}

describe('import: bundles', () => {
  it('dist/importers.js carries the three parsers (so the markers below are real)', () => {
    const importers = bundle('importers.js');
    for (const [parser, marker] of Object.entries(PARSER_MARKERS)) assert.ok(importers.includes(marker), `${parser} not found by "${marker}"`);
  });

  it('dist/extension.js, loaded at activation, carries none of them', () => {
    const extension = bundle('extension.js');
    for (const [parser, marker] of Object.entries(PARSER_MARKERS)) assert.ok(!extension.includes(marker), `${parser} is in the activation bundle`);
  });
});
