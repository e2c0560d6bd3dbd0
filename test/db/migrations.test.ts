// The migrations build exactly the seed schema (plus 003's product columns) on both engines,
// roll back to empty, apply one at a time, and never leave a failed migration half-applied.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Migration, loadMigrations } from '../../src/db/migration.js';
import { Migrator } from '../../src/db/migrator.js';
import { BOOLEAN_COLUMNS, JSON_COLUMNS } from '../../src/db/schema.js';
import { type TestDatabase, DIALECTS, createTestDatabase } from '../support/database.js';
import { type SchemaInfo, introspect } from '../support/introspect.js';
import { SQLITE_NOW, expectedSchema } from './seed-schema.fixture.js';

const migrations = await loadMigrations();

/** Order-independent form; SQLite's NOW() replacement reduced to a token (its value is checked separately). */
function canonical(schema: SchemaInfo): SchemaInfo {
  const out: SchemaInfo = {};
  for (const name of Object.keys(schema).sort()) {
    const t = schema[name];
    if (!t) continue;
    out[name] = {
      columns: [...t.columns]
        .map((c) => (c.default !== null && /strftime\(.*'now'\)/.test(c.default) ? { ...c, default: SQLITE_NOW } : c))
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: [...t.foreignKeys].sort((a, b) => a.column.localeCompare(b.column)),
      indexes: [...t.indexes].sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
  return out;
}

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let t: TestDatabase;
  let migrator: Migrator;
  beforeEach(async () => {
    t = await createTestDatabase(dialect, { migrated: false });
    migrator = new Migrator(t.handle, migrations);
  });
  afterEach(async () => {
    await t.destroy();
  });

  const schema = async () => canonical(await introspect(t.handle));
  const statusLine = async () => (await migrator.status()).map((s) => `${s.version}:${s.applied ? 'applied' : 'pending'}`);

  it('from an empty database, apply-all builds every seed table, column, default, foreign key and index', async () => {
    expect(await schema()).toEqual({});
    expect(await statusLine()).toEqual(['001:pending', '002:pending', '003:pending']);

    const applied = await migrator.applyAll();
    expect(applied.map((m) => m.version)).toEqual(['001', '002', '003']);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '003')));
    const status = await migrator.status();
    expect(status.map((s) => [s.version, s.applied, s.description])).toEqual([
      ['001', true, 'Initial database schema'],
      ['002', true, 'Add repository analysis tables'],
      ['003', true, 'Product columns'],
    ]);
    for (const s of status) expect(s.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await migrator.applyAll()).toEqual([]);
  });

  it('rollback three times from 003 returns to an empty schema, with the right status at each step', async () => {
    await migrator.applyAll();
    const steps: [string, '001' | '002' | null, string[]][] = [
      ['003', '002', ['001:applied', '002:applied', '003:pending']],
      ['002', '001', ['001:applied', '002:pending', '003:pending']],
      ['001', null, ['001:pending', '002:pending', '003:pending']],
    ];
    for (const [rolledBack, remaining, status] of steps) {
      expect((await migrator.rollback())?.version).toBe(rolledBack);
      expect(await statusLine()).toEqual(status);
      if (remaining) expect(await schema()).toEqual(canonical(expectedSchema(dialect, remaining)));
    }
    // Only the (now empty) history table is left.
    expect(Object.keys(await schema())).toEqual(['schema_migrations']);
    expect(await t.db.selectFrom('schema_migrations').selectAll().execute()).toEqual([]);
    expect(await migrator.rollback()).toBeNull();
    // And it all comes back.
    await migrator.applyAll();
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '003')));
  });

  it('apply 001 applies only 001; a version whose predecessor is missing is refused by name', async () => {
    expect(await migrator.apply('001')).toBe(true);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '001')));
    expect(await statusLine()).toEqual(['001:applied', '002:pending', '003:pending']);

    await expect(migrator.apply('003')).rejects.toThrow('cannot apply 003: earlier migration 002 not applied');
    await expect(migrator.apply('009')).rejects.toThrow('unknown migration 009');
    expect(await statusLine()).toEqual(['001:applied', '002:pending', '003:pending']);

    expect(await migrator.apply('002')).toBe(true);
    expect(await migrator.apply('002')).toBe(false); // already applied: nothing to do
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '002')));
  });

  it('a failing migration leaves no trace: no table, no column, no history row', async () => {
    await migrator.applyAll();
    const before = await schema();
    const failing: Migration = {
      version: '004',
      description: 'Half-way failure',
      async up(m) {
        await m.exec(`CREATE TABLE half_done (id ${m.t.uuidPk})`);
        await m.exec('ALTER TABLE pools ADD COLUMN half_col TEXT');
        await m.exec('CREATE INDEX idx_half ON pools(half_col)');
        await m.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
      },
      async down() {},
    };
    const withFailing = new Migrator(t.handle, [...migrations, failing]);
    await expect(withFailing.applyAll()).rejects.toThrow(/migration 004 \(Half-way failure\) failed, nothing of it was applied: .*no_such_table/);
    expect(await schema()).toEqual(before);
    expect((await withFailing.status()).map((s) => `${s.version}:${s.applied}`)).toEqual(['001:true', '002:true', '003:true', '004:false']);
  });

  it.runIf(dialect === 'pg')('two server instances migrating at once apply each migration exactly once', async () => {
    const other = new Migrator({ db: t.db, dialect: 'pg' }, migrations);
    const [a, b] = await Promise.all([migrator.applyAll(), other.applyAll()]);
    expect([...a, ...b].map((m) => m.version).sort()).toEqual(['001', '002', '003']);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '003')));
  });

  it('schema.ts lists exactly the JSON and boolean columns the database has', async () => {
    await migrator.applyAll();
    if (dialect !== 'pg') return; // SQLite stores both as TEXT/INTEGER: only PostgreSQL's catalogue knows
    const rows = await sql<{ column_name: string; data_type: string }>`
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('jsonb', 'boolean')`.execute(t.db);
    const json = new Set(rows.rows.filter((r) => r.data_type === 'jsonb').map((r) => r.column_name));
    const bools = new Set(rows.rows.filter((r) => r.data_type === 'boolean').map((r) => r.column_name));
    expect([...json].sort()).toEqual([...JSON_COLUMNS].sort());
    expect([...bools].sort()).toEqual([...BOOLEAN_COLUMNS].sort());
  });
});
