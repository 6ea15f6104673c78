// Generation presets from the `aiConnections.presets` setting. The setting is user-edited JSON: every
// entry is checked, and a bad one is skipped with a reason rather than breaking generation.
import type { ChatOptions } from '../providers';

export interface Preset {
  name: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  systemPrompt?: string;
  stop?: string[];
}

const num = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined);

export function parsePresets(raw: unknown): { presets: Preset[]; problems: string[] } {
  const presets: Preset[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) return { presets, problems: raw === undefined ? [] : ['aiConnections.presets is not a list'] };
  raw.forEach((p, i) => {
    if (typeof p !== 'object' || p === null || typeof (p as Preset).name !== 'string' || !(p as Preset).name.trim()) {
      problems.push(`preset #${i + 1} has no name`);
      return;
    }
    const r = p as Record<string, unknown>;
    const preset: Preset = { name: String(r.name).trim() };
    const temperature = num(r.temperature, 0, 2);
    const topP = num(r.topP, 0, 1);
    const maxTokens = num(r.maxTokens, 1, 10_000_000);
    if (temperature !== undefined) preset.temperature = temperature;
    if (topP !== undefined) preset.topP = topP;
    if (maxTokens !== undefined) preset.maxTokens = Math.floor(maxTokens);
    if (typeof r.systemPrompt === 'string' && r.systemPrompt) preset.systemPrompt = r.systemPrompt;
    if (Array.isArray(r.stop)) preset.stop = r.stop.filter((s): s is string => typeof s === 'string' && s.length > 0);
    presets.push(preset);
  });
  return { presets, problems };
}

export function findPreset(presets: readonly Preset[], name: string | undefined): Preset | undefined {
  return name ? presets.find((p) => p.name.toLocaleLowerCase() === name.toLocaleLowerCase()) : undefined;
}

/** Generation options: the caller's explicit values win over the preset's. */
export function optionsWithPreset(preset: Preset | undefined, explicit: ChatOptions): ChatOptions {
  const out: ChatOptions = {};
  const pick = <K extends keyof ChatOptions>(k: K, v: ChatOptions[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  pick('temperature', explicit.temperature ?? preset?.temperature);
  pick('topP', explicit.topP ?? preset?.topP);
  pick('maxTokens', explicit.maxTokens ?? preset?.maxTokens);
  pick('stop', explicit.stop ?? (preset?.stop?.length ? preset.stop : undefined));
  pick('signal', explicit.signal);
  return out;
}
