// A pool's repository analysis as the API shows it (AnalysisView), from the completed
// `repository_analysis` operation that stores it (analysis.service.ts writes its details).
import type { AnalysisView } from '../../contracts/analysis.contract.js';
import type { RepositoryAnalysis } from '../../core/analysis.js';
import type { OperationRow } from '../../db/operation.repository.js';

/** The details of a `repository_analysis` operation: what was analysed, against what, and core's result. */
export type StoredAnalysis = {
  target_state_id: string | null;
  conflict_resolution: string;
  manual_exclusions: { packages: string[]; repos: string[] };
  result: RepositoryAnalysis;
};

/**
 * `op` is a `repository_analysis` operation; `currentTargetId` the pool's target now (the view
 * says whether the analysis is stale).
 */
export function toAnalysisView(op: OperationRow, currentTargetId: string | null): AnalysisView {
  // Only AnalysisService writes this operation type, with a StoredAnalysis as its details.
  const d = op.details as StoredAnalysis;
  const r = d.result;
  return {
    operation_id: op.id,
    pool_id: op.pool_id ?? '',
    target_state_id: d.target_state_id,
    stale: d.target_state_id !== currentTargetId,
    analysed_at: op.completed_at ?? op.created_at,
    conflict_resolution: d.conflict_resolution,
    counts: r.counts,
    compatible: r.compatible,
    incompatible: r.incompatible,
    conflicts: r.conflicts,
    excluded: r.excluded,
    exclusions: { automatic: r.exclusion_candidates, manual: d.manual_exclusions },
    endpoints_without_repositories: r.endpoints_without_repositories,
  };
}
