// Runs the BUILT admin command line (dist/src/admin/pacsync-admin.cjs, the bundle `npm run build`
// makes) as an administrator would, rebuilding first when a source it bundles is newer (as
// agent-cli.ts does for the agent), with a clean environment: no PACSYNC_* from the developer's
// shell, HOME pointing nowhere so no ~/.config/pacman-sync/admin.conf is read unless a test asks.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, rebuildIfStale, sources } from './agent-cli.js';

export const ADMIN_CLI = path.join(ROOT, 'dist/src/admin/pacsync-admin.cjs');

function stale(): boolean {
  if (!existsSync(ADMIN_CLI)) return true;
  const built = statSync(ADMIN_CLI).mtimeMs;
  return ['src/admin', 'src/agent', 'src/core', 'src/contracts'].flatMap((d) => sources(path.join(ROOT, d))).some((f) => statSync(f).mtimeMs > built);
}

let checked = false;

/** Builds dist/ when the bundle is older than its sources, once per test process (beforeAll; ~60 s). */
export function ensureAdminBuilt(): void {
  if (checked) return;
  checked = true;
  rebuildIfStale(stale, ADMIN_CLI);
}

export interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pacsync-admin args…`; `env` is added to a clean environment; `input` is written to stdin. */
export function admin(args: string[], env: Record<string, string> = {}, input?: string): Promise<AdminRun> {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PACSYNC_')) base[k] = v;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [ADMIN_CLI, ...args],
      { env: { ...base, LC_ALL: 'C', HOME: '/nonexistent', XDG_CONFIG_HOME: '', ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

/** The JSON on stdout of a run that must have succeeded. `any`: tests read fields freely. */
export function json(r: AdminRun): any {
  if (r.code !== 0) throw new Error(`pacsync-admin exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}
