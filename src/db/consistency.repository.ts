// Consistency checks (seed "Data Consistency Checks", issue #12): rows whose references lead
// nowhere, more than one target per pool, and the engine's own checks (SQLite `PRAGMA
// foreign_key_check` and `integrity_check`; PostgreSQL foreign keys left NOT VALID). Foreign keys
// normally make orphans impossible; these find what a manual edit, a restore without constraints
// or SQLite with foreign_keys off left behind.
import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Executor } from './executor.js';

export interface ConsistencyProblem {
  /** Stable name of the check, e.g. `states_without_endpoint`. */
  check: string;
  description: string;
  count: number;
  /** Up to SAMPLE ids (or descriptions) of the offending rows. */
  samples: string[];
}

const SAMPLE = 10;

/** child.column points at parent.id: the seed's orphan checks, for every reference of the schema. */
const REFERENCES: readonly { check: string; child: string; column: string; parent: string; what: string }[] = [
  { check: 'endpoints_without_pool', child: 'endpoints', column: 'pool_id', parent: 'pools', what: 'endpoints whose pool is missing' },
  {
    check: 'endpoints_without_current_state',
    child: 'endpoints',
    column: 'current_state_id',
    parent: 'package_states',
    what: 'endpoints whose current_state_id names a missing state',
  },
  {
    check: 'states_without_endpoint',
    child: 'package_states',
    column: 'endpoint_id',
    parent: 'endpoints',
    what: 'package states of missing endpoints',
  },
  { check: 'states_without_pool', child: 'package_states', column: 'pool_id', parent: 'pools', what: 'package states of deleted pools' },
  {
    check: 'operations_without_endpoint',
    child: 'sync_operations',
    column: 'endpoint_id',
    parent: 'endpoints',
    what: 'operations of missing endpoints',
  },
  { check: 'operations_without_pool', child: 'sync_operations', column: 'pool_id', parent: 'pools', what: 'operations of missing pools' },
  {
    check: 'repositories_without_endpoint',
    child: 'repositories',
    column: 'endpoint_id',
    parent: 'endpoints',
    what: 'repository reports of missing endpoints',
  },
  { check: 'api_keys_without_endpoint', child: 'api_keys', column: 'endpoint_id', parent: 'endpoints', what: 'API keys of missing endpoints' },
  { check: 'events_without_endpoint', child: 'system_events', column: 'endpoint_id', parent: 'endpoints', what: 'events naming missing endpoints' },
  { check: 'events_without_pool', child: 'system_events', column: 'pool_id', parent: 'pools', what: 'events naming missing pools' },
  { check: 'drift_history_without_pool', child: 'drift_history', column: 'pool_id', parent: 'pools', what: 'drift history of missing pools' },
];

async function rows<T>(db: Executor, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

async function orphans(db: Executor, ref: (typeof REFERENCES)[number]): Promise<ConsistencyProblem | null> {
  const where = sql`c.${sql.ref(ref.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${sql.table(ref.parent)} AS p WHERE p.id = c.${sql.ref(ref.column)})`;
  const [n] = await rows(db, sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(ref.child)} AS c WHERE ${where}`);
  const count = Number(n?.n ?? 0);
  if (count === 0) return null;
  const sample = await rows(
    db,
    sql<{ id: string }>`SELECT c.id AS id FROM ${sql.table(ref.child)} AS c WHERE ${where} ORDER BY c.id LIMIT ${sql.lit(SAMPLE)}`,
  );
  return { check: ref.check, description: ref.what, count, samples: sample.map((r) => String(r.id)) };
}

async function targetProblems(db: Executor): Promise<ConsistencyProblem[]> {
  const out: ConsistencyProblem[] = [];
  const multiple = await db
    .selectFrom('package_states')
    .select(['pool_id', sql<number>`count(*)`.as('n')])
    .where('is_target', '=', true)
    .where('pool_id', 'is not', null)
    .groupBy('pool_id')
    .having(sql<number>`count(*)`, '>', 1)
    .orderBy('pool_id')
    .execute();
  if (multiple.length > 0) {
    out.push({
      check: 'pools_with_several_targets',
      description: 'pools with more than one target state',
      count: multiple.length,
      samples: multiple.slice(0, SAMPLE).map((m) => `${m.pool_id} (${Number(m.n)} targets)`),
    });
  }
  const poolless = await db
    .selectFrom('package_states')
    .select('id')
    .where('is_target', '=', true)
    .where('pool_id', 'is', null)
    .orderBy('id')
    .execute();
  if (poolless.length > 0) {
    out.push({
      check: 'targets_without_pool',
      description: 'target states that belong to no pool',
      count: poolless.length,
      samples: poolless.slice(0, SAMPLE).map((r) => r.id),
    });
  }
  return out;
}

async function sqliteProblems(db: Executor): Promise<ConsistencyProblem[]> {
  const out: ConsistencyProblem[] = [];
  const fk = await rows(db, sql<{ table: string; rowid: number | null; parent: string }>`PRAGMA foreign_key_check`);
  if (fk.length > 0) {
    out.push({
      check: 'foreign_key_check',
      description: 'rows PRAGMA foreign_key_check reports (a reference to a missing row)',
      count: fk.length,
      samples: fk.slice(0, SAMPLE).map((r) => `${r.table} rowid ${r.rowid ?? '?'} → ${r.parent}`),
    });
  }
  const integrity = (await rows(db, sql<{ integrity_check: string }>`PRAGMA integrity_check`))
    .map((r) => r.integrity_check)
    .filter((r) => r !== 'ok');
  if (integrity.length > 0)
    out.push({
      check: 'integrity_check',
      description: 'PRAGMA integrity_check findings',
      count: integrity.length,
      samples: integrity.slice(0, SAMPLE),
    });
  return out;
}

async function postgresProblems(db: Executor): Promise<ConsistencyProblem[]> {
  const notValid = await rows(
    db,
    sql<{
      name: string;
      tbl: string;
    }>`SELECT conname AS name, conrelid::regclass::text AS tbl FROM pg_constraint WHERE contype = 'f' AND NOT convalidated ORDER BY conname`,
  );
  if (notValid.length === 0) return [];
  return [
    {
      check: 'foreign_keys_not_validated',
      description: 'foreign keys marked NOT VALID (existing rows were never checked)',
      count: notValid.length,
      samples: notValid.slice(0, SAMPLE).map((r) => `${r.tbl}.${r.name}`),
    },
  ];
}

/** Every problem found; empty when the database is consistent. */
export async function checkConsistency(db: Executor, dialect: Dialect): Promise<ConsistencyProblem[]> {
  const problems: ConsistencyProblem[] = [];
  for (const ref of REFERENCES) {
    const p = await orphans(db, ref);
    if (p) problems.push(p);
  }
  problems.push(...(await targetProblems(db)));
  problems.push(...(dialect === 'sqlite' ? await sqliteProblems(db) : await postgresProblems(db)));
  return problems;
}
