// Package states as the API shows them: a history row (StateSummary) and one state with its
// packages (StateDetail).
import type { StateDetail, StateSummary } from '../../contracts/state.contract.js';
import type { PackageStateRow, PackageStateSummaryRow } from '../../db/package-state.repository.js';

export function toStateSummary(row: PackageStateSummaryRow): StateSummary {
  return {
    id: row.id,
    pool_id: row.pool_id,
    endpoint_id: row.endpoint_id,
    kind: row.endpoint_id === null ? 'target' : 'report',
    is_target: row.is_target,
    message: row.message,
    created_by: row.created_by,
    created_at: row.created_at,
    total_packages: row.total_packages,
    content_hash: row.content_hash,
  };
}

export function toStateDetail(row: PackageStateRow): StateDetail {
  const total = Object.keys(row.state_data.packages).length;
  return {
    ...toStateSummary({ ...row, total_packages: total, reverted_from: row.state_data.metadata.reverted_from ?? null }),
    // The contract shows the stored object as it is (any fields a newer writer added included).
    // Its metadata is copied as a plain object: core's StateMetadata is an interface, which
    // TypeScript does not take for the contract's JSON object as it stands.
    state_data: { ...row.state_data, metadata: { ...row.state_data.metadata } },
  };
}
