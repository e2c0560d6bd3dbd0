import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
export type Executor = Kysely<Database>;
/** Rows of a paged list plus the total number of matching rows. */
export interface Paged<T> {
    rows: T[];
    total: number;
}
