// An API key as the API shows it (KeyView): never its secret or hash. A row whose stored role is
// unknown shows as a read key (authentication refuses it anyway).
import type { KeyView } from '../../contracts/key.contract.js';
import type { ApiKeyRow } from '../../db/api-key.repository.js';
import { permissionsOf } from '../domain/key-permissions.js';

export function toKeyView(row: ApiKeyRow): KeyView {
  const perms = permissionsOf(row);
  return {
    id: row.id,
    name: row.name,
    role: perms?.role ?? 'read',
    pool_id: perms?.pool_id ?? null,
    endpoint_id: perms?.endpoint_id ?? row.endpoint_id,
    is_active: row.is_active,
    last_used: row.last_used,
    expires_at: row.expires_at,
    created_at: row.created_at,
    uses: row.uses,
    max_uses: row.max_uses,
    auto_approve: perms?.auto_approve ?? false,
  };
}
