// A pool's drift history as the API shows it (DriftHistoryView): its samples, oldest first.
import type { DriftHistoryView } from '../../contracts/analysis.contract.js';
import type { DriftSampleRow } from '../../db/drift.repository.js';

export function toDriftHistoryView(poolId: string, rows: readonly DriftSampleRow[], maxSamples: number): DriftHistoryView {
  return {
    pool_id: poolId,
    samples: rows.map((r) => ({
      timestamp: r.created_at,
      in_sync: r.in_sync,
      behind: r.behind,
      ahead: r.ahead,
      sync_pending: r.sync_pending,
      unknown: r.unknown,
      total: r.total,
    })),
    max_samples: maxSamples,
  };
}
