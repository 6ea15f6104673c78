// Tool schemas reduced to what Gemini's `functionDeclarations[].parameters` accepts. Its protobuf parser fails the
// whole request on any field it does not know ("Invalid JSON payload received. Unknown name …"), and VS Code's
// tools are written in full JSON Schema. So `$ref`s are inlined (from `$defs`/`definitions`, cycles cut), the
// keywords it rejects are dropped, `const` becomes a one-value `enum`, a type array its non-null type plus
// `nullable`, and an object with no properties loses `properties` (a tool with no parameters sends none at all).

type Schema = Record<string, unknown>;

/** Keywords the Gemini Schema message does not have. */
const DROPPED: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$comment',
  '$defs',
  'definitions',
  '$ref',
  'additionalProperties',
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'const',
  'examples',
]);

/** Keywords whose value is one schema. */
const ONE_SCHEMA = ['items', 'not', 'additionalItems', 'contains', 'if', 'then', 'else'] as const;
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;

/** A `$ref` reached again while it is being inlined (a recursive type) becomes this: any object. */
const CYCLE: Schema = { type: 'object' };

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema a local `#/…` pointer names within the root; undefined for anything else (remote refs). */
function resolvePointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((s) => s !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return isSchema(node) ? node : undefined;
}

function reduceNode(node: unknown, root: Schema, inlining: readonly string[]): unknown {
  if (!isSchema(node)) return node;
  let source = node;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    if (inlining.includes(ref)) return { ...CYCLE, ...(typeof node['description'] === 'string' ? { description: node['description'] } : {}) };
    const target = resolvePointer(root, ref);
    // The keywords beside a `$ref` (a description, mostly) refine the target.
    const siblings: Schema = { ...node };
    delete siblings['$ref'];
    source = { ...(target ?? {}), ...siblings };
    if (target !== undefined) return reduceNode(source, root, [...inlining, ref]);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key)) continue;
    if (key === 'properties' && isSchema(value)) {
      const properties: Schema = {};
      for (const [name, property] of Object.entries(value)) properties[name] = reduceNode(property, root, inlining);
      if (Object.keys(properties).length > 0) out['properties'] = properties;
    } else if ((ONE_SCHEMA as readonly string[]).includes(key)) {
      out[key] = Array.isArray(value) ? value.map((v) => reduceNode(v, root, inlining)) : reduceNode(value, root, inlining);
    } else if ((SCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(value)) {
      // Gemini knows `anyOf` only; for a tool's arguments `oneOf` means the same.
      const branches = value.map((v) => reduceNode(v, root, inlining));
      if (key === 'oneOf') out['anyOf'] = [...((out['anyOf'] as unknown[] | undefined) ?? []), ...branches];
      else out[key] = branches;
    } else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t): t is string => typeof t === 'string');
      const concrete = types.find((t) => t !== 'null');
      if (concrete !== undefined) out['type'] = concrete;
      if (types.includes('null')) out['nullable'] = true;
    } else {
      out[key] = value;
    }
  }
  // Gemini's enums are strings (of type STRING); a number or boolean `const` keeps only its type.
  const constant = source['const'];
  if (typeof constant === 'string' && out['enum'] === undefined) out['enum'] = [constant];
  if ((typeof constant === 'string' || typeof constant === 'number' || typeof constant === 'boolean') && out['type'] === undefined) {
    out['type'] = typeof constant;
  }
  // `required` may only name properties that are there.
  if (Array.isArray(out['required'])) {
    const properties = isSchema(out['properties']) ? out['properties'] : {};
    const required = out['required'].filter((name): name is string => typeof name === 'string' && name in properties);
    if (required.length > 0) out['required'] = required;
    else delete out['required'];
  }
  return out;
}

/** A JSON Schema reduced for Gemini (a new object; the input is never changed). */
export function reduceGeminiSchema(schema: object): Schema {
  const root = schema as Schema;
  const reduced = reduceNode(root, root, []);
  return isSchema(reduced) ? reduced : {};
}

/** Whether a reduced schema says nothing a call needs: no properties (then no `parameters` are sent at all). */
export function isEmptyObjectSchema(schema: Schema): boolean {
  return (schema['type'] === undefined || schema['type'] === 'object') && schema['properties'] === undefined && schema['anyOf'] === undefined;
}
