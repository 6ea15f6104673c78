// A key entered in the form for a new connection is written after the connection: a failed write (a locked
// keyring, a storage hiccup) is retried a few times before the user is told, never silently dropped.
// No vscode import: the unit tier drives it.
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const KEY_WRITE_DELAYS_MS = [200, 1_000, 3_000];

export async function storeKeyWithRetry(
  write: () => Promise<void>,
  log: { warn(message: string): void },
  delays: readonly number[] = KEY_WRITE_DELAYS_MS,
): Promise<{ ok: true } | { ok: false; message: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return { ok: true };
    } catch (err) {
      const message = errorMessage(err);
      if (attempt >= delays.length) return { ok: false, message };
      log.warn(`storing the API key failed (${message}); trying again`);
      await new Promise((r) => setTimeout(r, delays[attempt]));
    }
  }
}
