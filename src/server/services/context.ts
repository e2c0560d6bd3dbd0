// What every service needs: the database and the clock. Services are constructed once per app
// (buildApp) and hold no request state.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../db/schema.js';

export interface ServiceContext {
  db: Kysely<Database>;
  clock: Clock;
}
