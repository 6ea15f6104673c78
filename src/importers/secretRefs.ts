// Secret references in other tools' files, and where they resolve: the environment (ImportContext.env) and
// .env files read through ImportContext.readFile. A reference that resolves becomes the key; one that does not
// becomes `apiKeyEnv` (read at request time), so a key set later in the environment just works.
import { envVariableNameSchema } from '../shared/connectionFile';
import * as v from 'valibot';

/** The key, or the variable to read it from, for one reference. */
export interface KeyRef {
  apiKey?: string;
  apiKeyEnv?: string;
}

export function isEnvName(name: string): boolean {
  return v.is(envVariableNameSchema, name);
}

/** A variable from the first source that sets it (non-empty), else undefined. */
export function lookup(name: string, sources: readonly Record<string, string | undefined>[]): string | undefined {
  for (const source of sources) {
    const value = source[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** A variable's value as the key, or the variable itself when it is not set. */
export function keyFromVariable(name: string, sources: readonly Record<string, string | undefined>[]): KeyRef {
  const value = lookup(name, sources);
  if (value !== undefined) return { apiKey: value };
  return isEnvName(name) ? { apiKeyEnv: name } : {};
}

/** A .env file: `NAME=value` lines, `export` allowed, quotes removed, `#` comments and blank lines ignored. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length > 1) {
      const end = value.indexOf(quote, 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1] as string] = value;
  }
  return out;
}

/** The whole value is one reference of this pattern (its first group is the name). */
export function wholeReference(value: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(value.trim());
  return m?.[1];
}
