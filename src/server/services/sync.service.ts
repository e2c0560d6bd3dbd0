// Starting operations that change a machine: sync to the pool's target, revert to an earlier
// state, and "sync all" for a pool (README "API keys and the HTTP API"; the agent's side: README
// "Security model", "Preview, then operation"). Each answers the stored
// operation with its plan (src/core/plan.ts). A dry run is a plan, not an operation that ran: it
// stores nothing (operation: null), so no "last sync", drift history or count sees it. Otherwise
// the operation is PENDING — the agent drives it through /operations/{id}/progress|complete|fail —
// and the endpoint is `sync_pending`; one its agent never picks up expires (operation-expiry.ts).
//
// At most one active (pending or in_progress) operation per endpoint: the check and the insert
// run in one transaction that first locks the endpoint row, so two concurrent requests cannot
// both pass. The database enforces the rule too (unique index of migration 004) against writers
// that do not take that lock; losing to one of them is a unique violation on insert, answered the
// same way: 409 SYNC_IN_PROGRESS.
import type { OperationView, RevertBody, SyncOptions } from '../../contracts/operation.contract.js';
import type { OperationWithPlan, SyncAllResult } from '../../contracts/sync.contract.js';
import { DomainError, InvalidStateError, NotFoundError, ValidationError } from '../../core/errors.js';
import { validateExclusionPattern } from '../../core/names.js';
import type { PackageStateData } from '../../core/package-state.js';
import { planRevert, planSync, type SyncPlan } from '../../core/plan.js';
import { newId } from '../../db/dialect.js';
import { lockEndpoint } from '../../db/drift.repository.js';
import { type EndpointRow, findEndpointById, listPoolMembers } from '../../db/endpoint.repository.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { findActiveOperation, findLatestOperation, insertOperation, type OperationRow } from '../../db/operation.repository.js';
import { findPackageStateById } from '../../db/package-state.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { operationNotice } from '../domain/operation-record.js';
import type { Notifier } from '../events/notifier.js';
import { toOperationView } from '../presenters/operation.presenter.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher, PoolDriftContext, PoolDriftReader } from './drift-refresher.js';
import { expireIfUnclaimed } from './operation-expiry.js';
import { requireApproved } from './enrollment.service.js';
import { recordEvent } from './event.service.js';
import { inTransaction } from './retry.js';

/** 409 SYNC_IN_PROGRESS naming the operation that is in the way. */
export function syncInProgress(ep: { id: string; name: string }, active: Pick<OperationRow, 'id' | 'operation_type' | 'status'> | null): DomainError {
  const what = active ? `operation ${active.id} (${active.operation_type}, ${active.status})` : 'an active operation';
  return new DomainError('SYNC_IN_PROGRESS', `endpoint '${ep.name}' already has ${what}; wait for it to finish or cancel it`, {
    endpoint_id: ep.id,
    operation_id: active?.id ?? null,
    operation_type: active?.operation_type ?? null,
    status: active?.status ?? null,
  });
}

function validateExcludes(list: readonly string[] | undefined, field: string): void {
  list?.forEach((p, i) => validateExclusionPattern(p, `${field}[${i}]`));
}

/** Why sync-all passes a member by (the others fail the whole request). */
const SKIPPED_CODES: ReadonlySet<string> = new Set(['SYNC_IN_PROGRESS', 'INVALID_STATE', 'ENDPOINT_NOT_APPROVED']);

/** createSync's answer for a sync-all member whose plan is empty. */
const NOTHING_TO_DO = 'NOTHING_TO_DO' as const;

