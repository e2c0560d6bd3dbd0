// Pool and endpoint names are unique. Services check first (a clear 409 before anything is
// written), and the database's unique index settles the race when two requests pass that check
// at the same moment: the loser's unique violation becomes the same 409, never a 500.
import { ConflictError } from '../../core/errors.js';
import { isUniqueViolation } from '../../db/errors.js';

export type NamedResource = 'pool' | 'endpoint';

/** 409 RESOURCE_CONFLICT naming the taken name. */
export function nameTaken(resource: NamedResource, name: string): ConflictError {
  return new ConflictError(`${resource === 'pool' ? 'a pool' : 'an endpoint'} named '${name}' already exists`, { field: 'name', name });
}

/** Runs `write`; a unique violation in it means `name` was taken meanwhile (see above). */
export async function refusingTakenName<T>(resource: NamedResource, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(resource, name);
    throw err;
  }
}
