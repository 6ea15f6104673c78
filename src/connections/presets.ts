// Generation presets from the `aiConnections.presets` setting, declared once as a valibot schema (the Preset type
// is inferred from it; package.json's JSON schema says the same to the Settings editor). The setting is
// user-edited JSON: every entry is checked, and a bad one is reported rather than breaking generation — an
// entry without a name is skipped, a bad field of a named one is dropped.
import * as v from 'valibot';
import type { ChatOptions } from '../providers';
import { sameName } from '../shared/validation';

const range = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

export const presetSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  temperature: v.optional(range(0, 2)),
  topP: v.optional(range(0, 1)),
  maxTokens: v.optional(v.pipe(range(1, 10_000_000), v.transform(Math.floor))),
  systemPrompt: v.optional(v.string()),
  stop: v.optional(v.pipe(v.array(v.string()), v.transform((stop) => stop.filter((sequence) => sequence.length > 0)))),
});

export type Preset = v.InferOutput<typeof presetSchema>;

export function parsePresets(raw: unknown): { presets: Preset[]; problems: string[] } {
  const presets: Preset[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) return { presets, problems: raw === undefined ? [] : ['aiConnections.presets is not a list'] };
  raw.forEach((entry: unknown, i) => {
    const parsed = v.safeParse(presetSchema, entry);
    if (parsed.success) {
      presets.push(parsed.output);
      return;
    }
    const badKeys = parsed.issues.map((issue) => issue.path?.[0]?.key);
    if (badKeys.some((k) => k === undefined || k === 'name')) {
      problems.push(`preset #${i + 1} has no name; skipped`);
      return;
    }
    // A named entry: keep it without the fields that do not fit.
    const rest = { ...(entry as Record<string, unknown>) };
    for (const k of badKeys) delete rest[String(k)];
    const kept = v.safeParse(presetSchema, rest);
    if (!kept.success) {
      problems.push(`preset #${i + 1} is not valid; skipped`);
      return;
    }
    presets.push(kept.output);
    problems.push(`preset "${kept.output.name}": ${[...new Set(badKeys)].join(', ')} ignored (${parsed.issues.map((issue) => issue.message).join('; ')})`);
  });
  return { presets, problems };
}

export function findPreset(presets: readonly Preset[], name: string | undefined): Preset | undefined {
  return name ? presets.find((p) => sameName(p.name, name)) : undefined;
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
