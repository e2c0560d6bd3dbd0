// Set as latest (README "Enrollment and who sets the target"): an endpoint's current state — or, with `packages`, only those packages
// promoted onto the previous target — becomes its pool's target, atomically:
//   lock the pool row (concurrent set-latest calls on one pool serialise here), check that the new
//   target is consistent (every dependency satisfied inside it; refused with 422 INVALID_STATE
//   listing what is unsatisfied, or stored flagged with `force`), clear the previous target,
//   insert the new one (endpoint_id NULL, created_by = the endpoint's name, the repository
//   databases it was taken against in its metadata), record a completed set_as_latest operation
//   and an audit event. A transaction that loses a race on PostgreSQL (deadlock, serialization)
//   or meets SQLITE_BUSY is retried, then answered 409, never 500.
// Then, once that has committed, every member's drift is recomputed against the new target in
// steps of members (STEP_MEMBERS), each its own transaction, so a large pool does not hold up every
// other request (DriftTracker.recomputePoolInSteps); subscribers hear `sync_status` per step and
// `pool_update` at the end, and the answer, sent after the last step, carries the pool's counts.
// Who may (issue #10): the endpoint must be approved (enrollment.service.ts); with the pool setting
// `set_latest_by = admins` only an admin key may; and `force` (storing an inconsistent target)
// is an admin's decision, never accepted from an endpoint key (policies/pool.policy.ts). Each is
// a 403 that writes nothing.
import type { PoolDriftCounts } from '../../contracts/analysis.contract.js';
import type { SetLatestBody } from '../../contracts/operation.contract.js';
import type { SetLatestResult } from '../../contracts/sync.contract.js';
import { checkConsistency } from '../../core/consistency.js';
import { ConflictError, InvalidStateError, NotFoundError } from '../../core/errors.js';
import type { PackageStateData, RepositorySnapshot, StateMetadata, UnsatisfiedDependency } from '../../core/package-state.js';
import { promotePackages } from '../../core/promotion.js';
import { diffStates } from '../../core/state-diff.js';
import { newId } from '../../db/dialect.js';
import { type EndpointRow, findEndpointById } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { insertOperation, type OperationRow } from '../../db/operation.repository.js';
import { listEndpointRepositoryHeads } from '../../db/package-repository.repository.js';
import {
  clearPoolTarget,
  findPackageStateById,
  findTargetState,
  insertPackageState,
  type PackageStateRow,
} from '../../db/package-state.repository.js';
import { findPoolById, lockPool } from '../../db/pool.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { completedOperation } from '../domain/operation-record.js';
import { contentHash } from '../domain/state-normalisation.js';
import { type Notifier, poolChannel } from '../events/notifier.js';
import { assertCanForceTarget, assertCanSetTarget } from '../policies/pool.policy.js';
import { toOperationView } from '../presenters/operation.presenter.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher, PoolDriftReader } from './drift-refresher.js';
import { requireApproved } from './enrollment.service.js';
import { recordEvent } from './event.service.js';
import { inTransaction } from './retry.js';

interface Candidate {
  ep: EndpointRow;
  poolId: string;
  source: PackageStateRow;
  previous: PackageStateRow | undefined;
  state: PackageStateData;
  unsatisfied: UnsatisfiedDependency[];
  repositories: RepositorySnapshot[];
  /** How `state` differs from the previous target, counted once for the answer and the log. */
  changes: { added: number; removed: number; changed: number };
}

/** A committed target change: its answer (pool_drift still to come) and its `pool_update`, to queue with the counts. */
interface AppliedTarget {
  result: SetLatestResult;
  announce: (counts: PoolDriftCounts) => void;
  at: Date;
}

const EMPTY_COUNTS: PoolDriftCounts = { in_sync: 0, behind: 0, ahead: 0, sync_pending: 0, unknown: 0, total: 0 };

