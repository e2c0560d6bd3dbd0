// Pools and endpoints are given by name or by id. An id (a UUID) is used as it is — the server
// answers 404 (exit 1) when there is none; a name is looked up with the list's `search` filter
// (a case-insensitive substring) and must match exactly. A name nobody has is exit 1 too.
import { CliError } from '../agent/errors.js';
import type { PageOf } from '../contracts/common.contract.js';
import { isUuid } from '../core/names.js';
import type { AdminApi } from './admin-api.js';

const PAGE = 1000;

async function findByName<T extends { id: string; name: string }>(
  list: (q: { search: string; limit: number; offset: number }) => Promise<PageOf<T>>,
  name: string,
): Promise<T | null> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await list({ search: name, limit: PAGE, offset });
    const hit = page.items.find((i) => i.name === name);
    if (hit) return hit;
    if (!page.has_more) return null;
  }
}

/** The id of the pool `ref` (a name or an id). */
export async function poolId(api: AdminApi, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const hit = await findByName((q) => api.listPools(q), ref);
  if (!hit) throw new CliError(`no pool named '${ref}' (pacsync-admin pools list shows them)`);
  return hit.id;
}

/** The id of the endpoint `ref` (a name or an id). */
export async function endpointId(api: AdminApi, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const hit = await findByName((q) => api.listEndpoints(q), ref);
  if (!hit) throw new CliError(`no endpoint named '${ref}' (pacsync-admin endpoints list shows them)`);
  return hit.id;
}
