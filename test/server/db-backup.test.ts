// `pacsync-server db backup` / `db restore` on both engines, as an administrator runs them: a
// backup taken while 4 clients write restores row for row into an empty database that `db check`
// finds clean; a truncated backup, a backup of the other engine and a non-empty target without
// --force are refused and leave the target as it was.
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { DIALECTS, type TestDatabase, type TestDialect, createTestDatabase } from '../support/database.js';
import { dumpRows, startWriters } from '../support/db-writers.js';
import { seedRetention } from '../support/retention-seed.js';
import { runServerCli } from '../support/server-process.js';
import { missingTools } from '../support/tools.js';
import { until } from '../support/wait.js';

const pgToolsMissing = missingTools('pg_dump', 'pg_restore');

/** A fresh database with no tables (SQLite: no file yet), as restore's target. */
async function emptyTarget(
  dialect: TestDialect,
  dir: string,
): Promise<{ env: Record<string, string>; open(): ReturnType<typeof openDatabase>; destroy(): Promise<void> }> {
  if (dialect === 'pg') {
    const t = await createTestDatabase('pg', { migrated: false });
    return { env: t.env, open: () => openDatabase({ dialect: 'pg', url: t.url ?? '', poolMax: 2 }), destroy: () => t.destroy() };
  }
  const file = path.join(dir, 'restored', 'pacsync.db');
  return {
    env: { PACSYNC_DATABASE_TYPE: 'sqlite', PACSYNC_DATABASE_FILE: file },
    open: () => openDatabase({ dialect: 'sqlite', file }),
    destroy: async () => {},
  };
}

async function tableCount(handle: ReturnType<typeof openDatabase>): Promise<number> {
  const rows = await handle.db.introspection.getTables();
  return rows.length;
}

describe.each(DIALECTS)('db backup and restore on %s', (dialect) => {
  const skip = dialect === 'pg' ? pgToolsMissing : null;
  let source: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    source = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-backup-test-'));
  });
  afterEach(async () => {
    await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip !== null)(
    'a backup taken while 4 clients write restores into an empty database row for row, and db check finds it clean',
    async () => {
      const file = path.join(dir, 'pacsync.backup');
      const writers = startWriters(source, 4);
      await until('20 transactions of the writers', () => writers.committed() >= 20, { timeoutMs: 30_000 });
      const beforeBackup = await dumpRows(source.db);
      const atStart = writers.committed();
      const backup = await runServerCli(['db', 'backup', '--out', file], { env: source.env });
      const atEnd = writers.committed();
      await writers.stop();
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(
        new RegExp(`^backup written to ${file} \\(${dialect === 'pg' ? 'PostgreSQL custom-format dump' : 'SQLite database'}, \\d+ bytes\\)\\n$`),
      );
      expect(atEnd).toBeGreaterThan(atStart); // the clients kept writing while the backup ran
      expect(statSync(file).mode & 0o077).toBe(0); // it holds key hashes: readable by its owner only
      const source_ = await dumpRows(source.db);

      const target = await emptyTarget(dialect, dir);
      try {
        const restore = await runServerCli(['db', 'restore', file], { env: target.env });
        expect(restore.code, restore.stderr).toBe(0);
        expect(restore.stdout).toContain(`restored ${file} into `);
        expect(restore.stdout).toMatch(/^\d+ migrations: \d+ applied, 0 pending$/m);
        const handle = target.open();
        let restored: Awaited<ReturnType<typeof dumpRows>>;
        try {
          restored = await dumpRows(handle.db);
        } finally {
          await handle.destroy();
        }
        for (const [table, rows] of Object.entries(restored)) {
          // Every row written before the backup started is there…
          for (const id of beforeBackup[table]?.keys() ?? []) expect(rows.has(id), `${table} ${id}`).toBe(true);
          // …and every restored row is exactly the source's row.
          for (const [id, row] of rows) expect(row, `${table} ${id}`).toEqual(source_[table]?.get(id));
        }
        // A snapshot: whole transactions only (each wrote one pool, endpoint, state, … together).
        const counts = Object.values(restored)
          .slice(0, 8)
          .map((m) => m.size);
        expect(new Set(counts).size, JSON.stringify(counts)).toBe(1);
        expect(counts[0]).toBeGreaterThanOrEqual(beforeBackup.pools?.size ?? 0);

        const check = await runServerCli(['db', 'check'], { env: target.env });
        expect(check).toMatchObject({ code: 0, stdout: 'no problems found\n' });
      } finally {
        await target.destroy();
      }
    },
  );

  it.skipIf(skip !== null)(
    'a truncated backup is refused and leaves the target as it was; a non-empty target needs --force, which replaces it',
    async () => {
      await seedRetention(source.db, new Date());
      const file = path.join(dir, 'good.backup');
      expect((await runServerCli(['db', 'backup', '--out', file], { env: source.env })).code).toBe(0);
      const truncated = path.join(dir, 'truncated.backup');
      copyFileSync(file, truncated);
      truncateSync(truncated, Math.floor(statSync(file).size * 0.6));

      // Into an empty database: refused, and still empty.
      const target = await emptyTarget(dialect, dir);
      try {
        const r = await runServerCli(['db', 'restore', truncated], { env: target.env });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`^pacsync-server: ${truncated} cannot be restored: .+\\n$`));
        if (dialect === 'sqlite') expect(existsSync(path.join(dir, 'restored', 'pacsync.db'))).toBe(false);
        else {
          const h = target.open();
          expect(await tableCount(h)).toBe(0);
          await h.destroy();
        }
      } finally {
        await target.destroy();
      }

      // Into a database with data: refused without --force (nothing changes), refused truncated
      // even with --force (nothing changes), replaced by the good backup with --force.
      const other = await createTestDatabase(dialect);
      try {
        await other.db.insertInto('pools').values({ id: '00000000-0000-4000-8000-000000000001', name: 'only-here' }).execute();
        if (dialect === 'sqlite') await other.handle.destroy(); // restore refuses a SQLite file in use
        const reopen = () => (dialect === 'sqlite' ? openDatabase({ dialect: 'sqlite', file: other.file ?? '' }) : other.handle);
        const names = async () => {
          const h = reopen();
          try {
            return (await h.db.selectFrom('pools').select('name').orderBy('name').execute()).map((p) => p.name);
          } finally {
            if (dialect === 'sqlite') await h.destroy();
          }
        };
        const plain = await runServerCli(['db', 'restore', file], { env: other.env });
        expect(plain.code).toBe(1);
        expect(plain.stderr).toMatch(/not empty \(\d+ tables\): restore refused; add --force/);
        expect(await names()).toEqual(['only-here']);
        const forcedBad = await runServerCli(['db', 'restore', '--force', truncated], { env: other.env });
        expect(forcedBad.code).toBe(1);
        expect(forcedBad.stderr).toContain('cannot be restored');
        expect(await names()).toEqual(['only-here']);
        const forced = await runServerCli(['db', 'restore', '--force', file], { env: other.env });
        expect(forced.code, forced.stderr).toBe(0);
        expect(await names()).toEqual(['pool-a', 'pool-b']);
      } finally {
        await other.destroy();
      }
    },
  );

  it.runIf(dialect === 'sqlite')('restore refuses a SQLite database another process has open (a running server), leaving it as it was', async () => {
    const file = path.join(dir, 'b.backup');
    expect((await runServerCli(['db', 'backup', '--out', file], { env: source.env })).code).toBe(0);
    await source.db.insertInto('pools').values({ id: '00000000-0000-4000-8000-000000000002', name: 'after-backup' }).execute();
    // This test process holds the database open, as `serve` would.
    const r = await runServerCli(['db', 'restore', '--force', file], { env: source.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `pacsync-server: database ${source.file} is in use by another process (is the server running? stop it first): restore refused\n`,
    );
    expect((await source.db.selectFrom('pools').select('name').execute()).map((p) => p.name)).toEqual(['after-backup']);
  });

  it.skipIf(skip !== null)('a backup of the other engine, or a file that is no backup, is refused saying so', async () => {
    const foreign = path.join(dir, 'foreign.backup');
    if (dialect === 'pg') copyFileSync(inject('sqliteTemplate'), foreign);
    else writeFileSync(foreign, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(2000, 1)]));
    const r = await runServerCli(['db', 'restore', foreign], { env: source.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      dialect === 'pg'
        ? `pacsync-server: ${foreign} is a SQLite backup, but the configured database is ` +
            `PostgreSQL: restore it into a SQLite database (set [database] type/url accordingly)\n`
        : `pacsync-server: ${foreign} is a PostgreSQL backup, but the configured database is ` +
            `SQLite: restore it into a PostgreSQL database (set [database] type/url accordingly)\n`,
    );
    writeFileSync(foreign, '-- PostgreSQL database dump\nCREATE TABLE x ();\n');
    expect((await runServerCli(['db', 'restore', foreign], { env: source.env })).stderr).toContain(
      'is not a pacsync backup: neither a PostgreSQL custom-format dump',
    );
    expect((await runServerCli(['db', 'restore', path.join(dir, 'nope')], { env: source.env })).stderr).toBe(
      `pacsync-server: ${path.join(dir, 'nope')}: no such file\n`,
    );
  });
});

