// Reading untyped parsed values without trusting them.

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The first of several fields that holds a non-empty string. */
export function firstStr(record: Json, ...fields: string[]): string | undefined {
  for (const f of fields) {
    const value = str(record[f]);
    if (value !== undefined) return value;
  }
  return undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A record's string values (headers as files write them); other values are dropped. */
export function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return Object.keys(out).length ? out : undefined;
}

/** A timeout in seconds as our connections take it (whole seconds, 1–600), else undefined. */
export function timeoutSecondsOf(seconds: number | undefined): number | undefined {
  if (seconds === undefined || seconds <= 0) return undefined;
  const whole = Math.ceil(seconds);
  return whole <= 600 ? whole : undefined;
}

/** A token count as capability overrides take it (whole, 1–10 000 000), else undefined. */
export function tokenCountOf(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 10_000_000 ? n : undefined;
}
