// Drift, kept current: the real DriftRefresher and PoolDriftReader (drift-refresher.ts). Every report, target change,
// membership change and operation transition recomputes the affected endpoints' drift with
// src/core/drift.ts and stores it in endpoints.package_summary / sync_status; a change of a
// member's sync_status samples the pool's counts into drift_history (only when they differ from
// the latest sample, keeping the newest DRIFT_HISTORY_MAX_SAMPLES per pool), and queues a
// `sync_status` message (published after commit, see events/notifier.ts).
//
// Prepared targets are cached per pool, keyed by (target id, exclusion settings): target rows
// never change after insert, so the cache only saves re-reading and re-indexing the target on
// every report. One entry per pool (its current target replaces its previous one) for at most
// TARGET_CACHE_POOLS pools: memory follows the number of busy pools, not how often targets change
// (an LRU of targets filled with superseded ones, a few MB each, for as long as targets kept
// changing — the soak's heap-after-GC series saw it as growth).
//
// A pool-wide recomputation reads each member's package index (src/core/package-index.ts,
// migration 005) rather than its full state_data: a few dozen KB of text split into what drift
// needs, instead of parsing ~350 KB of JSON per member. A state without a readable index (stored
// before migration 005, or written around insertPackageState) is read in full, with the same
// result, and its index stored then, so only the first recomputation after an upgrade pays.
//
// `sync_pending` comes from the endpoint's active operation (not from the stored status); member
// rows are locked before their states are read, so a concurrent report is either seen or waits.
import { DRIFT_HISTORY_MAX_SAMPLES, type DriftHistoryQuery, type DriftHistoryView, type PoolDriftCounts } from '../../contracts/analysis.contract.js';
import type { EndpointDriftReport } from '../../contracts/endpoint.contract.js';
import type { DriftView } from '../../contracts/report.contract.js';
import { NotFoundError } from '../../core/errors.js';
import { computeDrift, type PreparedTarget, prepareTarget } from '../../core/drift.js';
import { decodePackageList, type DriftState, encodePackageIndex, PackageIndexFormatError } from '../../core/package-index.js';
import type { PackageStateData } from '../../core/package-state.js';
import { newId } from '../../db/dialect.js';
import {
  findMemberIndex,
  findStateData,
  insertDriftSample,
  latestDriftSample,
  listDriftHistory,
  listMemberIndexes,
  listMemberIndexesByIds,
  listStaleDriftPools,
  lockEndpoint,
  lockMemberStep,
  lockPoolMembers,
  type MemberIndexRow,
  type MemberRow,
  pruneDriftHistory,
  setPackageIndex,
} from '../../db/drift.repository.js';
import { updateEndpointDrift } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { endpointsWithActiveOperation, findActiveOperation } from '../../db/operation.repository.js';
import { findPackageStateById, findTargetSummary } from '../../db/package-state.repository.js';
import { findPoolById, lockPool, poolMemberCounts } from '../../db/pool.repository.js';
import type { PackageSummary } from '../../db/schema.js';
import { COUNT_KEYS, countsOf, driftFromSummary } from '../domain/drift-summary.js';
import { endpointChannels, type Notifier, poolChannel } from '../events/notifier.js';
import { toDriftHistoryView } from '../presenters/drift.presenter.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher, EndpointDrift, PoolDriftContext, PoolDriftReader, PoolRecompute, RefreshOptions } from './drift-refresher.js';
import { completeSettings } from './pool-settings.js';
import { inTransaction } from './retry.js';

const MEMBER_BATCH = 200;
/**
 * Members one step of recomputePoolInSteps recomputes in one transaction. SQLite has one
 * connection, and every other request waits for the step under way: 10 members, ~8 ms (25 gave
 * the fleet bench a heartbeat p99 of 98 ms, 10 gave 73). On PostgreSQL other requests use other
 * connections and a step costs round trips: 50 (at 10, set-latest on 1,000 members took 1.4 s).
 */
export const STEP_MEMBERS = { sqlite: 10, pg: 50 } as const;
/** Lets pending I/O (other requests) run: awaiting a promise alone never does. */
const letOthersIn = () => new Promise<void>((resolve) => setImmediate(resolve));
const TARGET_CACHE_POOLS = 16;