describe.skipIf(pgToolsMissing !== null)('db backup on PostgreSQL: the tools', () => {
  let source: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    source = await createTestDatabase('pg');
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-backup-test-'));
  });
  afterEach(async () => {
    await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const password = () => decodeURIComponent(new URL(source.url ?? '').password);

  it('a missing pg_dump is one line naming it', async () => {
    const r = await runServerCli(['db', 'backup', '--out', path.join(dir, 'b')], { env: { ...source.env, PATH: path.join(dir, 'empty') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pacsync-server: pg_dump not found on PATH: install the PostgreSQL client tools/);
  });

  it('the password goes to pg_dump in its environment, never its arguments; a server version mismatch says what to install', async () => {
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'args');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bin);
    // Stands in for a pg_dump older than the server: records what it was given, answers as one would.
    writeFileSync(
      path.join(bin, 'pg_dump'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${log}\necho "PGPASSWORD=$PGPASSWORD" >> ${log}\necho 'pg_dump: error: aborting because ` +
        `of server version mismatch' >&2\necho 'pg_dump: detail: server version: 17.2; pg_dump version: 15.18' >&2\nexit 1\n`,
    );
    chmodSync(path.join(bin, 'pg_dump'), 0o755);
    const r = await runServerCli(['db', 'backup', '--out', path.join(dir, 'b')], {
      env: { ...source.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'pacsync-server: pg_dump 15.18 cannot back up a PostgreSQL 17.2 server (server version ' +
        'mismatch): install the PostgreSQL 17 client tools and put their pg_dump first on PATH\n',
    );
    const [args, env] = readFileSync(log, 'utf8').split('PGPASSWORD=');
    expect(args).toContain('--format=custom');
    const dbname = /^--dbname=(.*)$/m.exec(args ?? '')?.[1] ?? '';
    expect(new URL(dbname).password).toBe(''); // the URL without its password
    expect(new URL(dbname).pathname).toBe(new URL(source.url ?? '').pathname);
    expect(args).not.toContain(`:${password()}@`);
    expect(env?.trim()).toBe(password());
    expect(existsSync(path.join(dir, 'b'))).toBe(false);
  });
});
