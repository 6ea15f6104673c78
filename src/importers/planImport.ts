// Import: which format a file is, then that format's plan. Decides everything and writes nothing; the
// extension shows the plan and creates only what the user keeps (DESIGN.md, "Import and discovery").
import { detectFormat, syntaxOf, type Syntax } from './detectFormat';
import { planAiConnections } from './formats/aiConnections';
import { planCodex } from './formats/codex';
import { planContinueJson } from './formats/continueJson';
import { planContinueYaml } from './formats/continueYaml';
import { planLitellm } from './formats/litellm';
import { planOpencode } from './formats/opencode';
import { planRoo } from './formats/roo';
import { planSillyTavern } from './formats/sillyTavern';
import { parseJson, parseToml, parseYaml } from './parse';
import { ImportError, type ImportContext, type ImportFormat, type ImportPlan } from './types';

export { detectFormat };

const SYNTAX: Record<ImportFormat, Syntax> = {
  roo: 'json',
  'continue-yaml': 'yaml',
  'continue-json': 'json',
  sillytavern: 'json',
  litellm: 'yaml',
  codex: 'toml',
  opencode: 'json',
  'ai-connections': 'json',
};

function parse(syntax: Syntax, fileName: string, text: string): unknown {
  if (syntax === 'json') return parseJson(fileName, text);
  if (syntax === 'yaml') return parseYaml(fileName, text);
  return parseToml(fileName, text);
}

export function planImport(fileName: string, text: string, ctx: ImportContext): ImportPlan {
  const format = detectFormat(fileName, text);
  if (!format) {
    // A broken file says where it is broken before it says it is not one we know.
    const syntax = syntaxOf(fileName, text);
    if (syntax) parse(syntax, fileName, text);
    throw new ImportError(
      `${fileName} is not a file AI Connections can import. It reads Roo Code / Kilo Code settings exports, Continue config.yaml and config.json, SillyTavern settings.json, LiteLLM config.yaml, Codex config.toml, opencode.json and its own export.`,
      fileName,
    );
  }
  const data = parse(SYNTAX[format], fileName, text);
  switch (format) {
    case 'roo':
      return planRoo(fileName, data);
    case 'continue-yaml':
      return planContinueYaml(fileName, text, data, ctx);
    case 'continue-json':
      return planContinueJson(fileName, text, data, ctx);
    case 'sillytavern':
      return planSillyTavern(fileName, data, ctx);
    case 'litellm':
      return planLitellm(fileName, text, data, ctx);
    case 'codex':
      return planCodex(fileName, data, ctx);
    case 'opencode':
      return planOpencode(fileName, text, data, ctx);
    case 'ai-connections':
      return planAiConnections(fileName, text, data);
  }
}
