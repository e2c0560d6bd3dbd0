// `pacsync-server db check`, `db stats` and `db vacuum` on both engines: check finds problems
// planted behind the foreign keys' back (exit 1, listing them) and nothing on a sound database;
// stats counts what is there; vacuum gives back the space of deleted rows and analyses.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/dialect.js';
import type { Executor } from '../../src/db/executor.js';
import { DIALECTS, type TestDatabase, createTestDatabase } from '../support/database.js';
import { state } from '../support/package-states.js';
import { seedRetention } from '../support/retention-seed.js';
import { runServerCli } from '../support/server-process.js';

describe.each(DIALECTS)('db check, stats and vacuum on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await seedRetention(t.db, new Date());
  });
  afterEach(() => t.destroy());
  const cli = (...args: string[]) => runServerCli(args, { env: t.env });

  /** Writes with the foreign keys not enforced, as a damaged or hand-edited database has them. */
  async function behindForeignKeys(write: (db: Executor) => Promise<void>): Promise<void> {
    if (dialect === 'sqlite') {
      await sql`PRAGMA foreign_keys = OFF`.execute(t.db);
      try {
        await write(t.db);
      } finally {
        await sql`PRAGMA foreign_keys = ON`.execute(t.db);
      }
      return;
    }
    await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await write(trx);
    });
  }

  it('check: a sound database has no problems (exit 0); planted orphans and a second target are listed (exit 1)', async () => {
    expect(await cli('db', 'check')).toMatchObject({ code: 0, stdout: 'no problems found\n' });

    const missing = newId();
    const ids = { endpoint: newId(), state: newId(), poolState: newId(), op: newId(), current: newId() };
    const [pool] = await t.db.selectFrom('pools').select('id').where('name', '=', 'pool-b').execute();
    const poolId = pool?.id ?? '';
    // A second target in a pool needs the seed's unique index gone, as in a damaged database.
    await sql`DROP INDEX idx_package_states_unique_target`.execute(t.db);
    await behindForeignKeys(async (db) => {
      await db
        .insertInto('endpoints')
        .values({ id: ids.endpoint, name: 'lost', hostname: 'lost.lan', pool_id: missing, api_key_hash: 'h-lost' })
        .execute();
      await db
        .insertInto('package_states')
        .values({ id: ids.state, pool_id: null, endpoint_id: missing, state_data: state({ bash: '5.2-1' }) })
        .execute();
      await db
        .insertInto('package_states')
        .values({ id: ids.poolState, pool_id: missing, endpoint_id: null, state_data: state({ bash: '5.2-1' }) })
        .execute();
      await db.insertInto('sync_operations').values({ id: ids.op, pool_id: null, endpoint_id: missing, operation_type: 'sync_to_latest' }).execute();
      await db
        .insertInto('endpoints')
        .values({ id: ids.current, name: 'no-state', hostname: 'no-state.lan', pool_id: null, api_key_hash: 'h-ns', current_state_id: missing })
        .execute();
      await db
        .insertInto('package_states')
        .values([
          { id: newId(), pool_id: poolId, endpoint_id: null, state_data: state({ bash: '5.2-1' }), is_target: true },
          { id: newId(), pool_id: poolId, endpoint_id: null, state_data: state({ bash: '5.3-1' }), is_target: true },
        ])
        .execute();
    });

    const json = await cli('db', 'check', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; problems: { check: string; count: number; samples: string[] }[] };
    expect(report.ok).toBe(false);
    const found = Object.fromEntries(report.problems.map((p) => [p.check, p]));
    expect(found.endpoints_without_pool).toMatchObject({ count: 1, samples: [ids.endpoint] });
    expect(found.states_without_endpoint).toMatchObject({ count: 1, samples: [ids.state] });
    expect(found.states_without_pool).toMatchObject({ count: 1, samples: [ids.poolState] });
    expect(found.operations_without_endpoint).toMatchObject({ count: 1, samples: [ids.op] });
    expect(found.endpoints_without_current_state).toMatchObject({ count: 1, samples: [ids.current] });
    expect(found.pools_with_several_targets).toMatchObject({ count: 1, samples: [`${poolId} (2 targets)`] });
    if (dialect === 'sqlite') expect(found.foreign_key_check?.count).toBe(5);
    expect(Object.keys(found).sort()).toEqual(
      [
        'endpoints_without_current_state',
        'endpoints_without_pool',
        'operations_without_endpoint',
        'pools_with_several_targets',
        'states_without_endpoint',
        'states_without_pool',
        ...(dialect === 'sqlite' ? ['foreign_key_check'] : []),
      ].sort(),
    );

    const human = await cli('db', 'check');
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^\d+ problems found:$/m);
    expect(human.stdout).toContain(`- endpoints_without_pool: 1 endpoints whose pool is missing: ${ids.endpoint}\n`);
    expect(human.stdout).toContain(`- pools_with_several_targets: 1 pools with more than one target state: ${poolId} (2 targets)\n`);
  });

  it('stats --json: every table with its row count and size; the human form is a table', async () => {
    const r = await cli('db', 'stats', '--json');
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout) as {
      engine: string;
      database_bytes: number;
      size_method: string;
      tables: { name: string; rows: number; total_bytes: number | null }[];
      indexes: { name: string; table: string }[];
      connections: { total: number; max: number } | null;
      cache_hit_ratio: number | null;
      slow_queries: unknown[] | null;
    };
    expect(stats.engine).toBe(dialect === 'pg' ? 'postgresql' : 'sqlite');
    expect(stats.size_method).toBe(dialect === 'pg' ? 'pg_relation_size' : 'dbstat');
    for (const table of [
      'pools',
      'endpoints',
      'package_states',
      'sync_operations',
      'system_events',
      'drift_history',
      'api_keys',
      'repositories',
      'schema_migrations',
    ]) {
      const row = stats.tables.find((x) => x.name === table);
      const [n] = (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows;
      expect(row?.rows, table).toBe(Number(n?.n));
      expect(row?.total_bytes, table).toBeGreaterThan(0);
    }
    expect(stats.database_bytes).toBeGreaterThanOrEqual(stats.tables.reduce((a, x) => a + (x.total_bytes ?? 0), 0));
    expect(stats.indexes.find((i) => i.name === 'idx_package_states_unique_target')?.table).toBe('package_states');
    if (dialect === 'pg') {
      expect(stats.connections?.total).toBeGreaterThanOrEqual(1);
      expect(stats.connections?.max).toBeGreaterThan(0);
      expect(stats.cache_hit_ratio === null || (stats.cache_hit_ratio >= 0 && stats.cache_hit_ratio <= 1)).toBe(true);
      // The test cluster has no pg_stat_statements: said so, not an error.
      expect(stats.slow_queries).toBeNull();
    } else {
      expect(stats.connections).toBeNull();
    }
    const human = await cli('db', 'stats');
    expect(human.stdout).toMatch(/^TABLE +ROWS +TABLE SIZE +INDEXES +TOTAL$/m);
    expect(human.stdout).toMatch(/^pools +2 +/m);
    expect(human.stdout).toMatch(/^database size: /m);
  });

  it('vacuum --json: sizes before and after; the space of deleted rows comes back (SQLite) and the tables are analysed', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: newId(), event_type: 'bulk', message: `${i} ${'x'.repeat(2000)}` }));
    for (let i = 0; i < rows.length; i += 50)
      await t.db
        .insertInto('system_events')
        .values(rows.slice(i, i + 50))
        .execute();
    await t.db.deleteFrom('system_events').where('event_type', '=', 'bulk').execute();
    // SQLite: the freed pages into the main file's free list first, so what shrinks is VACUUM's doing.
    if (dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.db);

    const r = await cli('db', 'vacuum', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      engine: string;
      before_bytes: number;
      after_bytes: number;
      tables: { name: string; before_bytes: number; after_bytes: number }[];
    };
    expect(report.tables.map((x) => x.name)).toContain('system_events');
    if (dialect === 'sqlite') {
      expect(report.after_bytes).toBeLessThan(report.before_bytes - 300 * 2000 * 0.5);
      const [stat] = (await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(t.db)).rows;
      expect(Number(stat?.n)).toBe(1);
    } else {
      expect(report.after_bytes).toBeGreaterThan(0);
      const [analysed] = (
        await sql<{ last: string | null }>`SELECT last_analyze::text AS last FROM pg_stat_user_tables WHERE relname = 'system_events'`.execute(t.db)
      ).rows;
      expect(analysed?.last).not.toBeNull();
    }
    const human = await cli('db', 'vacuum');
    expect(human.stdout).toMatch(/^database: .+ before, .+ after \(.+\)$/m);
  });
});
