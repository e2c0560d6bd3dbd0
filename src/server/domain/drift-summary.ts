// An endpoint's drift counts as stored (`endpoints.package_summary`) and as answered: the drift
// tracker stores them (drift-tracker.service.ts), a state report that changes nothing answers
// them back (report.service.ts).
import type { DriftView } from '../../contracts/report.contract.js';
import type { DriftCounts } from '../../core/drift.js';
import type { PackageSummary } from '../../db/schema.js';

export const COUNT_KEYS = ['total_packages', 'target_packages', 'in_sync', 'missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded'] as const;

/** The counts alone, in COUNT_KEYS order (a drift result carries more). */
export function countsOf(d: DriftCounts): DriftCounts {
  const out = {} as DriftCounts;
  for (const k of COUNT_KEYS) out[k] = d[k];
  return out;
}

/** A stored package_summary read back as counts (zeros for what it lacks, e.g. `{}` when unknown). */
export function driftFromSummary(summary: PackageSummary | null | undefined, totalPackages?: number): DriftView {
  const out = {} as DriftView;
  for (const k of COUNT_KEYS) {
    const v = summary?.[k];
    out[k] = typeof v === 'number' ? v : 0;
  }
  if (totalPackages !== undefined && typeof summary?.total_packages !== 'number') out.total_packages = totalPackages;
  return out;
}
