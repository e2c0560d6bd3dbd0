// What every repository function takes first: the database or an open transaction
// (Transaction<Database> is a Kysely<Database>), so services decide transaction boundaries.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from './schema.js';

export type Executor = Kysely<Database>;

/** Rows of a paged list plus the total number of matching rows. */
export interface Paged<T> {
  rows: T[];
  total: number;
}

/**
 * How many rows `query` (a selectFrom with its where clauses, nothing selected yet) matches: the
 * `total` of a page. Runs the same filters as the page itself, so both always agree.
 */
export async function countRows<DB, TB extends keyof DB>(query: SelectQueryBuilder<DB, TB, object>): Promise<number> {
  // $castTo: over a generic DB, Kysely cannot infer what the selection adds to the row type.
  const row = await query
    .select(sql<number>`count(*)`.as('total'))
    .$castTo<{ total: number }>()
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