/** The one drift computation of a member, for storing (apply) and for reading (endpointDetails). */
function evaluate(pctx: PoolDriftContext | null, state: DriftState | null, pending: boolean, details: boolean) {
  const result = computeDrift(pctx?.target ?? null, state, { sync_pending: pending, details });
  const drift: DriftView = countsOf(result);
  if (result.details) drift.details = result.details;
  return { result, drift, known: pctx?.target != null && state !== null };
}

/**
 * Whether two summaries hold the same values, whatever their key order: PostgreSQL's jsonb gives
 * keys back in its own order, so comparing JSON texts rewrote every member on every pool-wide
 * recomputation there (a set-latest counted all of a pool's members as changed).
 */
function sameSummary(a: PackageSummary | null, b: PackageSummary | null): boolean {
  if (a === null || b === null) return a === b;
  const ka = Object.keys(a) as (keyof PackageSummary)[];
  return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** One member's recomputation (apply): the member as stored, its pool's target and its state now. */
interface Recomputation {
  member: MemberRow;
  pool: PoolDriftContext | null;
  state: DriftState | null;
  /** The member has an active operation (sync_pending). */
  pending: boolean;
  at: Date;
  /** Answer the per-package lists (never stored). */
  details: boolean;
  /** Sample the pool's drift history when the member's status changed (a pool-wide recomputation samples once, at the end). */
  sampleOnChange: boolean;
}

export class DriftTracker implements DriftRefresher, PoolDriftReader {
  /** Per pool id, its prepared target under `key` (target id and exclusion settings); least recently used first. */
  private readonly targets = new Map<string, { key: string; target: PreparedTarget }>();
  /** Pools whose drift this process is recomputing in steps (recomputePoolInSteps), with how many calls. */
  private readonly inSteps = new Map<string, number>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly notifier: Notifier,
    private readonly maxSamples: number = DRIFT_HISTORY_MAX_SAMPLES,
    /** Members per step of recomputePoolInSteps (STEP_MEMBERS for the engine). */
    private readonly stepMembers: number = STEP_MEMBERS.sqlite,
  ) {}

  // ---- DriftRefresher (called by other services inside their transactions) ----

  async refreshPool(db: Executor, poolId: string, at: Date): Promise<void> {
    const r = await this.recomputePool(db, poolId, at);
    if (r) this.announcePoolChanged(r);
  }

  /** The `pool_update` message of a pool whose members were recomputed (published after commit). */
  private readonly announcePoolChanged = (r: PoolRecompute): void => {
    this.notifier.queue({
      type: 'pool_update',
      channels: [poolChannel(r.pool_id)],
      data: { pool_id: r.pool_id, reason: 'pool_changed', target_state_id: r.target_state_id, counts: r.counts },
    });
  };

  // ---- recomputation ----

  /** The pool's settings and prepared target (cached), or null when the pool does not exist. */
  async poolContext(db: Executor, poolId: string): Promise<PoolDriftContext | null> {
    const pool = await findPoolById(db, poolId);
    if (!pool) return null;
    const settings = completeSettings(pool.settings);
    const summary = await findTargetSummary(db, poolId);
    if (!summary) return { poolId, settings, targetId: null, target: null };
    const key = `${summary.id}\n${JSON.stringify([settings.excluded_packages, settings.excluded_repos, settings.remove_extra])}`;
    const cached = this.targets.get(poolId);
    this.targets.delete(poolId); // re-inserted below: recently used pools last
    let target = cached?.key === key ? cached.target : undefined;
    if (!target) {
      const row = await findPackageStateById(db, summary.id);
      if (!row) return { poolId, settings, targetId: null, target: null };
      target = prepareTarget(row.state_data, {
        exclusions: { packages: settings.excluded_packages, repos: settings.excluded_repos },
        remove_extra: settings.remove_extra,
      });
      if (this.targets.size >= TARGET_CACHE_POOLS) this.targets.delete(this.targets.keys().next().value as string);
    }
    this.targets.set(poolId, { key, target });
    return { poolId, settings, targetId: summary.id, target };
  }

  /**
   * Recomputes one endpoint against its pool's target and stores the result. `state` stands in
   * for its stored current state when the caller has it parsed already; `details` adds the
   * per-package lists to the answer (they are never stored).
   */
  async refreshEndpoint(db: Executor, endpointId: string, at: Date, opts: RefreshOptions = {}): Promise<EndpointDrift | null> {
    // Locked before anything is read, so a concurrent target change is either seen or waits.
    if (!(await lockEndpoint(db, endpointId))) return null;
    const member = await findMemberIndex(db, endpointId);
    if (!member) return null;
    // The compact package index, as for a whole pool, unless the caller has the state parsed.
    const state = opts.state ?? (await this.memberState(db, member));
    return this.recomputeMember(db, member, state, at, opts.details ?? false);
  }

  /** refreshEndpoint for a member the caller has locked and read (a state report): see DriftRefresher. */
  async refreshLocked(db: Executor, member: MemberRow, state: PackageStateData, at: Date, opts: { details?: boolean } = {}): Promise<EndpointDrift> {
    return this.recomputeMember(db, member, state, at, opts.details ?? false);
  }

  private async recomputeMember(db: Executor, member: MemberRow, state: DriftState | null, at: Date, details: boolean): Promise<EndpointDrift> {
    const pool = member.pool_id ? await this.poolContext(db, member.pool_id) : null;
    const pending = (await findActiveOperation(db, member.id)) !== undefined;
    return (await this.apply(db, { member, pool, state, pending, at, details, sampleOnChange: true })).drift;
  }

  /**
   * The endpoint's drift with its per-package lists, computed as refreshEndpoint computes it but
   * read-only (GET /endpoints/{id}/drift): nothing is locked, stored, sampled or announced.
   */
  async endpointDetails(endpointId: string): Promise<EndpointDriftReport> {
    const db = this.ctx.db;
    const m = await findMemberIndex(db, endpointId);
    if (!m) throw new NotFoundError('endpoint', endpointId);
    const pctx = m.pool_id ? await this.poolContext(db, m.pool_id) : null;
    const pending = (await findActiveOperation(db, endpointId)) !== undefined;
    const { result, drift, known } = evaluate(pctx, await this.memberState(db, m, false), pending, true);
    const details = drift.details ?? { missing: [], behind: [], ahead: [], extra: [], foreign: [], excluded: [] };
    return {
      endpoint_id: m.id,
      pool_id: m.pool_id,
      target_state_id: known ? (pctx?.targetId ?? null) : null,
      state_id: m.current_state_id,
      sync_status: result.sync_status,
      drift: { ...countsOf(result), details },
    };
  }

  /** Recomputes every member of the pool (after a target or settings change). */
  async recomputePool(db: Executor, poolId: string, at: Date): Promise<PoolRecompute | null> {
    await lockPoolMembers(db, poolId);
    const pctx = await this.poolContext(db, poolId);
    if (!pctx) return null;
    const active = await endpointsWithActiveOperation(db, poolId);
    let after: string | null = null;
    let members = 0;
    let changed = 0;
    let statusChanged = false;
    for (;;) {
      const batch = await listMemberIndexes(db, poolId, after, MEMBER_BATCH);
      for (const m of batch) {
        const state = await this.memberState(db, m);
        const r = await this.apply(db, { member: m, pool: pctx, state, pending: active.has(m.id), at, details: false, sampleOnChange: false });
        members++;
        if (r.statusChanged) statusChanged = true;
        if (r.changed) changed++;
      }
      if (batch.length < MEMBER_BATCH) break;
      after = (batch[batch.length - 1] as MemberIndexRow).id;
    }
    const counts = statusChanged ? await this.sample(db, poolId, at) : await this.countMembers(db, poolId);
    return { pool_id: poolId, target_state_id: pctx.targetId, members, changed, counts };
  }

  /**
   * recomputePool for a caller outside any transaction (set-latest, once its new target has
   * committed), in steps of `stepMembers` members that each commit on their own, with the event
   * loop let through between them. In one transaction a 1,000-member pool held SQLite's one
   * connection and the event loop for ~0.5 s, and every other request waited behind it (the fleet
   * bench: p99 ~0.75 s for heartbeats, status reads and reports alike). Each step reads the
   * pool's target as committed then, so the steps of two overlapping set-latest calls both end
   * against the newer target; a member no step has reached yet still shows its drift against the
   * previous target (its package_summary names it) for those few hundred milliseconds, and a
   * recomputation cut short (the process stopped) is finished by recomputeStaleDrift. `announce`
   * runs in the last step's transaction, so what it queues is published when that commits; by
   * default it is refreshPool's `pool_update` (reason `pool_changed`).
   *
   * Never throws: the caller's change has committed, so a step that fails (a lost conflict, the
   * database gone for a moment) must not turn it into an error the client would retry — a second
   * target. null then, and recomputeStaleDrift finishes the members the steps did not reach.
   */
  async recomputePoolInSteps(
    poolId: string,
    at: Date,
    announce: (r: PoolRecompute) => void = this.announcePoolChanged,
  ): Promise<PoolRecompute | null> {
    this.inSteps.set(poolId, (this.inSteps.get(poolId) ?? 0) + 1);
    try {
      return await this.recomputeSteps(poolId, at, announce);
    } catch {
      return null;
    } finally {
      const n = (this.inSteps.get(poolId) ?? 1) - 1;
      if (n > 0) this.inSteps.set(poolId, n);
      else this.inSteps.delete(poolId);
    }
  }

  private async recomputeSteps(poolId: string, at: Date, announce: (r: PoolRecompute) => void): Promise<PoolRecompute | null> {
    let after: string | null = null;
    let members = 0;
    let changed = 0;
    let statusChanged = false;
    for (;;) {
      const step = await inTransaction(this.ctx, this.notifier, 'the drift recomputation', async (trx) => {
        // The pool row, then the step's members, before the target and the states are read: the
        // order every writer locks in (pool-lock.ts), so a pool deleted meanwhile waits or is gone.
        if (!(await lockPool(trx, poolId))) return null;
        const ids = await lockMemberStep(trx, poolId, after, this.stepMembers);
        const pctx = await this.poolContext(trx, poolId);
        if (!pctx) return null;
        const active = ids.length > 0 ? await endpointsWithActiveOperation(trx, poolId) : new Set<string>();
        let stepChanged = 0;
        let stepStatus = false;
        for (const m of await listMemberIndexesByIds(trx, poolId, ids)) {
          const state = await this.memberState(trx, m);
          const r = await this.apply(trx, { member: m, pool: pctx, state, pending: active.has(m.id), at, details: false, sampleOnChange: false });
          if (r.changed) stepChanged++;
          if (r.statusChanged) stepStatus = true;
        }
        return { ids, targetId: pctx.targetId, changed: stepChanged, statusChanged: stepStatus };
      });
      if (!step) return null;
      members += step.ids.length;
      changed += step.changed;
      statusChanged ||= step.statusChanged;
      if (step.ids.length < this.stepMembers) {
        return inTransaction(this.ctx, this.notifier, 'the drift recomputation', async (trx) => {
          if (!(await lockPool(trx, poolId))) return null;
          const counts = statusChanged ? await this.sample(trx, poolId, at) : await this.countMembers(trx, poolId);
          const r: PoolRecompute = { pool_id: poolId, target_state_id: step.targetId, members, changed, counts };
          announce(r);
          return r;
        });
      }
      after = step.ids[step.ids.length - 1] as string;
      await letOthersIn();
    }
  }

  /**
   * Finishes pool recomputations that were cut short: every pool with a member whose stored drift
   * is not against the pool's current target (a member with a state always stores the target it
   * was computed against) is recomputed, in steps. Run by the recompute-stale-drift job.
   */
  async recomputeStaleDrift(now: Date = this.ctx.clock.now()): Promise<{ pools_recomputed: number; members_changed: number }> {
    let pools = 0;
    let members = 0;
    for (const poolId of await listStaleDriftPools(this.ctx.db)) {
      // Its members are stale because this process is recomputing them right now: leave it.
      if (this.inSteps.has(poolId)) continue;
      const r = await this.recomputePoolInSteps(poolId, now);
      if (r) {
        pools++;
        members += r.changed;
      }
    }
    return { pools_recomputed: pools, members_changed: members };
  }

  /**
   * The member's latest state as drift reads it: from its package index, else in full — and then
   * the index is stored for next time (null when the state cannot have one: it is read in full),
   * unless `storeIndex` is false (a read, which writes nothing).
   */
  private async memberState(db: Executor, m: MemberIndexRow, storeIndex = true): Promise<DriftState | null> {
    if (m.current_state_id === null) return null;
    if (m.package_index !== null) {
      try {
        return decodePackageList(m.package_index);
      } catch (err) {
        if (!(err instanceof PackageIndexFormatError || err instanceof SyntaxError)) throw err;
      }
    }
    const state = await findStateData(db, m.current_state_id);
    const index = state === null ? null : encodePackageIndex(state);
    if (storeIndex && index !== null && index !== m.package_index) await setPackageIndex(db, m.current_state_id, index);
    return state;
  }

  /** Computes the member's drift and stores it when it changed (announcing and sampling a change of status). */
  private async apply(db: Executor, r: Recomputation): Promise<{ drift: EndpointDrift; statusChanged: boolean; changed: boolean }> {
    const { member: m, pool: pctx, at } = r;
    const { result, drift, known } = evaluate(pctx, r.state, r.pending, r.details);
    const summary: PackageSummary = known ? { ...countsOf(result), target_state_id: pctx?.targetId ?? null, state_id: m.current_state_id } : {};
    const statusChanged = result.sync_status !== m.sync_status;
    const summaryChanged = !sameSummary(summary, m.package_summary);
    if (statusChanged || summaryChanged) {
      await updateEndpointDrift(db, m.id, { sync_status: result.sync_status, package_summary: summary }, at);
      const before = driftFromSummary(m.package_summary);
      const countsChanged = COUNT_KEYS.some((k) => before[k] !== drift[k]);
      if (statusChanged || countsChanged) {
        this.notifier.queue({
          type: 'sync_status',
          channels: endpointChannels(m.id, m.pool_id),
          data: {
            endpoint_id: m.id,
            endpoint_name: m.name,
            pool_id: m.pool_id,
            sync_status: result.sync_status,
            previous_sync_status: m.sync_status,
            target_state_id: pctx?.targetId ?? null,
            package_summary: known ? countsOf(result) : null,
          },
        });
      }
      if (statusChanged && r.sampleOnChange && m.pool_id) await this.sample(db, m.pool_id, at);
    }
    return {
      drift: {
        endpoint_id: m.id,
        pool_id: m.pool_id,
        target_state_id: known ? (pctx?.targetId ?? null) : null,
        sync_status: result.sync_status,
        drift,
      },
      statusChanged,
      changed: statusChanged || summaryChanged,
    };
  }

  // ---- drift history ----

  async countMembers(db: Executor, poolId: string): Promise<PoolDriftCounts> {
    const c = await poolMemberCounts(db, poolId);
    const by = c.bySyncStatus;
    return {
      in_sync: by.in_sync ?? 0,
      behind: by.behind ?? 0,
      ahead: by.ahead ?? 0,
      sync_pending: by.sync_pending ?? 0,
      unknown: by.unknown ?? 0,
      total: c.total,
    };
  }

  /**
   * Stores the pool's current counts when they differ from its latest sample. Sample times
   * strictly increase per pool (a sample in the same millisecond as the latest goes 1 ms later),
   * so "latest" and pruning are exact.
   */
  async sample(db: Executor, poolId: string, at: Date): Promise<PoolDriftCounts> {
    const counts = await this.countMembers(db, poolId);
    const latest = await latestDriftSample(db, poolId);
    if (latest && (Object.keys(counts) as (keyof PoolDriftCounts)[]).every((k) => latest[k] === counts[k])) return counts;
    let time = at.getTime();
    if (latest && Date.parse(latest.created_at) >= time) time = Date.parse(latest.created_at) + 1;
    await insertDriftSample(db, { id: newId(), pool_id: poolId, created_at: new Date(time).toISOString(), ...counts });
    await pruneDriftHistory(db, poolId, this.maxSamples);
    return counts;
  }

  async history(poolId: string, query: DriftHistoryQuery): Promise<DriftHistoryView> {
    if (!(await findPoolById(this.ctx.db, poolId))) throw new NotFoundError('pool', poolId);
    const rows = await listDriftHistory(this.ctx.db, poolId, { since: query.since, limit: query.limit ?? 1000 });
    return toDriftHistoryView(poolId, rows, this.maxSamples);
  }
}
