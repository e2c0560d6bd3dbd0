// Clients writing to a database while a test does something else (a backup): each runs
// transactions of one row in every product table until stopped. On PostgreSQL each client has its
// own connection; on SQLite they share the test's one, as the server's requests share its one
// connection (separate better-sqlite3 connections in one process would block each other's thread
// while waiting for the write lock).
import { openDatabase } from '../../src/db/database.js';
import { newId } from '../../src/db/dialect.js';
import type { TestDatabase } from './database.js';
import { state } from './package-states.js';

export interface Writers {
  /** Transactions committed so far, all clients together. */
  committed(): number;
  /** Stops every client after its current transaction; resolves to the total committed. */
  stop(): Promise<number>;
}

export function startWriters(t: TestDatabase, clients: number): Writers {
  let running = true;
  let committed = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    const handle = t.dialect === 'pg' ? openDatabase({ dialect: 'pg', url: t.url ?? '', poolMax: 1 }) : null;
    const db = handle?.db ?? t.db;
    try {
      for (let i = 0; running; i += 1) {
        await db.transaction().execute(async (trx) => {
          const pool = newId();
          const ep = newId();
          const st = newId();
          await trx
            .insertInto('pools')
            .values({ id: pool, name: `w${c}-${i}`, settings: { max_history: 5 } })
            .execute();
          await trx
            .insertInto('endpoints')
            .values({ id: ep, name: `w${c}-${i}`, hostname: `w${c}-${i}.lan`, pool_id: pool, api_key_hash: `h-${c}-${i}`, approval: 'approved' })
            .execute();
          await trx
            .insertInto('package_states')
            .values({ id: st, pool_id: pool, endpoint_id: ep, state_data: state({ bash: `5.${i}-1`, glibc: '2.39-1' }), is_target: i % 2 === 0 })
            .execute();
          await trx
            .updateTable('endpoints')
            .set({ current_state_id: st, package_summary: { total: 2 } })
            .where('id', '=', ep)
            .execute();
          await trx
            .insertInto('repositories')
            .values({ id: newId(), endpoint_id: ep, repo_name: 'core', packages: { packages: { bash: { version: '5.2-1' } } } })
            .execute();
          await trx
            .insertInto('sync_operations')
            .values({
              id: newId(),
              pool_id: pool,
              endpoint_id: ep,
              operation_type: 'sync_to_latest',
              status: 'completed',
              details: { pre_sync_state_id: st, dry_run: false },
            })
            .execute();
          await trx
            .insertInto('api_keys')
            .values({ id: newId(), endpoint_id: ep, key_hash: `k-${c}-${i}`, name: `w${c}-${i}`, permissions: { role: 'endpoint' } })
            .execute();
          await trx
            .insertInto('system_events')
            .values({ id: newId(), event_type: 'writer', message: `client ${c} #${i}`, pool_id: pool, endpoint_id: ep, details: { i } })
            .execute();
          await trx.insertInto('drift_history').values({ id: newId(), pool_id: pool, in_sync: 1, total: 1 }).execute();
        });
        committed += 1;
        // better-sqlite3 answers synchronously, so Kysely's promises resolve as microtasks only:
        // without a macrotask turn here the loop would starve every timer and child-process event.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      await handle?.destroy();
    }
  });
  return {
    committed: () => committed,
    async stop() {
      running = false;
      await Promise.all(loops);
      return committed;
    },
  };
}

export const TABLES = [
  'pools',
  'endpoints',
  'package_states',
  'repositories',
  'sync_operations',
  'api_keys',
  'system_events',
  'drift_history',
  'schema_migrations',
] as const;

/** Every row of every table, keyed by id (schema_migrations: by version). */
export async function dumpRows(db: TestDatabase['db']): Promise<Record<string, Map<string, unknown>>> {
  const out: Record<string, Map<string, unknown>> = {};
  for (const table of TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = new Map(rows.map((r) => [String(table === 'schema_migrations' ? r.version : r.id), r]));
  }
  return out;
}
