// What services need of drift, as two narrow interfaces: DriftRefresher, called inside their
// transactions when something drift depends on changed (a report, a target, exclusions, a
// membership, an operation), and PoolDriftReader, for a pool's prepared target and its members'
// counts. An endpoint's package_summary and sync_status are kept current on every such change, so
// lists, filters and counts read them instead of recomputing drift. The DriftTracker
// (drift-tracker.service.ts) implements both; services depend on these interfaces only, not on
// the tracker's caching, sampling, history and per-package details.
import type { PoolDriftCounts } from '../../contracts/analysis.contract.js';
import type { PoolSettings } from '../../contracts/pool.contract.js';
import type { DriftView } from '../../contracts/report.contract.js';
import type { PreparedTarget } from '../../core/drift.js';
import type { PackageStateData } from '../../core/package-state.js';
import type { MemberRow } from '../../db/drift.repository.js';
import type { Executor } from '../../db/executor.js';

/** A pool's settings and prepared target, for computing its members' drift. */
export interface PoolDriftContext {
  poolId: string;
  settings: PoolSettings;
  targetId: string | null;
  target: PreparedTarget | null;
}

/** One endpoint's drift after a recomputation (what a state report answers). */
export interface EndpointDrift {
  endpoint_id: string;
  pool_id: string | null;
  target_state_id: string | null;
  sync_status: string;
  drift: DriftView;
}

export interface PoolRecompute {
  pool_id: string;
  target_state_id: string | null;
  members: number;
  /** Members whose sync_status or counts changed. */
  changed: number;
  counts: PoolDriftCounts;
}

export interface RefreshOptions {
  /** Stands in for the endpoint's stored current state when the caller has it parsed already. */
  state?: PackageStateData;
  /** Adds the per-package lists to the answer (they are never stored). */
  details?: boolean;
}

export interface DriftRefresher {
  /** The pool's target (or its exclusions) changed: recompute every member; sample drift_history; `pool_update`. */
  refreshPool(db: Executor, poolId: string, at: Date): Promise<void>;
  /**
   * As refreshPool, for a caller outside any transaction (a new target, once committed): in steps
   * that commit one by one and let other requests in between (a large pool in one transaction
   * stalled the whole server). `announce` (by default refreshPool's `pool_update`) runs in the
   * last step's transaction; the counts after it. Null when the pool does not exist.
   */
  recomputePoolInSteps(poolId: string, at: Date, announce?: (r: PoolRecompute) => void): Promise<PoolRecompute | null>;
  /**
   * The endpoint's pool, state or active operation changed: lock it, recompute it against its
   * (new) pool's target and store the result. Null when the endpoint does not exist.
   */
  refreshEndpoint(db: Executor, endpointId: string, at: Date, opts?: RefreshOptions): Promise<EndpointDrift | null>;
  /**
   * As refreshEndpoint, for an endpoint the caller has locked and read in this transaction (a
   * state report): `member` is its row as it is now, `state` its current state. Nothing is read
   * again.
   */
  refreshLocked(db: Executor, member: MemberRow, state: PackageStateData, at: Date, opts?: { details?: boolean }): Promise<EndpointDrift>;
}

export interface PoolDriftReader {
  /** The pool's settings and prepared target, or null when the pool does not exist. */
  poolContext(db: Executor, poolId: string): Promise<PoolDriftContext | null>;
  /** The pool's members per sync_status. */
  countMembers(db: Executor, poolId: string): Promise<PoolDriftCounts>;
}
