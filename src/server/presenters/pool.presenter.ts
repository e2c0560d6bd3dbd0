// Pools as the API shows them: a list row (PoolView), its detail with members and counts
// (PoolDetail), and a target in a pool's answers (TargetStateSummary).
import { EndpointStatus, SyncStatus } from '../../contracts/endpoint.contract.js';
import type { PoolDetail, PoolStatistics, PoolView, TargetStateSummary } from '../../contracts/pool.contract.js';
import type { EndpointRow } from '../../db/endpoint.repository.js';
import type { PackageStateSummaryRow } from '../../db/package-state.repository.js';
import type { MemberCounts, PoolRow } from '../../db/pool.repository.js';
import { completeSettings } from '../services/pool-settings.js';

// Every status the contracts define, so the counts list each one (zero included).
const SYNC_STATUSES = SyncStatus.anyOf.map((s) => s.const);
const ENDPOINT_STATUSES = EndpointStatus.anyOf.map((s) => s.const);

export function toPoolView(row: PoolRow, endpointCount: number, targetStateId: string | null): PoolView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    settings: completeSettings(row.settings),
    endpoint_count: endpointCount,
    target_state_id: targetStateId,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toTargetSummary(row: PackageStateSummaryRow): TargetStateSummary {
  return {
    id: row.id,
    created_at: row.created_at,
    created_by: row.created_by,
    message: row.message,
    endpoint_id: row.endpoint_id,
    total_packages: row.total_packages,
  };
}

export function toPoolDetail(
  row: PoolRow,
  members: readonly EndpointRow[],
  target: PackageStateSummaryRow | undefined,
  counts: MemberCounts,
): PoolDetail {
  const statistics: PoolStatistics = {
    total_endpoints: counts.total,
    by_sync_status: Object.fromEntries(SYNC_STATUSES.map((s) => [s, counts.bySyncStatus[s] ?? 0])),
    by_status: Object.fromEntries(ENDPOINT_STATUSES.map((s) => [s, counts.byStatus[s] ?? 0])),
  };
  // Statuses outside the known sets (written by a newer version) are still counted.
  for (const [k, n] of Object.entries(counts.bySyncStatus)) statistics.by_sync_status[k] ??= n;
  for (const [k, n] of Object.entries(counts.byStatus)) statistics.by_status[k] ??= n;
  return {
    ...toPoolView(row, counts.total, target?.id ?? null),
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      hostname: m.hostname,
      status: m.status,
      sync_status: m.sync_status,
      last_seen: m.last_seen,
    })),
    target_state: target ? toTargetSummary(target) : null,
    statistics,
  };
}