export class SetLatestService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher & PoolDriftReader,
    private readonly notifier: Notifier,
  ) {}

  async setLatest(endpointId: string, body: SetLatestBody, caller: Principal): Promise<SetLatestResult> {
    if (body.force) assertCanForceTarget(caller);
    if (body.dry_run) return this.preview(endpointId, body, caller);
    const { result, announce, at } = await inTransaction(this.ctx, this.notifier, 'set-latest', (trx) => this.apply(trx, endpointId, body, caller));
    // The members' drift against the new target, after it has committed: in steps that let other
    // requests in (DriftTracker.recomputePoolInSteps). The answer waits for the last step, so it
    // carries the pool's counts against this target, as the `pool_update` message does.
    const drift = await this.drift.recomputePoolInSteps(result.pool_id, at, (r) => announce(r.counts));
    return { ...result, pool_drift: drift?.counts ?? (await this.drift.countMembers(this.ctx.db, result.pool_id)) };
  }

  private async preview(endpointId: string, body: SetLatestBody, caller: Principal): Promise<SetLatestResult> {
    const db = this.ctx.db;
    const c = await this.candidate(db, endpointId, body, caller);
    return this.result(c, body, null, null, await this.drift.countMembers(db, c.poolId));
  }

  /**
   * The target change itself, in the caller's transaction: the answer without the pool's drift,
   * and the `pool_update` message to queue once the members' drift has been recomputed.
   */
  private async apply(trx: Executor, endpointId: string, body: SetLatestBody, caller: Principal): Promise<AppliedTarget> {
    const actor = actorOf(caller);
    const before = await findEndpointById(trx, endpointId);
    if (!before) throw new NotFoundError('endpoint', endpointId);
    if (!before.pool_id) throw this.noPool(before);
    // Serialises every target change of this pool until commit (PostgreSQL row lock; SQLite's
    // writes are serialised anyway). Everything below reads what the previous change committed.
    if (!(await lockPool(trx, before.pool_id))) throw new NotFoundError('pool', before.pool_id);
    const c = await this.candidate(trx, endpointId, body, caller);
    if (c.poolId !== before.pool_id)
      throw new ConflictError(`endpoint '${c.ep.name}' moved to another pool during set-latest; retry`, { endpoint_id: endpointId });
    if (c.unsatisfied.length > 0 && !body.force) throw this.inconsistent(c);

    const now = this.ctx.clock.now();
    // Target history is ordered by time: a target never gets the same instant as the one before.
    const prevTime = c.previous ? Date.parse(c.previous.created_at) : Number.NEGATIVE_INFINITY;
    const at = new Date(Math.max(now.getTime(), prevTime + 1));
    const targetId = newId();
    const hash = contentHash(c.state);
    const metadata: StateMetadata & { source_endpoint_id: string; source_state_id: string } = {
      ...c.state.metadata,
      content_hash: hash,
      repositories: c.repositories,
      source_endpoint_id: c.ep.id,
      source_state_id: c.source.id,
    };
    if (c.unsatisfied.length > 0) {
      metadata.inconsistent = true;
      metadata.unsatisfied_dependencies = c.unsatisfied;
    } else {
      delete metadata.inconsistent;
      delete metadata.unsatisfied_dependencies;
    }
    const message = body.message ?? null;
    await clearPoolTarget(trx, c.poolId);
    await insertPackageState(trx, {
      id: targetId,
      pool_id: c.poolId,
      endpoint_id: null,
      state_data: { packages: c.state.packages, metadata },
      is_target: true,
      message,
      created_by: c.ep.name,
      created_at: at,
      content_hash: hash,
    });
    const details: JsonObject = {
      target_state_id: targetId,
      previous_target_id: c.previous?.id ?? null,
      source_state_id: c.source.id,
      packages: body.packages ?? null,
      message,
      force: body.force ?? false,
      inconsistent: c.unsatisfied.length > 0,
      unsatisfied_dependencies: c.unsatisfied,
      total_packages: Object.keys(c.state.packages).length,
      changes: c.changes,
      repositories: c.repositories,
      requested_by: actor,
    };
    const op = completedOperation({ pool_id: c.poolId, endpoint_id: c.ep.id, operation_type: 'set_as_latest', details }, now);
    await insertOperation(trx, op);
    await recordEvent(trx, now, actor, {
      event_type: 'pool_target_set',
      severity: c.unsatisfied.length > 0 ? 'warning' : 'info',
      message:
        `endpoint '${c.ep.name}' set ${body.packages ? `${body.packages.length} package(s)` : 'its state'} as the ` +
        `pool's target${c.unsatisfied.length > 0 ? ` (forced: ${c.unsatisfied.length} unsatisfied dependencies)` : ''}`,
      pool_id: c.poolId,
      endpoint_id: c.ep.id,
      details: {
        target_state_id: targetId,
        previous_target_id: c.previous?.id ?? null,
        operation_id: op.id,
        source_state_id: c.source.id,
        inconsistent: c.unsatisfied.length > 0,
      },
    });
    const announce = (counts: PoolDriftCounts) =>
      this.notifier.queue({
        type: 'pool_update',
        channels: [poolChannel(c.poolId)],
        data: {
          pool_id: c.poolId,
          reason: 'target_set',
          target_state_id: targetId,
          previous_target_id: c.previous?.id ?? null,
          created_by: c.ep.name,
          message,
          total_packages: details.total_packages,
          counts,
        },
      });
    const target = {
      id: targetId,
      created_at: at.toISOString(),
      created_by: c.ep.name,
      message,
      endpoint_id: null,
      total_packages: Object.keys(c.state.packages).length,
    };
    // pool_drift is filled in by setLatest once the members have been recomputed.
    return { result: this.result(c, body, target, op, EMPTY_COUNTS), announce, at };
  }

  /**
   * What would become the target, with its consistency and the repository snapshot; refused when
   * the endpoint or the caller may not set this pool's target (see the file comment).
   */
  private async candidate(db: Executor, endpointId: string, body: SetLatestBody, caller: Principal): Promise<Candidate> {
    const ep = await findEndpointById(db, endpointId);
    if (!ep) throw new NotFoundError('endpoint', endpointId);
    requireApproved(ep);
    if (!ep.pool_id) throw this.noPool(ep);
    const pool = await findPoolById(db, ep.pool_id);
    if (!pool) throw new NotFoundError('pool', ep.pool_id);
    assertCanSetTarget(caller, pool);
    const source = ep.current_state_id ? await findPackageStateById(db, ep.current_state_id) : undefined;
    if (!source) {
      throw new InvalidStateError(`endpoint '${ep.name}' has not reported its package state yet (POST /endpoints/${ep.id}/state)`, {
        endpoint_id: ep.id,
      });
    }
    const previous = await findTargetState(db, ep.pool_id);
    let state: PackageStateData;
    let unsatisfied: UnsatisfiedDependency[];
    if (body.packages !== undefined) {
      const promoted = promotePackages(previous?.state_data ?? null, source.state_data, body.packages);
      state = promoted.state;
      unsatisfied = promoted.unsatisfied;
    } else {
      state = source.state_data;
      unsatisfied = checkConsistency(state.packages);
    }
    const diff = diffStates(previous?.state_data.packages ?? {}, state.packages);
    const changes = { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
    return { ep, poolId: ep.pool_id, source, previous, state, unsatisfied, changes, repositories: await this.repositories(db, ep, source) };
  }

  /**
   * The sync databases the target was taken against: those the agent sent with its state, and
   * for names it did not send, the endpoint's latest repository report.
   */
  private async repositories(db: Executor, ep: EndpointRow, source: PackageStateRow): Promise<RepositorySnapshot[]> {
    const out = [...(source.state_data.metadata.repositories ?? [])];
    const known = new Set(out.map((r) => r.name));
    const pos = (m: { position?: number }) => m.position ?? Number.MAX_SAFE_INTEGER;
    const heads = (await listEndpointRepositoryHeads(db, ep.id)).sort((a, b) => pos(a.metadata) - pos(b.metadata));
    for (const h of heads) {
      if (known.has(h.repo_name)) continue;
      out.push({ name: h.repo_name, server: h.repo_url, db_hash: h.metadata.db_hash ?? null, db_date: h.metadata.last_sync ?? null });
    }
    return out;
  }

  private result(
    c: Candidate,
    body: SetLatestBody,
    target: SetLatestResult['target_state'],
    op: OperationRow | null,
    counts: SetLatestResult['pool_drift'],
  ): SetLatestResult {
    return {
      dry_run: op === null,
      applied: op !== null || c.unsatisfied.length === 0 || (body.force ?? false),
      pool_id: c.poolId,
      target_state: target,
      previous_target_id: c.previous?.id ?? null,
      source_state_id: c.source.id,
      packages: body.packages ?? null,
      total_packages: Object.keys(c.state.packages).length,
      changes: c.changes,
      inconsistent: c.unsatisfied.length > 0,
      unsatisfied_dependencies: c.unsatisfied,
      repositories: c.repositories,
      operation: op ? toOperationView(op) : null,
      pool_drift: counts,
    };
  }

  private noPool(ep: EndpointRow): InvalidStateError {
    return new InvalidStateError(`endpoint '${ep.name}' is in no pool: assign it to a pool before setting its state as latest`, {
      endpoint_id: ep.id,
    });
  }

  private inconsistent(c: Candidate): InvalidStateError {
    const shown = c.unsatisfied.slice(0, 10).map((u) => `${u.package} needs ${u.dependency}`);
    const more = c.unsatisfied.length > shown.length ? ` and ${c.unsatisfied.length - shown.length} more` : '';
    return new InvalidStateError(
      `the new target would not be consistent (Arch does not support partial upgrades): ${shown.join('; ')}${more}. ` +
        `Promote the missing dependencies too, or use force to store it flagged`,
      { unsatisfied_dependencies: c.unsatisfied, pool_id: c.poolId },
    );
  }
}
