// Continue's `${{ secrets.NAME }}`, resolved the way its local platform client does
// (core/config/yaml/LocalPlatformClient.ts): ~/.continue/.env, then <workspace>/.continue/.env, then
// <workspace>/.env, then the environment. CONTINUE_GLOBAL_DIR moves ~/.continue.
import { joinPath, readOptional } from '../paths';
import { keyFromVariable, parseDotEnv, wholeReference, type KeyRef } from '../secretRefs';
import type { ImportContext } from '../types';

// `inputs.X` is a hub block's parameter, filled the same way when the block is used locally.
const SECRET = /^\$\{\{\s*(?:secrets|inputs)\.([A-Za-z0-9_.-]+)\s*\}\}$/;

export type SecretSources = readonly Record<string, string | undefined>[];

/** The .env files in Continue's order, then the environment. Files are read once per import. */
export function continueSecretSources(ctx: ImportContext): SecretSources {
  const files: string[] = [];
  const globalDir = ctx.env['CONTINUE_GLOBAL_DIR'] || (ctx.homeDir === undefined ? undefined : joinPath(ctx.homeDir, '.continue'));
  if (globalDir) files.push(joinPath(globalDir, '.env'));
  if (ctx.workspaceDir !== undefined) files.push(joinPath(ctx.workspaceDir, '.continue', '.env'), joinPath(ctx.workspaceDir, '.env'));
  const parsed = files.map((f) => {
    const text = readOptional(ctx.readFile, f);
    return text === undefined ? {} : parseDotEnv(text);
  });
  return [...parsed, ctx.env];
}

/** An `apiKey` value: a written key, or a secret reference resolved (else named for request time). */
export function continueKey(value: unknown, sources: SecretSources): KeyRef {
  if (typeof value !== 'string' || value.trim() === '') return {};
  const name = wholeReference(value, SECRET);
  if (name !== undefined) return keyFromVariable(name, sources);
  // A template Continue fills in some other way (`Bearer ${{ … }}`): not a key as written.
  return value.includes('${{') ? {} : { apiKey: value.trim() };
}

/** Any other string field that may hold a reference (apiBase, header values): resolved, else undefined. */
export function continueValue(value: unknown, sources: SecretSources): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = wholeReference(value, SECRET);
  if (name !== undefined) return continueKey(value, sources).apiKey;
  return value.includes('${{') ? undefined : value;
}
