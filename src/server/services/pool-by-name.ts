// A pool given by its name where an id is asked (`pool` beside `pool_id` in a request body).
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Executor } from '../../db/executor.js';
import { findPoolByName } from '../../db/pool.repository.js';

/**
 * The pool id meant by `{pool_id?, pool?}`: pool_id as given, or the id of the pool named `pool`
 * (404 naming it when there is none); both at once is a 400 on `field`. Undefined when neither.
 */
export async function poolIdOf(db: Executor, body: { pool_id?: string | null; pool?: string }, field: string): Promise<string | null | undefined> {
  if (body.pool === undefined) return body.pool_id;
  if (body.pool_id !== undefined) throw new ValidationError(field, 'give either pool (a name) or pool_id, not both');
  const named = await findPoolByName(db, body.pool);
  if (!named) throw new NotFoundError('pool', body.pool);
  return named.id;
}
