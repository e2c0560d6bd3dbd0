// What every repository function takes first: the database or an open transaction
// (Transaction<Database> is a Kysely<Database>), so services decide transaction boundaries.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type Executor = Kysely<Database>;

/** Rows of a paged list plus the total number of matching rows. */
export interface Paged<T> {
  rows: T[];
  total: number;
}
