// Runs the built agent CLI (dist/src/agent/pacsync.cjs, the package's bin) as users do, rebuilding first when any source
// file is newer than its compiled file (`npm test` builds before running, so this is for
// `npx vitest run <file>` during development).
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const AGENT_CLI = path.join(ROOT, 'dist/src/agent/pacsync.cjs');
/** The fast path's bundle (scripts/postbuild.mjs), rebuilt from the same sources. */
const BUNDLE = path.join(ROOT, 'dist/src/agent/fast-path.cjs');

/** Every TypeScript source below `dir` (what a build compiles from it). */
export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.c?ts$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

function stale(): boolean {
  const all = ['src/agent', 'src/core'].flatMap((dir) => sources(path.join(ROOT, dir)));
  if (!existsSync(BUNDLE)) return true;
  const bundled = statSync(BUNDLE).mtimeMs;
  return all.some((src) => {
    const out = path
      .join(ROOT, 'dist', path.relative(ROOT, src))
      .replace(/\.ts$/, '.js')
      .replace(/\.cts$/, '.cjs');
    const changed = statSync(src).mtimeMs;
    return !existsSync(out) || statSync(out).mtimeMs < changed || bundled < changed;
  });
}

/** Runs `npm run build` when `stale()`; fails only when the build left the output stale. */
export function rebuildIfStale(stale: () => boolean, what: string): void {
  if (!stale()) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    // Other files' type errors do not stop tsc from emitting ours; only a stale result fails.
    if (stale()) throw new Error(`npm run build did not update ${what}: ${(e as { stdout?: Buffer }).stdout?.toString() ?? String(e)}`);
  }
}

let checked = false;

/** Builds dist/ when it is older than the sources, once per test process (call from beforeAll; allow ~60 s). */
export function ensureAgentBuilt(): void {
  if (checked) return;
  checked = true;
  rebuildIfStale(stale, 'dist/');
}

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * `pacsync args…` with `env` added to a clean environment (LC_ALL=C, no COLUMNS, no PACSYNC_*,
 * HOME pointing nowhere so no user configuration is picked up unless the test asks).
 */
export function pacsync(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PACSYNC_') && k !== 'COLUMNS') base[k] = v;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [AGENT_CLI, ...args],
      { env: { ...base, LC_ALL: 'C', HOME: '/nonexistent', ...env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

/** A pacsync process running in the background (startAgent): its output so far and its exit. */
export interface AgentProcess {
  child: ChildProcess;
  out(): string;
  exited: Promise<number | null>;
}

/** `pacsync args…` in the background (the daemon, a sync to interrupt), stdout and stderr collected together. */
export function startAgent(args: string[]): AgentProcess {
  const child = spawn(process.execPath, [AGENT_CLI, ...args], {
    env: { PATH: process.env.PATH, LC_ALL: 'C', HOME: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { child, out: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/**
 * Counts a pacsync process's readings of pacman's local database (count-reads.mjs): run it with
 * `env`, then `reads()` is how many times it read the desc of the installed package `probe`
 * (once per reading).
 */
export function localDbReadCounter(probe: string): { env: Record<string, string>; reads(): number; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-reads-'));
  const file = path.join(dir, 'reads');
  const preload = path.join(ROOT, 'test/support/count-reads.mjs');
  return {
    env: { NODE_OPTIONS: `--import ${preload}`, COUNT_READS_FILE: file, COUNT_READS_ENTRY: `^${probe}-[0-9]` },
    reads: () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** pacsync() with its readings of the local database counted (localDbReadCounter). */
export async function withLocalDbReads(probe: string, args: string[], env: Record<string, string> = {}): Promise<CliRun & { localDbReads: number }> {
  const counter = localDbReadCounter(probe);
  try {
    const r = await pacsync(args, { ...env, ...counter.env });
    return { ...r, localDbReads: counter.reads() };
  } finally {
    counter.dispose();
  }
}
