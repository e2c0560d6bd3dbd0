// What must happen to members' drift when a pool's target or an endpoint's pool changes (SPEC §4:
// package_summary and sync_status are kept current on every target change). Services that change
// a target or a membership call a DriftRefresher inside their transaction. The DriftTracker
// (drift-tracker.service.ts) implements it; those services depend on this narrow interface only,
// not on the tracker's reports, sampling and history.
import type { Executor } from '../../db/executor.js';

export interface DriftRefresher {
  /** The pool's target (or its exclusions) changed: recompute every member; log drift_history. */
  refreshPool(db: Executor, poolId: string, at: Date): Promise<void>;
  /** The endpoint joined or left a pool: recompute it against its (new) pool's target. */
  refreshEndpoint(db: Executor, endpointId: string, at: Date): Promise<void>;
}
