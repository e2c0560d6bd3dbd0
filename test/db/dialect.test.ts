// The query layer is uniform: the same Kysely code reads and writes the same JavaScript values on
// PostgreSQL and SQLite (JSON as objects, booleans as booleans, timestamps as ISO strings, counts
// as numbers).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/dialect.js';
import { type TestDatabase, DIALECTS, createTestDatabase } from '../support/database.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(DIALECTS)('dialect layer on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('stores JSON objects and gives them back parsed, nested arrays included', async () => {
    const settings = { auto_sync: true, excluded_packages: ['linux*', 'nvidia'], max_history: 50, nested: { a: [1, { b: null }] } };
    const id = newId();
    await t.db.insertInto('pools').values({ id, name: 'lab', settings }).execute();
    const row = await t.db.selectFrom('pools').select(['settings', 'description']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.settings).toEqual(settings);
    expect(row.description).toBeNull();

    await t.db
      .updateTable('pools')
      .set({ settings: { auto_sync: false } })
      .where('id', '=', id)
      .execute();
    const updated = await t.db.selectFrom('pools').select('settings').where('id', '=', id).executeTakeFirstOrThrow();
    expect(updated.settings).toEqual({ auto_sync: false });
  });

  it('applies the JSON default {} and the seed string defaults', async () => {
    const id = newId();
    await t.db.insertInto('endpoints').values({ id, name: 'ws1', hostname: 'ws1.lan', api_key_hash: 'h' }).execute();
    const row = await t.db.selectFrom('endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.system_info).toEqual({});
    expect(row.package_summary).toEqual({});
    expect(row.status).toBe('offline');
    expect(row.sync_status).toBe('unknown');
  });

  it('reads booleans as booleans and filters by them', async () => {
    await t.db
      .insertInto('api_keys')
      .values([
        { id: newId(), key_hash: 'a', is_active: true },
        { id: newId(), key_hash: 'b', is_active: false },
      ])
      .execute();
    const rows = await t.db.selectFrom('api_keys').select(['key_hash', 'is_active']).orderBy('key_hash').execute();
    expect(rows).toEqual([
      { key_hash: 'a', is_active: true },
      { key_hash: 'b', is_active: false },
    ]);
    const active = await t.db.selectFrom('api_keys').select('key_hash').where('is_active', '=', true).execute();
    expect(active.map((r) => r.key_hash)).toEqual(['a']);
  });

  it('takes Dates and returns ISO-8601 UTC strings; database defaults are ISO too', async () => {
    const id = newId();
    const expires = new Date('2031-02-03T04:05:06.789Z');
    await t.db.insertInto('api_keys').values({ id, key_hash: 'k', expires_at: expires }).execute();
    const row = await t.db.selectFrom('api_keys').select(['expires_at', 'created_at', 'last_used']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBe('2031-02-03T04:05:06.789Z');
    expect(row.created_at).toMatch(ISO_UTC);
    expect(Math.abs(Date.parse(row.created_at) - Date.now())).toBeLessThan(60_000);
    expect(row.last_used).toBeNull();
    // Text comparison on SQLite, timestamptz comparison on PostgreSQL: same answer.
    const later = await t.db.selectFrom('api_keys').select('id').where('expires_at', '>', '2031-01-01T00:00:00.000Z').execute();
    expect(later).toHaveLength(1);
  });

  it('refuses a multi-row insert whose rows name different columns, on both engines', async () => {
    // SQLite has no DEFAULT in VALUES: Kysely would store NULL instead of the column default.
    const insert = t.db.insertInto('api_keys').values([
      { id: newId(), key_hash: 'a' },
      { id: newId(), key_hash: 'b', is_active: false },
    ]);
    await expect(insert.execute()).rejects.toThrow(/give every row the same columns/);
    const single = await t.db.insertInto('api_keys').values({ id: newId(), key_hash: 'c' }).returning('is_active').executeTakeFirstOrThrow();
    expect(single.is_active).toBe(true);
  });

  it.runIf(dialect === 'pg')('gives UTC ISO strings whatever the PostgreSQL session time zone', async () => {
    const id = newId();
    await t.db
      .insertInto('api_keys')
      .values({ id, key_hash: 'tz', expires_at: new Date('2031-02-03T04:05:06.789Z') })
      .execute();
    const row = await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL TIME ZONE 'Asia/Kolkata'`.execute(trx);
      return trx.selectFrom('api_keys').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow();
    });
    expect(row.expires_at).toBe('2031-02-03T04:05:06.789Z');
  });

  it('returns COUNT(*) as a number', async () => {
    await t.db
      .insertInto('pools')
      .values([
        { id: newId(), name: 'a' },
        { id: newId(), name: 'b' },
      ])
      .execute();
    const row = await t.db
      .selectFrom('pools')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(2);
    const raw = await sql<{ n: number }>`SELECT count(*) AS n FROM pools`.execute(t.db);
    expect(raw.rows[0]?.n).toBe(2);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('pools').values({ id: newId(), name: 'doomed' }).execute();
        await trx.insertInto('pools').values({ id: newId(), name: 'doomed' }).execute(); // UNIQUE(name)
      }),
    ).rejects.toThrow();
    const rows = await t.db.selectFrom('pools').select('name').execute();
    expect(rows).toEqual([]);
  });
});

describe('SQLite connection settings', () => {
  it("applies the seed's pragmas: WAL, foreign keys, synchronous NORMAL, temp_store MEMORY, cache_size 10000", async () => {
    const t = await createTestDatabase('sqlite');
    try {
      const pragma = async (name: string) => {
        const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.raw(`pragma_${name}`)}`.execute(t.db);
        return Object.values(rows[0] ?? {})[0];
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('temp_store')).toBe(2); // MEMORY
      expect(await pragma('cache_size')).toBe(10000);
    } finally {
      await t.destroy();
    }
  });
});
