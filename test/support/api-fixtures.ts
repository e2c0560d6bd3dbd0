// Data for API tests, written through the services and repositories (fast, same rules as the
// API) rather than through HTTP: pools, endpoints with their keys, keys of every role (also
// expired and revoked ones), and package states (pool targets and endpoint reports).
import { newId } from '../../src/db/dialect.js';
import { insertApiKey } from '../../src/db/api-key.repository.js';
import { clearPoolTarget, insertPackageState } from '../../src/db/package-state.repository.js';
import type { PackageStateData } from '../../src/core/package-state.js';
import { generateApiKey, hashApiKey } from '../../src/server/auth/api-key.js';
import type { Principal } from '../../src/server/auth/principal.js';
import type { TestApp } from './app.js';
import { state } from './package-states.js';

let seq = 0;
/** A name nobody used yet in this test process. */
export function uniqueName(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}

const ADMIN: Principal = { keyId: '00000000-0000-4000-8000-000000000000', name: 'fixture', role: 'admin', poolId: null, endpointId: null };

export async function makePool(api: TestApp, name = uniqueName('pool'), settings?: Record<string, unknown>): Promise<string> {
  return (await api.app.deps.services.pools.create({ name, ...(settings ? { settings } : {}) }, 'fixture')).id;
}

export async function makeEndpoint(api: TestApp, poolId: string | null, name = uniqueName('ep')): Promise<{ id: string; key: string }> {
  const ep = await api.app.deps.services.endpoints.register({ name, hostname: `${name}.lan`, pool_id: poolId }, ADMIN);
  return { id: ep.id, key: ep.api_key };
}

export async function makeKey(
  api: TestApp,
  role: 'admin' | 'read' | 'enroll' | 'endpoint',
  extra: { name?: string; pool_id?: string; endpoint_id?: string; expires_at?: string } = {},
): Promise<{ id: string; key: string }> {
  const k = await api.app.deps.services.apiKeys.create({ role, name: uniqueName(`${role}-key`), ...extra }, 'fixture');
  return { id: k.id, key: k.api_key };
}

/** A key stored as expired (`expires_at` in the past of the app's clock). */
export async function makeExpiredKey(api: TestApp, role: 'admin' | 'read' = 'admin'): Promise<string> {
  const key = generateApiKey();
  const past = new Date(api.clock.now().getTime() - 60_000);
  await insertApiKey(api.db, {
    id: newId(),
    endpoint_id: null,
    key_hash: hashApiKey(key),
    name: uniqueName('expired'),
    permissions: { role },
    expires_at: past,
    is_active: true,
    created_at: new Date(past.getTime() - 3_600_000),
  });
  return key;
}

export async function makeRevokedKey(api: TestApp, role: 'admin' | 'read' = 'admin'): Promise<string> {
  const k = await makeKey(api, role);
  await api.app.deps.services.apiKeys.revoke(k.id, 'fixture');
  return k.key;
}

/**
 * Stores `data` as a pool target (becoming THE target unless `current: false`) or, with
 * `endpointId`, as that endpoint's report. `at` orders the history.
 */
export async function makeState(
  api: TestApp,
  o: { poolId: string | null; endpointId?: string; data?: PackageStateData; target?: boolean; at: string; message?: string },
): Promise<string> {
  const id = newId();
  const isTarget = o.endpointId === undefined && (o.target ?? true);
  if (isTarget && o.poolId) await clearPoolTarget(api.db, o.poolId);
  await insertPackageState(api.db, {
    id,
    pool_id: o.poolId,
    endpoint_id: o.endpointId ?? null,
    state_data: o.data ?? state({ bash: '5.2.026-2', glibc: '2.39-1' }),
    is_target: isTarget,
    message: o.message ?? null,
    created_by: o.endpointId ? null : 'fixture',
    created_at: o.at,
    content_hash: null,
  });
  return id;
}
