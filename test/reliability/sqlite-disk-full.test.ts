// The SQLite file's disk fills up (issue #16, part 2): the built server on a database file in a
// small tmpfs volume the test mounts (size=24m), the volume then filled to the last byte by
// another file. Agents keep reporting: each gets its state stored (2xx) or a clear 507
// STORAGE_FULL saying the disk is full and nothing was written — never a 500 with internals; the
// server stays up; `PRAGMA integrity_check` says ok; once the space is back the reports go in
// again by themselves and every report that got a 2xx is there. Needs root (mount).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { generateApiKey } from '../../src/server/auth/api-key.js';
import { state } from '../support/package-states.js';
import { freePort } from '../support/postgres.js';
import { checkStoredReports, type AcceptedReport } from '../support/report-load.js';
import { runServerCli, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { missingTools } from '../support/tools.js';
import { figures } from './crash-figures.js';

function skipReason(): string | null {
  const missing = missingTools('mount', 'umount');
  if (missing) return missing;
  if (process.getuid?.() !== 0) {
    const reason = 'skipped: mounting the small tmpfs volume needs root';
    if (process.env.CI === 'true') throw new Error(`CI must run as root: ${reason}`);
    return reason;
  }
  return null;
}
const skip = skipReason();
const rec = figures('sqlite-disk-full');

/** A 1,500-package state unlike any other (round `r`): ~300 KB of JSON, a few hundred KB stored. */
const bigState = (r: number) =>
  state(Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`pkg-${String(i).padStart(4, '0')}`, `${r}.${i}-1`])));

const integrity = (file: string): string => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? '';
  } finally {
    db.close();
  }
};

describe.skipIf(skip)('SQLite disk full', () => {
  let dir: string;
  let vol: string;
  let file: string;
  let server: ServerProcess | null = null;
  let mounted = false;
  const adminKey = generateApiKey();
  let url = '';
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-diskfull-'));
    vol = path.join(dir, 'vol');
    mkdirSync(vol);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0755', 'tmpfs', vol]);
    mounted = true;
    file = path.join(vol, 'pacsync.db');
    env = {
      PACSYNC_DATABASE_TYPE: 'sqlite',
      PACSYNC_DATABASE_FILE: file,
      PACSYNC_ADMIN_KEY: adminKey,
      PACSYNC_DATA_DIR: path.join(dir, 'data'),
      PACSYNC_SECURITY_API_RATE_LIMIT: '0',
    };
    server = await startServerProcess(['--port', String(await freePort()), '--host', '127.0.0.1'], { env, timeoutMs: 60_000 });
    url = server.url;
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    if (mounted) execFileSync('umount', ['-l', vol]);
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, p: string, body: unknown, key = adminKey) => {
    const res = await fetch(`${url}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
  };

  it('clients get 507 STORAGE_FULL (never a 500), the file stays intact, and reports go in again once space is back', async () => {
    const pool = JSON.parse((await call('POST', '/pools', { name: 'disk' })).text).data;
    const agents = await Promise.all(
      [0, 1, 2].map(
        async (n) =>
          JSON.parse((await call('POST', '/endpoints', { name: `m${n}`, hostname: `m${n}.lan`, pool_id: pool.id })).text).data as {
            id: string;
            api_key: string;
          },
      ),
    );
    const accepted: AcceptedReport[] = [];
    let round = 0;
    /** Every agent reports a new big state once; what each answer was. */
    const reportRound = async (): Promise<number[]> => {
      round += 1;
      const statuses: number[] = [];
      for (const a of agents) {
        const r = await call('POST', `/endpoints/${a.id}/state`, bigState(round), a.api_key);
        const json = JSON.parse(r.text) as { data?: { state_id: string }; error?: { code: string; message: string } };
        rec.request(r.status, json.error?.code, { expected5xx: r.status === 507, sample: r.text.slice(0, 300) });
        statuses.push(r.status);
        if (r.status === 200 && json.data)
          accepted.push({
            endpoint_id: a.id,
            key: '',
            marker: 'pkg-0000',
            version: `${round}.0-1`,
            state_id: json.data.state_id,
            attempts: 1,
            replayed: false,
          });
        else {
          // The answer a user or agent sees: what is wrong, that nothing was written, when to retry.
          expect(r.status, r.text).toBe(507);
          expect(json.error).toEqual({
            code: 'STORAGE_FULL',
            message: "the server's database disk is full: nothing was written; retry once the administrator has freed space",
            details: { retryable: true },
          });
          expect(r.retryAfter).toBe('60');
          expect(r.text).not.toMatch(/SQLITE|sqlite|\.ts:\d|\.js:\d/);
        }
      }
      return statuses;
    };
    expect(await reportRound()).toEqual([200, 200, 200]);

    // Fill the volume to the last byte.
    const filler = path.join(vol, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    try {
      for (;;) writeSync(fd, chunk, 0, 512);
    } catch {
      // the last few bytes
    } finally {
      closeSync(fd);
    }
    const fs = statfsSync(vol);
    expect(fs.bavail * fs.bsize).toBeLessThan(4096);
    rec.fault('SQLite disk full', false);

    const refusedBefore = rec.data.requests.refused.STORAGE_FULL ?? 0;
    for (let i = 0; i < 5; i += 1) await reportRound();
    const refused = (rec.data.requests.refused.STORAGE_FULL ?? 0) - refusedBefore;
    expect(refused, 'reports refused with 507 while the disk was full').toBeGreaterThan(0);
    // Up and answering: reads work, liveness is fine.
    expect((await call('GET', `/endpoints/${agents[0]!.id}`, undefined)).status).toBe(200);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect(integrity(file)).toBe('ok');

    // Space is back: reports go in again without restarting anything.
    rmSync(filler);
    let recovered = false;
    for (let i = 0; i < 10 && !recovered; i += 1) recovered = (await reportRound()).every((s) => s === 200);
    expect(recovered, 'reports accepted again once space was freed').toBe(true);
    rec.data.faults['SQLite disk full']!.survived += 1;

    await server?.stop('SIGTERM');
    server = null;
    expect(integrity(file)).toBe('ok');
    const handle: DatabaseHandle = openDatabase({ dialect: 'sqlite', file });
    try {
      const check = await checkStoredReports(handle.db, accepted);
      rec.lost(check.lost.length);
      rec.duplicates(check.duplicates);
      expect(check.lost).toEqual([]);
      expect(check.duplicates).toBe(0);
    } finally {
      await handle.destroy();
    }
    const dbCheck = await runServerCli(['db', 'check', '--json'], { env });
    expect(JSON.parse(dbCheck.stdout)).toEqual({ ok: true, problems: [] });
    rec.count('reports refused with 507 while full', refused);
    rec.count('reports stored', accepted.length);
    console.info(
      `SQLite disk full: ${accepted.length} reports stored, ${refused} refused with 507 STORAGE_FULL while full, integrity_check ok before and after`,
    );
  }, 300_000);
});
