// Waiting in tests for something another process does: poll until it holds, or fail naming it.

/**
 * Calls `check` every `intervalMs` until it returns a truthy value, and returns that value. An
 * error thrown by `check` counts as "not yet"; after `timeoutMs` the test fails naming `what`
 * (and the last error).
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  { timeoutMs = 20_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= end) throw new Error(`timed out waiting for ${what}${last !== undefined ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
