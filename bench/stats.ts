// Shared by every bench entry point: sampling, summary statistics and the BENCH line protocol that
// scripts/bench.mjs reads from each entry point's standard output.
import { performance } from 'node:perf_hooks';

export interface Summary {
  /** Median of the repeated (warm) samples, ms unless stated. */
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), runs: sorted.length };
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

export const now = (): number => performance.now();

/** Milliseconds one synchronous call takes. */
export function timeSync<T>(work: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = work();
  return { ms: performance.now() - t0, value };
}

export async function timeAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One measurement, as one `BENCH {json}` line on stdout. `id` is what scripts/bench.mjs looks up. */
export interface BenchRecord {
  id: string;
  [field: string]: unknown;
}

export function emit(record: BenchRecord): void {
  console.log(`BENCH ${JSON.stringify(record)}`);
}

/** A measurement that could not be taken: the row shows ERROR and the run fails. */
export function emitError(id: string, error: unknown): void {
  const message = error instanceof Error ? `${error.message}` : String(error);
  console.log(`BENCH ${JSON.stringify({ id, error: message.slice(0, 300) })}`);
  if (error instanceof Error && error.stack) console.error(error.stack);
}
