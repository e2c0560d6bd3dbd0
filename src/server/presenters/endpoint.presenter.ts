// Endpoints as the API shows them: a list row (EndpointView) and its detail with its pool and
// recent activity (EndpointDetail).
import type { EndpointApproval, EndpointDetail, EndpointView } from '../../contracts/endpoint.contract.js';
import type { EndpointRow } from '../../db/endpoint.repository.js';
import type { EventRow } from '../../db/event.repository.js';
import type { OperationRow } from '../../db/operation.repository.js';
import type { PoolRow } from '../../db/pool.repository.js';
import { toEventView } from './event.presenter.js';
import { toOperationView } from './operation.presenter.js';

export function toEndpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    pool_id: row.pool_id,
    status: row.status,
    sync_status: row.sync_status,
    approval: row.approval as EndpointApproval,
    system_info: row.system_info,
    package_summary: row.package_summary,
    last_seen: row.last_seen,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toEndpointDetail(
  row: EndpointRow,
  pool: Pick<PoolRow, 'id' | 'name'> | undefined,
  recent: { operations: readonly OperationRow[]; events: readonly EventRow[] },
): EndpointDetail {
  return {
    ...toEndpointView(row),
    pool: pool ? { id: pool.id, name: pool.name } : null,
    current_state_id: row.current_state_id,
    recent_activity: { operations: recent.operations.map(toOperationView), events: recent.events.map(toEventView) },
  };
}
