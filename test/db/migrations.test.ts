// The migrations build exactly the seed schema (plus the product's own additions, one fixture entry
// per migration) on both engines, roll back to empty, apply one at a time, never leave a failed
// migration half-applied, keep at most one active operation per endpoint (004), and add the package
// index column without touching existing states (005), approve existing endpoints while new
// ones start pending (006), and keep one row per alert (008).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/dialect.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { type Migration, loadMigrations } from '../../src/db/migration.js';
import { Migrator } from '../../src/db/migrator.js';
import { BOOLEAN_COLUMNS, JSON_COLUMNS } from '../../src/db/schema.js';
import { type TestDatabase, DIALECTS, createTestDatabase } from '../support/database.js';
import { type SchemaInfo, introspect } from '../support/introspect.js';
import { state } from '../support/package-states.js';
import { SQLITE_NOW, expectedSchema } from './seed-schema.fixture.js';

const migrations = await loadMigrations();
/** Every version this build ships, oldest first, and the newest of them. */
const versions = migrations.map((m) => m.version);
const latest = versions[versions.length - 1] as string;
/** `version:state` for every shipped migration, the first `applied` of them applied. */
const statusAfter = (applied: number) => versions.map((v, i) => `${v}:${i < applied ? 'applied' : 'pending'}`);

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

  it('the fixture describes every migration this build ships', () => {
    expect(versions.slice(0, 4)).toEqual(['001', '002', '003', '004']);
    for (const v of versions) expect(() => expectedSchema(dialect, v)).not.toThrow();
  });

  it('from an empty database, apply-all builds every seed table, column, default, foreign key and index', async () => {
    expect(await schema()).toEqual({});
    expect(await statusLine()).toEqual(statusAfter(0));

    const applied = await migrator.applyAll();
    expect(applied.map((m) => m.version)).toEqual(versions);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, latest)));
    const status = await migrator.status();
    expect(status.map((s) => [s.version, s.applied, s.description]).slice(0, 4)).toEqual([
      ['001', true, 'Initial database schema'],
      ['002', true, 'Add repository analysis tables'],
      ['003', true, 'Product columns'],
      ['004', true, 'One active operation per endpoint'],
    ]);
    expect(status.every((s) => s.applied)).toBe(true);
    for (const s of status) expect(s.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await migrator.applyAll()).toEqual([]);
  });

  it('rolling back one at a time from the latest returns to an empty schema, with the right status at each step', async () => {
    await migrator.applyAll();
    for (let remaining = versions.length - 1; remaining >= 0; remaining--) {
      expect((await migrator.rollback())?.version).toBe(versions[remaining]);
      expect(await statusLine()).toEqual(statusAfter(remaining));
      if (remaining > 0) expect(await schema()).toEqual(canonical(expectedSchema(dialect, versions[remaining - 1] as string)));
    }
    // Only the (now empty) history table is left.
    expect(Object.keys(await schema())).toEqual(['schema_migrations']);
    expect(await t.db.selectFrom('schema_migrations').selectAll().execute()).toEqual([]);
    expect(await migrator.rollback()).toBeNull();
    // And it all comes back.
    await migrator.applyAll();
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, latest)));
  });

  it('apply 001 applies only 001; a version whose predecessor is missing is refused by name', async () => {
    expect(await migrator.apply('001')).toBe(true);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '001')));
    expect(await statusLine()).toEqual(statusAfter(1));

    await expect(migrator.apply('003')).rejects.toThrow('cannot apply 003: earlier migration 002 not applied');
    await expect(migrator.apply('998')).rejects.toThrow('unknown migration 998');
    expect(await statusLine()).toEqual(statusAfter(1));

    expect(await migrator.apply('002')).toBe(true);
    expect(await migrator.apply('002')).toBe(false); // already applied: nothing to do
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '002')));
  });

  it('a failing migration leaves no trace: no table, no column, no history row', async () => {
    await migrator.applyAll();
    const before = await schema();
    const failing: Migration = {
      version: '999',
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
    await expect(withFailing.applyAll()).rejects.toThrow(/migration 999 \(Half-way failure\) failed, nothing of it was applied: .*no_such_table/);
    expect(await schema()).toEqual(before);
    expect(await statusLine()).toEqual(statusAfter(versions.length));
    expect((await withFailing.status()).map((s) => `${s.version}:${s.applied}`)).toEqual([...versions.map((v) => `${v}:true`), '999:false']);
  });

  it('004 on a database that already holds several active operations per endpoint keeps one and cancels the rest', async () => {
    await migrator.apply('001');
    await migrator.apply('002');
    await migrator.apply('003');
    const db = t.db;
    const pool = newId();
    await db.insertInto('pools').values({ id: pool, name: 'lab' }).execute();
    const ep = async (name: string) => {
      const id = newId();
      await db
        .insertInto('endpoints')
        .values({ id, name, hostname: `${name}.lan`, pool_id: pool, api_key_hash: `h-${name}` })
        .execute();
      return id;
    };
    const [a, b, c] = [await ep('a'), await ep('b'), await ep('c')];
    const op = async (endpointId: string, status: string, hour: number) => {
      const id = newId();
      const at = new Date(Date.UTC(2024, 0, 1, hour));
      await db
        .insertInto('sync_operations')
        .values({ id, pool_id: pool, endpoint_id: endpointId, operation_type: 'sync_to_latest', status, created_at: at })
        .execute();
      return id;
    };
    // a: two pending → the newer stays. b: an older in_progress beats a newer pending. c: one active, one done: untouched.
    const aOld = await op(a, 'pending', 1);
    const aNew = await op(a, 'pending', 2);
    const bRunning = await op(b, 'in_progress', 1);
    const bPending = await op(b, 'pending', 3);
    const cActive = await op(c, 'pending', 1);
    const cDone = await op(c, 'completed', 2);

    expect(await migrator.apply('004')).toBe(true);
    const rows = await db.selectFrom('sync_operations').select(['id', 'status', 'error_message', 'completed_at']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([aOld, aNew, bRunning, bPending, cActive, cDone].map((id) => byId.get(id)?.status)).toEqual([
      'cancelled',
      'pending',
      'in_progress',
      'cancelled',
      'pending',
      'completed',
    ]);
    for (const id of [aOld, bPending]) {
      expect(byId.get(id)?.error_message).toBe('cancelled by migration 004: another operation of this endpoint was already active');
      expect(byId.get(id)?.completed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(byId.get(aNew)?.error_message).toBeNull();
    // The rule now holds: a's second active operation is refused.
    await expect(op(a, 'pending', 4)).rejects.toSatisfy(isUniqueViolation);
    // Rolled back, the index goes and the data stays as it is.
    expect((await migrator.rollback())?.version).toBe('004');
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '003')));
    await op(a, 'pending', 5);
  });

  it('005 adds an empty package index to existing states (filled later, on first use) and down drops it, keeping the states', async () => {
    for (const v of ['001', '002', '003', '004']) await migrator.apply(v);
    const db = t.db;
    const pool = newId();
    await db.insertInto('pools').values({ id: pool, name: 'lab' }).execute();
    const ids = [newId(), newId()];
    for (const id of ids)
      await db
        .insertInto('package_states')
        .values({ id, pool_id: pool, state_data: state({ bash: '5.2.026-2' }) } as never)
        .execute();

    expect(await migrator.apply('005')).toBe(true);
    const rows = await db.selectFrom('package_states').select(['id', 'package_index', 'state_data']).orderBy('id').execute();
    expect(rows.map((r) => [r.package_index, r.state_data.packages.bash?.version])).toEqual([
      [null, '5.2.026-2'],
      [null, '5.2.026-2'],
    ]);

    expect((await migrator.rollback())?.version).toBe('005');
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '004')));
    expect(await db.selectFrom('package_states').select('id').execute()).toHaveLength(2);
  });

  it(
    '006 approves the endpoints that already exist, starts new ones pending ' + 'and counts no key uses; down drops the columns, keeping the rows',
    async () => {
      for (const v of ['001', '002', '003', '004', '005']) await migrator.apply(v);
      const db = t.db;
      const old = newId();
      await db.insertInto('endpoints').values({ id: old, name: 'old', hostname: 'old.lan', api_key_hash: 'h-old' }).execute();
      const key = newId();
      await db
        .insertInto('api_keys')
        .values({ id: key, key_hash: 'k-1', name: 'lab', permissions: { role: 'enroll' } } as never)
        .execute();

      expect(await migrator.apply('006')).toBe(true);
      const fresh = newId();
      await db.insertInto('endpoints').values({ id: fresh, name: 'new', hostname: 'new.lan', api_key_hash: 'h-new' }).execute();
      const rows = await db.selectFrom('endpoints').select(['id', 'approval']).execute();
      expect(Object.fromEntries(rows.map((r) => [r.id === old ? 'old' : 'new', r.approval]))).toEqual({ old: 'approved', new: 'pending' });
      expect(await db.selectFrom('api_keys').select(['uses', 'max_uses']).where('id', '=', key).executeTakeFirst()).toEqual({
        uses: 0,
        max_uses: null,
      });

      expect((await migrator.rollback())?.version).toBe('006');
      expect(await schema()).toEqual(canonical(expectedSchema(dialect, '005')));
      expect(await db.selectFrom('endpoints').select('id').execute()).toHaveLength(2);
      expect(await db.selectFrom('api_keys').select('id').execute()).toHaveLength(1);
    },
  );

  it('008 keeps one state row per alert name, with sizes beyond 32 bits; down drops the table', async () => {
    for (const v of versions.filter((v) => v < '008')) await migrator.apply(v);
    expect(await migrator.apply('008')).toBe(true);
    const row = {
      name: 'database_size',
      severity: 'warning',
      value: 12 * 1024 ** 3,
      threshold: 10 * 1024 ** 3,
      message: 'm',
      raised_at: '2024-01-15T10:00:00.000Z',
    };
    await t.db
      .insertInto('alerts')
      .values({ id: newId(), ...row })
      .execute();
    await expect(
      t.db
        .insertInto('alerts')
        .values({ id: newId(), ...row })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await t.db.selectFrom('alerts').select(['value', 'details', 'cleared_at']).execute()).toEqual([
      { value: 12 * 1024 ** 3, details: {}, cleared_at: null },
    ]);
    expect((await migrator.rollback())?.version).toBe('008');
    expect(Object.keys(await schema())).not.toContain('alerts');
  });

  it.runIf(dialect === 'pg')('two server instances migrating at once apply each migration exactly once', async () => {
    const other = new Migrator({ db: t.db, dialect: 'pg' }, migrations);
    const [a, b] = await Promise.all([migrator.applyAll(), other.applyAll()]);
    expect([...a, ...b].map((m) => m.version).sort()).toEqual(versions);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, latest)));
  });

  it("010 copies each state's package count and revert origin out of state_data, and down drops the columns, keeping the states", async () => {
    for (const v of versions.filter((v) => v < '010')) await migrator.apply(v);
    const db = t.db;
    const pool = newId();
    await db.insertInto('pools').values({ id: pool, name: 'lab' }).execute();
    const [plain, reverted, bare] = [newId(), newId(), newId()];
    const s = state({ bash: '5.2.026-2', zsh: '5.9-1' });
    await db
      .insertInto('package_states')
      .values({ id: plain, pool_id: pool, state_data: s } as never)
      .execute();
    await db
      .insertInto('package_states')
      .values({ id: reverted, pool_id: pool, state_data: { ...s, metadata: { ...s.metadata, reverted_from: plain } } } as never)
      .execute();
    await db
      .insertInto('package_states')
      .values({ id: bare, pool_id: pool, state_data: { packages: {}, metadata: {} } } as never)
      .execute();

    expect(await migrator.apply('010')).toBe(true);
    const rows = await db.selectFrom('package_states').select(['id', 'total_packages', 'reverted_from']).execute();
    const byId = new Map(rows.map((r) => [r.id, [r.total_packages, r.reverted_from]]));
    expect(byId.get(plain)).toEqual([2, null]);
    expect(byId.get(reverted)).toEqual([2, plain]);
    expect(byId.get(bare)).toEqual([0, null]);

    expect((await migrator.rollback())?.version).toBe('010');
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '009')));
    expect(await db.selectFrom('package_states').select('id').execute()).toHaveLength(3);
  });

  it("013 keeps every state, every endpoint's current state and the foreign keys; on SQLite state_data is the last column", async () => {
    for (const v of versions.filter((v) => v < '013')) await migrator.apply(v);
    const db = t.db;
    const pool = newId();
    await db.insertInto('pools').values({ id: pool, name: 'lab' }).execute();
    const [ep, other, current, older, target] = [newId(), newId(), newId(), newId(), newId()];
    for (const [id, name] of [
      [ep, 'web-1'],
      [other, 'web-2'],
    ] as const)
      await db
        .insertInto('endpoints')
        .values({ id, name, hostname: `${name}.lan`, pool_id: pool, api_key_hash: `h-${name}` } as never)
        .execute();
    const s = state({ bash: '5.2.026-2', zsh: '5.9-1' });
    const rows = [
      { id: older, endpoint_id: ep, is_target: false, content_hash: 'a'.repeat(64), total_packages: 2, package_index: 'old' },
      { id: current, endpoint_id: ep, is_target: false, content_hash: 'b'.repeat(64), total_packages: 2, package_index: null },
      { id: target, endpoint_id: null, is_target: true, content_hash: 'c'.repeat(64), total_packages: 2, package_index: 'target' },
    ];
    for (const r of rows)
      await db
        .insertInto('package_states')
        .values({ ...r, pool_id: pool, state_data: s, message: `m-${r.id}`, created_by: 'web-1', reverted_from: null } as never)
        .execute();
    await db.updateTable('endpoints').set({ current_state_id: current }).where('id', '=', ep).execute();
    const before = await db.selectFrom('package_states').selectAll().orderBy('id').execute();

    expect(await migrator.apply('013')).toBe(true);
    expect(await db.selectFrom('package_states').selectAll().orderBy('id').execute()).toEqual(before);
    const eps = await db.selectFrom('endpoints').select(['id', 'current_state_id']).orderBy('name').execute();
    expect(eps).toEqual([
      { id: ep, current_state_id: current },
      { id: other, current_state_id: null },
    ]);
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '013')));
    // The references still hold, in both directions: a state cannot name a missing endpoint, and
    // deleting the current state clears the endpoint's reference (ON DELETE SET NULL).
    await expect(
      db
        .insertInto('package_states')
        .values({ id: newId(), endpoint_id: newId(), state_data: s } as never)
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('package_states').where('id', '=', current).execute();
    expect((await db.selectFrom('endpoints').select('current_state_id').where('id', '=', ep).executeTakeFirst())?.current_state_id).toBeNull();
    if (dialect === 'sqlite') {
      const cols = await sql<{ name: string }>`PRAGMA table_info(package_states)`.execute(db);
      expect(cols.rows.map((c) => c.name).slice(-2)).toEqual(['package_index', 'state_data']);
      expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]?.foreign_keys).toBe(1);
    }
    expect((await migrator.rollback())?.version).toBe('013');
    expect(await schema()).toEqual(canonical(expectedSchema(dialect, '012')));
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