export class SyncService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher & PoolDriftReader,
    private readonly notifier: Notifier,
    /** `[features] operation_pickup_timeout`, minutes. */
    private readonly pickupTimeoutMinutes = 30,
  ) {}

  /** `POST /endpoints/{id}/sync`. */
  async sync(endpointId: string, body: SyncOptions, actor: string): Promise<OperationWithPlan> {
    validateExcludes(body.exclude, 'body.exclude');
    return inTransaction(this.ctx, this.notifier, 'the sync request', async (trx) => {
      const ep = await this.endpoint(trx, endpointId, !body.dry_run);
      const pctx = await this.poolTarget(trx, ep);
      const current = await this.currentState(trx, ep);
      return (await this.createSync(trx, ep, pctx, current, body, actor, this.ctx.clock.now())) as OperationWithPlan;
    });
  }

  /** `POST /pools/{id}/sync-all`: a sync for every member; members that cannot get one are listed. */
  async syncAll(poolId: string, body: SyncOptions, actor: string, opts: { skipOffline?: boolean } = {}): Promise<SyncAllResult> {
    validateExcludes(body.exclude, 'body.exclude');
    const db = this.ctx.db;
    if (!(await findPoolById(db, poolId))) throw new NotFoundError('pool', poolId);
    const pctx = await this.drift.poolContext(db, poolId);
    if (!pctx?.target || !pctx.targetId)
      throw new InvalidStateError('this pool has no target state yet: set one with set-latest first', { pool_id: poolId });
    // Checked once up front, so that a bad name refuses the whole request before anything is stored.
    const unknown = (body.packages ?? []).filter((n) => !Object.prototype.hasOwnProperty.call(pctx.target?.target.packages ?? {}, n));
    if (unknown.length > 0) throw new ValidationError('body.packages', `not in the pool's target: ${unknown.join(', ')}`, { packages: unknown });
    const now = this.ctx.clock.now();
    const result: SyncAllResult = {
      pool_id: poolId,
      target_state_id: pctx.targetId,
      dry_run: body.dry_run ?? false,
      created: [],
      skipped: [],
      requested_at: now.toISOString(),
    };
    for (const member of await listPoolMembers(db, poolId)) {
      // The schedule leaves silent machines alone: their operation would only wait and expire.
      if (opts.skipOffline && member.status === 'offline') {
        result.skipped.push({
          endpoint_id: member.id,
          endpoint_name: member.name,
          code: 'ENDPOINT_OFFLINE',
          reason: `endpoint '${member.name}' is offline`,
          operation_id: null,
        });
        continue;
      }
      try {
        const r = await inTransaction(this.ctx, this.notifier, 'the sync request', async (trx) => {
          const ep = await this.endpoint(trx, member.id, !body.dry_run);
          if (ep.pool_id !== poolId) return null; // moved meanwhile: no longer a member
          const current = await this.currentState(trx, ep);
          return this.createSync(trx, ep, pctx, current, body, actor, now, { skipEmpty: true });
        });
        if (r === NOTHING_TO_DO) {
          result.skipped.push({
            endpoint_id: member.id,
            endpoint_name: member.name,
            code: NOTHING_TO_DO,
            reason: `endpoint '${member.name}' already matches the target: nothing to do`,
            operation_id: null,
          });
        } else if (r)
          result.created.push({
            endpoint_id: member.id,
            endpoint_name: member.name,
            operation_id: r.operation?.id ?? null,
            total_packages: r.plan.total_packages,
            blocked: r.plan.blocked,
          });
      } catch (err) {
        if (!(err instanceof DomainError) || !SKIPPED_CODES.has(err.code)) throw err;
        const d = (err.details ?? {}) as { operation_id?: string | null };
        result.skipped.push({
          endpoint_id: member.id,
          endpoint_name: member.name,
          code: err.code,
          reason: err.message,
          operation_id: d.operation_id ?? null,
        });
      }
    }
    await recordEvent(db, now, actor, {
      event_type: 'pool_sync_all',
      message:
        `sync${result.dry_run ? ' (dry run)' : ''} requested for ${result.created.length} ` +
        `member(s) of the pool, ${result.skipped.length} skipped`,
      pool_id: poolId,
      details: {
        pool_id: poolId,
        target_state_id: pctx.targetId,
        dry_run: result.dry_run,
        operations: result.created.map((c) => c.operation_id).filter((id): id is string => id !== null),
        skipped: result.skipped.map((s) => ({ endpoint_id: s.endpoint_id, code: s.code })),
      },
    });
    return result;
  }

  /** `POST /endpoints/{id}/revert`: back to the state before the last sync, or `target_state_id`. */
  async revert(endpointId: string, body: RevertBody, actor: string): Promise<OperationWithPlan> {
    const dryRun = body.dry_run ?? false;
    return inTransaction(this.ctx, this.notifier, 'the revert request', async (trx) => {
      const now = this.ctx.clock.now();
      const ep = await this.endpoint(trx, endpointId, !dryRun);
      const current = await this.currentState(trx, ep);
      let revertedOp: OperationRow | undefined;
      let previousId: string;
      if (body.target_state_id !== undefined) {
        previousId = body.target_state_id;
      } else {
        revertedOp = await findLatestOperation(trx, { endpoint_id: ep.id, operation_type: 'sync_to_latest' }, ['completed', 'failed', 'cancelled'], {
          excludeDryRun: true,
        });
        const pre = revertedOp?.details.pre_sync_state_id;
        if (!revertedOp || typeof pre !== 'string') {
          throw new InvalidStateError(`endpoint '${ep.name}' has no sync to revert; name a state with target_state_id`, { endpoint_id: ep.id });
        }
        previousId = pre;
      }
      const previous = await findPackageStateById(trx, previousId);
      if (!previous) {
        if (body.target_state_id !== undefined) throw new NotFoundError('state', previousId);
        throw new InvalidStateError(`the state before the last sync (${previousId}) is no longer stored`, {
          state_id: previousId,
          operation_id: revertedOp?.id ?? null,
        });
      }
      const own = previous.endpoint_id === ep.id || (previous.endpoint_id === null && previous.pool_id !== null && previous.pool_id === ep.pool_id);
      if (!own) throw new ValidationError('body.target_state_id', "is neither one of this endpoint's states nor a target of its pool");
      const plan = planRevert(current.state_data, previous.state_data, { dry_run: dryRun });
      const op = await this.insert(
        trx,
        ep,
        current.state_data,
        plan,
        'revert_to_previous',
        {
          revert_to_state_id: previous.id,
          reverted_operation_id: revertedOp?.id ?? null,
          pre_sync_state_id: current.id,
          requested_by: actor,
        },
        now,
      );
      if (op !== null) {
        await recordEvent(trx, now, actor, {
          event_type: 'endpoint_revert_requested',
          severity: 'warning',
          message: `revert of endpoint '${ep.name}' to state ${previous.id} requested (${plan.total_packages} package change(s))`,
          endpoint_id: ep.id,
          pool_id: ep.pool_id,
          details: { operation_id: op.id, revert_to_state_id: previous.id, reverted_operation_id: revertedOp?.id ?? null },
        });
      }
      return { operation: op, plan };
    });
  }

  /**
   * The endpoint, locked first when an operation will be created (see the file comment). An
   * endpoint pending approval (or rejected) gets no operation, not even a dry run.
   */
  private async endpoint(trx: Executor, id: string, lock: boolean): Promise<EndpointRow> {
    if (lock && !(await lockEndpoint(trx, id))) throw new NotFoundError('endpoint', id);
    const ep = await findEndpointById(trx, id);
    if (!ep) throw new NotFoundError('endpoint', id);
    requireApproved(ep);
    return ep;
  }

  private async poolTarget(
    trx: Executor,
    ep: EndpointRow,
  ): Promise<PoolDriftContext & { targetId: string; target: NonNullable<PoolDriftContext['target']> }> {
    if (!ep.pool_id) throw new InvalidStateError(`endpoint '${ep.name}' is in no pool: there is no target to sync to`, { endpoint_id: ep.id });
    const pctx = await this.drift.poolContext(trx, ep.pool_id);
    if (!pctx?.target || !pctx.targetId) {
      throw new InvalidStateError(`the pool of endpoint '${ep.name}' has no target state yet: set one with set-latest first`, {
        pool_id: ep.pool_id,
      });
    }
    return pctx as PoolDriftContext & { targetId: string; target: NonNullable<PoolDriftContext['target']> };
  }

  private async currentState(trx: Executor, ep: EndpointRow): Promise<{ id: string; state_data: PackageStateData }> {
    const row = ep.current_state_id ? await findPackageStateById(trx, ep.current_state_id) : undefined;
    if (!row) {
      throw new InvalidStateError(`endpoint '${ep.name}' has not reported its package state yet (POST /endpoints/${ep.id}/state)`, {
        endpoint_id: ep.id,
      });
    }
    return row;
  }

  private async createSync(
    trx: Executor,
    ep: EndpointRow,
    pctx: PoolDriftContext,
    current: { id: string; state_data: PackageStateData },
    body: SyncOptions,
    actor: string,
    now: Date,
    opts: { skipEmpty?: boolean } = {},
  ): Promise<OperationWithPlan | typeof NOTHING_TO_DO> {
    const s = pctx.settings;
    const plan = planSync(current.state_data, (pctx.target as NonNullable<PoolDriftContext['target']>).target, {
      dry_run: body.dry_run ?? false,
      force: body.force ?? false,
      packages: body.packages ?? null,
      exclude: body.exclude ?? [],
      conflict_resolution: s.conflict_resolution,
      remove_extra: s.remove_extra,
      exclusions: { packages: s.excluded_packages, repos: s.excluded_repos },
    });
    // sync-all: a member with nothing to change gets no operation (no daemon has to close it).
    if (opts.skipEmpty && !plan.dry_run && plan.total_packages === 0 && plan.conflicts.length === 0) {
      await this.requireFree(trx, ep, now); // a member busy with another operation is that, not "nothing to do"
      return NOTHING_TO_DO;
    }
    const op = await this.insert(
      trx,
      ep,
      current.state_data,
      plan,
      'sync_to_latest',
      {
        // Seed spelling of the per-operation exclusions, next to the plan's own `exclude`.
        exclude_packages: plan.exclude,
        target_state_id: pctx.targetId,
        // The state to return to on "revert": updated when the agent starts the operation.
        pre_sync_state_id: current.id,
        requested_by: actor,
      },
      now,
    );
    return { operation: op, plan };
  }

  /** 409 SYNC_IN_PROGRESS while the endpoint has an active operation (one never picked up expires). */
  private async requireFree(trx: Executor, ep: EndpointRow, now: Date): Promise<void> {
    const active = await findActiveOperation(trx, ep.id);
    if (active && !(await expireIfUnclaimed(trx, this.notifier, active, ep.name, this.pickupTimeoutMinutes, now))) throw syncInProgress(ep, active);
  }

  /**
   * Stores the operation (pending) and marks the endpoint sync_pending; a dry run stores nothing
   * (null). `current` is the endpoint's current state, already read by the caller.
   */
  private async insert(
    trx: Executor,
    ep: EndpointRow,
    current: PackageStateData,
    plan: SyncPlan,
    type: 'sync_to_latest' | 'revert_to_previous',
    extra: JsonObject,
    now: Date,
  ): Promise<OperationView | null> {
    if (plan.dry_run) return null;
    await this.requireFree(trx, ep, now);
    const row: OperationRow = {
      id: newId(),
      pool_id: ep.pool_id,
      endpoint_id: ep.id,
      operation_type: type,
      status: 'pending',
      progress: 0,
      details: { ...plan, ...extra },
      error_message: null,
      started_at: now.toISOString(),
      completed_at: null,
      created_at: now.toISOString(),
    };
    try {
      await insertOperation(trx, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw syncInProgress(ep, null);
      throw err;
    }
    await this.drift.refreshEndpoint(trx, ep.id, now, { state: current });
    this.notifier.queue(operationNotice(row, { total_packages: plan.total_packages, blocked: plan.blocked }));
    return toOperationView(row);
  }
}
