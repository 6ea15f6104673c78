// Which format a file is, from its content first (a best-effort parse that tolerates errors), then its name —
// so a broken file with a telling name still reaches its parser and gets an error with the place.
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseTomlDocument } from 'smol-toml';
import { parseDocument } from 'yaml';
import { isAiConnections } from './formats/aiConnections';
import { isCodex } from './formats/codex';
import { isContinueJson } from './formats/continueJson';
import { isContinueYaml } from './formats/continueYaml';
import { isLitellm } from './formats/litellm';
import { isOpencode } from './formats/opencode';
import { isRooExport } from './formats/roo';
import { isSillyTavern } from './formats/sillyTavern';
import type { ImportFormat } from './types';

export type Syntax = 'json' | 'yaml' | 'toml';

export function baseNameOf(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).toLowerCase();
}

/** The syntax a file is written in, from its extension, else its first character. */
export function syntaxOf(fileName: string, text: string): Syntax | undefined {
  const base = baseNameOf(fileName);
  if (/\.jsonc?$/.test(base)) return 'json';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (base.endsWith('.toml')) return 'toml';
  const first = text.trimStart()[0];
  return first === '{' ? 'json' : undefined;
}

function quietly(syntax: Syntax, text: string): unknown {
  try {
    if (syntax === 'json') return parseJsonc(text, [], { allowTrailingComma: true });
    if (syntax === 'yaml') return parseDocument(text).toJS({ maxAliasCount: 100 });
    return parseTomlDocument(text);
  } catch {
    return undefined;
  }
}

function byContent(syntax: Syntax, data: unknown): ImportFormat | undefined {
  if (syntax === 'toml') return isCodex(data) ? 'codex' : undefined;
  if (syntax === 'yaml') return isLitellm(data) ? 'litellm' : isContinueYaml(data) ? 'continue-yaml' : undefined;
  if (isAiConnections(data)) return 'ai-connections';
  if (isRooExport(data)) return 'roo';
  if (isSillyTavern(data)) return 'sillytavern';
  if (isOpencode(data)) return 'opencode';
  if (isContinueJson(data)) return 'continue-json';
  return undefined;
}

function byName(fileName: string, syntax: Syntax): ImportFormat | undefined {
  const base = baseNameOf(fileName);
  const inContinue = /[\\/]\.continue[\\/]/.test(fileName);
  if (syntax === 'toml') return 'codex';
  if (syntax === 'yaml') return base.includes('litellm') ? 'litellm' : inContinue || base === 'config.yaml' ? 'continue-yaml' : undefined;
  if (/^opencode\.jsonc?$|^kilo\.jsonc?$/.test(base)) return 'opencode';
  if (base.includes('ai-connections')) return 'ai-connections';
  if (base.includes('roo-code-settings') || base.includes('kilo-code-settings')) return 'roo';
  if (inContinue || base === '.continuerc.json') return 'continue-json';
  if (base === 'settings.json') return 'sillytavern';
  return undefined;
}

export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  const syntax = syntaxOf(fileName, text);
  if (!syntax) return undefined;
  return byContent(syntax, quietly(syntax, text)) ?? byName(fileName, syntax);
}
