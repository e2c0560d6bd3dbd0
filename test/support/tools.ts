// External reference tools (pacman, vercmp, repo-add, bsdtar, zstd, chromium) are real parts of
// our tests. Where one is missing a test skips with a one-line reason, except under CI (CI=true),
// where a missing tool fails the run so CI always exercises them.
import { execFileSync } from 'node:child_process';

const cache = new Map<string, string | null>();

/** Absolute path of `name` on PATH, or null. */
export function which(name: string): string | null {
  if (cache.has(name)) return cache.get(name) ?? null;
  let found: string | null = null;
  try {
    found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    found = null;
  }
  cache.set(name, found);
  return found;
}

/**
 * Returns a skip reason when one of `tools` is missing (for `describe.skipIf`/`test.skipIf`),
 * or null when all are present. Under CI a missing tool throws instead: the run must fail.
 */
export function missingTools(...tools: string[]): string | null {
  const missing = tools.filter((t) => which(t) === null);
  if (missing.length === 0) return null;
  const reason = `skipped: ${missing.join(', ')} not installed (.ci/run lists the Debian packages)`;
  if (process.env.CI === 'true') throw new Error(`CI requires ${missing.join(', ')}: ${reason}`);
  console.warn(reason);
  return reason;
}
