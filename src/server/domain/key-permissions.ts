// What an API key may do, as its row stores it (`api_keys.permissions`, a JSON object): read by
// authentication (api-key.service.ts), enroll-use claims and the key's API view
// (presenters/key.presenter.ts). A row whose role is not one we know grants nothing.
import { KeyRole } from '../../contracts/key.contract.js';
import type { ApiKeyRow } from '../../db/api-key.repository.js';

const ROLES: ReadonlySet<string> = new Set(KeyRole.anyOf.map((r) => r.const));

export interface StoredPermissions {
  role: KeyRole;
  pool_id: string | null;
  endpoint_id: string | null;
  auto_approve: boolean;
}

/** The key's permissions, or null when its stored role is unknown (the key is then not valid). */
export function permissionsOf(row: ApiKeyRow): StoredPermissions | null {
  const p = row.permissions;
  if (typeof p.role !== 'string' || !ROLES.has(p.role)) return null;
  return {
    role: p.role as KeyRole,
    pool_id: typeof p.pool_id === 'string' ? p.pool_id : null,
    endpoint_id: typeof p.endpoint_id === 'string' ? p.endpoint_id : row.endpoint_id,
    auto_approve: p.auto_approve === true,
  };
}
