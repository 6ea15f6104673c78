// Shared by the importer tests: sample files under test/fixtures/import/<format>/, read from disk the way the
// extension reads them (absolute paths), and the checks every malformed sample must pass.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImportError, planImport, type ImportContext, type ImportPlan, type ImportedConnection } from '../../../src/importers';

export const FIXTURES = resolve('test/fixtures/import');

export function fixture(rel: string): { fileName: string; text: string } {
  const fileName = join(FIXTURES, rel);
  return { fileName, text: readFileSync(fileName, 'utf8') };
}

/** A context whose readFile reads the fixtures (only), recording every path asked for. */
export function diskContext(over: Partial<ImportContext> = {}): ImportContext & { asked: string[] } {
  const asked: string[] = [];
  return {
    env: {},
    readFile: (path: string) => {
      asked.push(path);
      return path.startsWith(FIXTURES) && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    },
    ...over,
    asked,
  };
}

export function planOf(rel: string, ctx: ImportContext = diskContext()): ImportPlan {
  const { fileName, text } = fixture(rel);
  return planImport(fileName, text, ctx);
}

export function connection(plan: ImportPlan, name: string): ImportedConnection {
  const found = plan.connections.find((c) => c.name === name);
  assert.ok(found, `no connection named "${name}" in ${JSON.stringify(plan.connections.map((c) => c.name))}`);
  return found;
}

export function skippedReason(plan: ImportPlan, sourcePart: string): string {
  const found = plan.skipped.find((s) => s.source.includes(sourcePart));
  assert.ok(found, `nothing skipped from "${sourcePart}" in ${JSON.stringify(plan.skipped)}`);
  return found.reason;
}

/**
 * The file is refused with an ImportError naming it and, where given, the place; no fake key in the file
 * appears in the message.
 */
export function assertRefused(rel: string, place: { line?: number; column?: number } = {}, ctx: ImportContext = diskContext()): ImportError {
  const { fileName, text } = fixture(rel);
  let caught: unknown;
  try {
    planImport(fileName, text, ctx);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ImportError, `expected an ImportError, got ${String(caught)}`);
  assert.equal(caught.file, fileName);
  assert.ok(caught.message.includes(fileName), caught.message);
  if (place.line !== undefined) assert.equal(caught.line, place.line, caught.message);
  if (place.column !== undefined) assert.equal(caught.column, place.column, caught.message);
  for (const key of text.match(/fake-key-[A-Za-z0-9-]+/g) ?? []) assert.ok(!caught.message.includes(key), `the message holds ${key}: ${caught.message}`);
  assert.ok(!/fake-key/.test(caught.message), caught.message);
  return caught;
}
