import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../db/schema.js';
export interface ServiceContext {
    db: Kysely<Database>;
    clock: Clock;
}
