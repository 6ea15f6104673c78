// schemas/ai-connections.schema.json (what editors check the file with) and src/shared/connectionFile.ts (what
// the extension checks it with) describe one shape: the same fields, the same required ones, and the same
// samples accepted and refused. The JSON schema is checked by a small validator of the keywords it uses.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { capabilityOverridesSchema, connectionFileSchema, fileConnectionSchema } from '../../../src/shared/connectionFile';
import { exportConnections } from '../../../src/importers';
import { FIXTURES } from './helpers';

interface JsonSchema {
  type?: string;
  const?: unknown;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

const KNOWN_KEYWORDS = new Set(['$schema', '$id', 'title', 'description', 'type', 'const', 'required', 'additionalProperties', 'properties', 'items', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum']);
const schema = JSON.parse(readFileSync(resolve('schemas/ai-connections.schema.json'), 'utf8')) as JsonSchema;

function typeOk(type: string, value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/** The errors of a value against the subset of JSON Schema the file's schema uses. */
function errors(s: JsonSchema, value: unknown, at = '$'): string[] {
  for (const k of Object.keys(s)) assert.ok(KNOWN_KEYWORDS.has(k), `the test's validator does not know "${k}"`);
  if (s.type && !typeOk(s.type, value)) return [`${at}: not ${s.type}`];
  if ('const' in s && value !== s.const) return [`${at}: not ${String(s.const)}`];
  const out: string[] = [];
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) out.push(`${at}: too short`);
    if (s.maxLength !== undefined && value.length > s.maxLength) out.push(`${at}: too long`);
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(value)) out.push(`${at}: pattern`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) out.push(`${at}: below minimum`);
    if (s.maximum !== undefined && value > s.maximum) out.push(`${at}: above maximum`);
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => out.push(...errors(s.items as JsonSchema, item, `${at}[${i}]`)));
  if (typeOk('object', value)) {
    const record = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in record)) out.push(`${at}.${r}: missing`);
    for (const [k, child] of Object.entries(record)) {
      const sub = s.properties?.[k];
      if (sub) out.push(...errors(sub, child, `${at}.${k}`));
      else if (s.additionalProperties === false) out.push(`${at}.${k}: not allowed`);
    }
  }
  return out;
}

type ObjectSchema = { entries: Record<string, { type: string }> };
const keysOf = (o: ObjectSchema) => Object.keys(o.entries).sort();
const requiredOf = (o: ObjectSchema) => Object.entries(o.entries).filter(([, e]) => e.type !== 'optional').map(([k]) => k).sort();

describe('import: the connection file schema (JSON schema = valibot schema)', () => {
  it('has the same fields and the same required fields at every level', () => {
    const item = schema.properties?.['connections']?.items as JsonSchema;
    const caps = item.properties?.['capabilities'] as JsonSchema;
    const pairs: [JsonSchema, ObjectSchema][] = [
      [schema, connectionFileSchema as unknown as ObjectSchema],
      [item, fileConnectionSchema as unknown as ObjectSchema],
      [caps, capabilityOverridesSchema as unknown as ObjectSchema],
    ];
    for (const [json, valibot] of pairs) {
      assert.deepEqual(Object.keys(json.properties ?? {}).sort(), keysOf(valibot));
      assert.deepEqual([...(json.required ?? [])].sort(), requiredOf(valibot));
      // Unknown fields: editors flag them; the extension ignores them (a newer version may add some).
      assert.equal(json.additionalProperties, false);
    }
  });

  it('accepts and refuses the same sample files', () => {
    const dir = join(FIXTURES, 'ai-connections');
    const samples = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'malformed.json');
    assert.ok(samples.length >= 6);
    for (const file of samples) {
      const data: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const valid = !file.startsWith('invalid-');
      assert.equal(errors(schema, data).length === 0, valid, `${file} (JSON schema): ${errors(schema, data).join('; ')}`);
      assert.equal(v.is(connectionFileSchema, data), valid, `${file} (valibot)`);
    }
  });

  it('accepts what Export writes', () => {
    const now = new Date(0).toISOString();
    const text = exportConnections([
      { id: '1', name: 'A', provider: 'openai', createdAt: now, updatedAt: now, headers: { 'X-A': 'fake-key-value' }, timeoutSeconds: 30, capabilities: { family: 'gpt' } },
    ]);
    assert.deepEqual(errors(schema, JSON.parse(text)), []);
    assert.ok(v.is(connectionFileSchema, JSON.parse(text)));
  });
});
