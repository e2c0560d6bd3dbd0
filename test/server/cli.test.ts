// The built `pacsync-server` binary: migrate verbs on both engines, --create, and one-line
// failures with a non-zero exit for bad configuration and bad usage.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, type Migration, loadMigrations } from '../../src/db/migration.js';
import { Migrator } from '../../src/db/migrator.js';
import { type TestDatabase, DIALECTS, createTestDatabase } from '../support/database.js';
import { runServerCli } from '../support/server-process.js';

/** The migrations this build ships (the built binary ships the same), oldest first. */
const MIGRATIONS = await loadMigrations();
const VERSIONS = MIGRATIONS.map((m) => m.version);
const LATEST = MIGRATIONS.at(-1) as Migration;
/** `NNN state` per migration, the first `applied` of them applied. */
const statesAfter = (applied: number) => VERSIONS.map((v, i) => `${v} ${i < applied ? 'applied' : 'pending'}`);

function expectOneLineFailure(r: { code: number; stdout: string; stderr: string }, pattern: RegExp, code = 1): void {
  expect(r.code).toBe(code);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^pacsync-server: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe.each(DIALECTS)('pacsync-server migrate on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect, { migrated: false });
  });
  afterEach(async () => {
    await t.destroy();
  });
  const migrate = (...args: string[]) => runServerCli(['migrate', ...args], { env: t.env });
  const states = (stdout: string) =>
    stdout
      .split('\n')
      .filter((l) => /^\d{3} /.test(l))
      .map((l) => l.split(/\s+/).slice(0, 2).join(' '));

  it('--status, --apply 001, --apply-all, --rollback: each step reported and the status right after it', async () => {
    let r = await migrate('--status');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('VERSION  STATE    APPLIED AT                DESCRIPTION');
    expect(states(r.stdout)).toEqual(statesAfter(0));
    expect(r.stdout).toContain(`${VERSIONS.length} migrations: 0 applied, ${VERSIONS.length} pending`);

    r = await migrate('--apply', '001');
    expect(r).toMatchObject({ code: 0, stdout: 'applied 001 Initial database schema\n' });
    r = await migrate('--status');
    expect(states(r.stdout)).toEqual(statesAfter(1));
    expect(r.stdout).toMatch(/^001 +applied +\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z +Initial database schema$/m);

    expectOneLineFailure(await migrate('--apply', '003'), /cannot apply 003: earlier migration 002 not applied/);
    expectOneLineFailure(await migrate('--apply', '97'), /unknown migration 097/);

    r = await migrate('--apply-all');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${MIGRATIONS.slice(1)
        .map((m) => `applied ${m.version} ${m.description}\n`)
        .join('')}database is up to date (${VERSIONS.length} migrations)\n`,
    );
    expect(r.stdout).toContain(
      'applied 002 Add repository analysis tables\napplied 003 Product columns\napplied 004 One active operation per endpoint\n',
    );
    r = await migrate('--apply-all');
    expect(r.stdout).toBe('nothing to apply: the database is up to date\n');

    r = await migrate('--rollback');
    expect(r).toMatchObject({ code: 0, stdout: `rolled back ${LATEST.version} ${LATEST.description}\n` });
    r = await migrate('--status');
    expect(states(r.stdout)).toEqual(statesAfter(VERSIONS.length - 1));
  });
});

describe('pacsync-server migrate --create', () => {
  let dir: string;
  let t: TestDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-migrations-'));
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the next numbered migration with an empty up/down that the migrator can apply', async () => {
    const r = await runServerCli(['migrate', '--create', 'Add user authentication', '--dir', dir]);
    expect(r.code).toBe(0);
    const next = String(Number(LATEST.version) + 1).padStart(3, '0');
    const file = path.join(dir, `${next}-add-user-authentication.ts`);
    expect(existsSync(file)).toBe(true);
    expect(r.stdout).toContain(`created ${file}`);
    expect(r.stdout).toContain('npm run build');

    const migrations = await loadMigrations(dir);
    expect(migrations.map((m) => `${m.version} ${m.description}`)).toEqual([
      ...MIGRATIONS.map((m) => `${m.version} ${m.description}`),
      `${next} Add user authentication`,
    ]);
    const migrator = new Migrator(t.handle, migrations);
    expect((await migrator.applyAll()).map((m) => m.version)).toEqual([next]);
    expect((await migrator.rollback())?.version).toBe(next);
  });

  it('refuses a description without letters or digits', async () => {
    expectOneLineFailure(await runServerCli(['migrate', '--create', '  !!  ', '--dir', dir]), /description must contain letters or digits/);
  });
});

describe('pacsync-server failures are one line and a non-zero exit', () => {
  it.each([
    [
      { PACSYNC_DATABASE_TYPE: 'oracle' },
      /configuration error: database\.type must be one of sqlite, postgresql, postgres, got "oracle" \(from PACSYNC_DATABASE_TYPE\)/,
    ],
    [{ DATABASE_URL: 'postgres//broken' }, /configuration error: database\.url is not a PostgreSQL URL/],
    [{ PORT: '65536' }, /configuration error: server\.port must be an integer from 0 to 65535, got "65536" \(from PORT\)/],
  ])('serve with %o', async (env, pattern) => {
    const r = await runServerCli(['serve'], { env });
    expectOneLineFailure(r, pattern, 2);
    expect(r.stdout).toBe('');
  });

  it('a --port flag out of range, a missing --config file', async () => {
    expectOneLineFailure(await runServerCli(['serve', '--port', '99999']), /server\.port must be an integer .* \(from --port\)/, 2);
    expectOneLineFailure(
      await runServerCli(['migrate', '--status', '--config', '/nonexistent/server.conf']),
      /cannot read configuration file \/nonexistent\/server\.conf: no such file/,
      2,
    );
  });

  it('bad usage', async () => {
    expectOneLineFailure(await runServerCli(['migrate']), /migrate needs exactly one of --apply-all/);
    expectOneLineFailure(await runServerCli(['migrate', '--status', '--rollback']), /migrate needs exactly one of/);
    expectOneLineFailure(await runServerCli(['migrate', '--frobnicate']), /unknown option '--frobnicate'/);
    expectOneLineFailure(await runServerCli(['frobnicate']), /unknown command 'frobnicate'/);
  });

  it(
    'run from another directory, a command other than serve/migrate creates ' +
      "no database there; with the configuration file it finds the server's",
    async () => {
      const elsewhere = mkdtempSync(path.join(tmpdir(), 'pacsync-cwd-'));
      try {
        const r = await runServerCli(['keys', 'list'], { cwd: elsewhere });
        expectOneLineFailure(
          r,
          new RegExp(
            `^pacsync-server: configuration error: no database ` +
              `at ${path.join(elsewhere, 'data', 'pacsync.db')}: run "pacsync-server migrate --apply-all"`,
          ),
          2,
        );
        expect(readdirSync(elsewhere)).toEqual([]);
        expectOneLineFailure(await runServerCli(['migrate', '--status'], { cwd: elsewhere }), /no database at/, 2);
        // A relative data_dir in the file is the file's: the same database from any directory.
        const etc = path.join(elsewhere, 'etc');
        const { mkdirSync, writeFileSync } = await import('node:fs');
        mkdirSync(etc);
        writeFileSync(path.join(etc, 'server.conf'), '[server]\ndata_dir = ../state\n');
        const made = await runServerCli(['migrate', '--apply-all', '--config', path.join(etc, 'server.conf')], { cwd: tmpdir() });
        expect(made.code, made.stderr).toBe(0);
        const db = path.join(elsewhere, 'state', 'pacsync.db');
        expect(made.stderr).toBe(`pacsync-server: database: ${db}\n`);
        const listed = await runServerCli(['keys', 'list', '--config', path.join(etc, 'server.conf')], { cwd: '/' });
        expect([listed.code, listed.stderr]).toEqual([0, `pacsync-server: database: ${db}\n`]);
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    },
  );

  it('an unreachable PostgreSQL, without its password', async () => {
    const r = await runServerCli(['migrate', '--status'], { env: { DATABASE_URL: 'postgres://sync:hunter2@127.0.0.1:1/db' } });
    expectOneLineFailure(r, /^pacsync-server: cannot reach database postgres:\/\/sync:\*\*\*@127\.0\.0\.1:1\/db: connection refused$/);
    expect(r.stderr).not.toContain('hunter2');
  });
});
