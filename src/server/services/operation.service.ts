// The operation life cycle: pending → in_progress → completed | failed | cancelled, driven by the
// operation's own endpoint (cancel: an admin too; policies/operation.policy.ts), and the operation
// lists. Every transition is a compare-and-set on the status, so two racing transitions cannot
// both succeed; an impossible one (completing a cancelled operation…) is 422 INVALID_STATE.
//
// Progress reports are frequent: the database is written when the percentage, the step or the
// status changes; the package being processed goes to WebSocket subscribers only.
import type { PageOf } from '../../contracts/common.contract.js';
import type {
  CompleteBody,
  FailBody,
  FleetOperationListQuery,
  OperationListQuery,
  OperationView,
  ProgressBody,
} from '../../contracts/operation.contract.js';
import { InvalidStateError, NotFoundError } from '../../core/errors.js';
import { type EndpointRow, findEndpointById, updateEndpoint } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { ACTIVE_STATUSES, findOperationById, listOperations, type OperationRow, updateOperationIf } from '../../db/operation.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { operationNotice } from '../domain/operation-record.js';
import { type NormalisedState, normaliseState } from '../domain/state-normalisation.js';
import { endpointChannels, type Notifier } from '../events/notifier.js';
import { assertCanReadOperation, assertCanTransition, type OperationAction } from '../policies/operation.policy.js';
import { toOperationView } from '../presenters/operation.presenter.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
import { recordEvent } from './event.service.js';
import { page, pageOf } from './paging.js';
import type { ReportService } from './report.service.js';
import { idempotent, type IdempotencyRequest } from './idempotency.js';
import { inTransaction } from './retry.js';

const DONE: Record<OperationAction, string> = { progress: 'given progress', complete: 'completed', fail: 'failed', cancel: 'cancelled' };

function invalidTransition(op: OperationRow, action: OperationAction): InvalidStateError {
  return new InvalidStateError(`operation ${op.id} is ${op.status}: only a pending or in_progress operation can be ${DONE[action]}`, {
    operation_id: op.id,
    status: op.status,
    action,
    allowed_from: [...ACTIVE_STATUSES],
  });
}

/** The columns a transition changes (timestamps as ISO text, like the rows read back). */
type OperationPatch = Partial<Pick<OperationRow, 'status' | 'progress' | 'details' | 'error_message' | 'started_at' | 'completed_at'>>;

export class OperationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher,
    private readonly notifier: Notifier,
    private readonly reports: ReportService,
  ) {}

  async get(id: string, caller: Principal): Promise<OperationView> {
    const op = await findOperationById(this.ctx.db, id);
    if (!op) throw new NotFoundError('operation', id);
    assertCanReadOperation(caller, op);
    return toOperationView(op);
  }

  async listForEndpoint(endpointId: string, query: OperationListQuery): Promise<PageOf<OperationView>> {
    if (!(await findEndpointById(this.ctx.db, endpointId))) throw new NotFoundError('endpoint', endpointId);
    return this.list({ endpoint_id: endpointId }, query);
  }

  async listForPool(poolId: string, query: OperationListQuery): Promise<PageOf<OperationView>> {
    if (!(await findPoolById(this.ctx.db, poolId))) throw new NotFoundError('pool', poolId);
    return this.list({ pool_id: poolId }, query);
  }

  /** `GET /operations`: every pool's; an unknown pool or endpoint id simply matches nothing. */
  async listAll(query: FleetOperationListQuery): Promise<PageOf<OperationView>> {
    return this.list({ pool_id: query.pool_id, endpoint_id: query.endpoint_id }, query);
  }

  private async list(scope: { endpoint_id?: string; pool_id?: string }, query: OperationListQuery): Promise<PageOf<OperationView>> {
    const p = page(query);
    const { rows, total } = await listOperations(this.ctx.db, { ...scope, status: query.status, operation_type: query.operation_type }, p);
    return pageOf(rows.map(toOperationView), total, p);
  }

  /** `POST /operations/{id}/progress` (the operation's endpoint): pending → in_progress on the first one. */
  async progress(id: string, body: ProgressBody, caller: Principal, idem?: IdempotencyRequest): Promise<OperationView> {
    return this.transition(id, caller, 'progress', idem, async (trx, op, ep, now) => {
      const starting = op.status === 'pending';
      const last = (op.details.last_progress ?? {}) as JsonObject;
      const info: JsonObject = {
        step: body.step ?? last.step ?? null,
        packages_processed: body.packages_processed ?? null,
        packages_total: body.packages_total ?? null,
        current_package: body.current_package ?? null,
        updated_at: now.toISOString(),
      };
      let row = op;
      if (starting || body.progress !== op.progress || info.step !== (last.step ?? null)) {
        const details: JsonObject = { ...op.details, last_progress: info };
        // The state to revert to is the one the machine had when the sync really started.
        if (starting && op.operation_type === 'sync_to_latest' && ep?.current_state_id) details.pre_sync_state_id = ep.current_state_id;
        const patch: OperationPatch = {
          status: 'in_progress',
          progress: body.progress,
          details,
          ...(starting ? { started_at: now.toISOString() } : {}),
        };
        if (!(await updateOperationIf(trx, id, [op.status], patch))) throw invalidTransition((await findOperationById(trx, id)) ?? op, 'progress');
        row = { ...op, ...patch };
      }
      this.notifier.queue(
        operationNotice(row, {
          step: info.step,
          packages_processed: info.packages_processed,
          packages_total: info.packages_total,
          current_package: info.current_package,
        }),
      );
      return row;
    });
  }

  /** `POST /operations/{id}/complete`: optionally with the state reached (stored like a report). */
  async complete(id: string, body: CompleteBody, caller: Principal, idem?: IdempotencyRequest): Promise<OperationView> {
    const reached = body.state ? normaliseState(body.state, 'body.state') : null;
    return this.transition(id, caller, 'complete', idem, async (trx, op, ep, now) => {
      const details: JsonObject = { ...op.details, result: body.result ?? null };
      const row = await this.finish(trx, op, 'complete', { status: 'completed', progress: 100, completed_at: now.toISOString(), details });
      // A completed operation clears an error left by an earlier failure.
      if (ep?.status === 'error') await this.setEndpointStatus(trx, ep, 'online', now);
      return this.afterFinish(trx, row, ep, reached, now);
    });
  }

  /** `POST /operations/{id}/fail`: pacman's message, optionally the state actually reached. */
  async fail(id: string, body: FailBody, caller: Principal, idem?: IdempotencyRequest): Promise<OperationView> {
    const reached = body.state ? normaliseState(body.state, 'body.state') : null;
    return this.transition(id, caller, 'fail', idem, async (trx, op, ep, now) => {
      const row = await this.finish(trx, op, 'fail', { status: 'failed', completed_at: now.toISOString(), error_message: body.error_message });
      if (ep) {
        await this.setEndpointStatus(trx, ep, 'error', now);
        await recordEvent(trx, now, `endpoint ${ep.name}`, {
          event_type: 'operation_failed',
          severity: 'error',
          message: `${op.operation_type} on endpoint '${ep.name}' failed: ${body.error_message.slice(0, 500)}`,
          endpoint_id: ep.id,
          pool_id: op.pool_id,
          details: { operation_id: op.id, operation_type: op.operation_type },
        });
      }
      return this.afterFinish(trx, row, ep, reached, now);
    });
  }

  /** `POST /operations/{id}/cancel` (its endpoint, or an admin). Audited. */
  async cancel(id: string, caller: Principal): Promise<OperationView> {
    return this.transition(id, caller, 'cancel', undefined, async (trx, op, ep, now) => {
      const row = await this.finish(trx, op, 'cancel', { status: 'cancelled', completed_at: now.toISOString() });
      await recordEvent(trx, now, actorOf(caller), {
        event_type: 'operation_cancelled',
        severity: 'warning',
        message: `${op.operation_type} ${op.id}${ep ? ` of endpoint '${ep.name}'` : ''} cancelled (was ${op.status})`,
        endpoint_id: op.endpoint_id,
        pool_id: op.pool_id,
        details: { operation_id: op.id, operation_type: op.operation_type, previous_status: op.status },
      });
      return this.afterFinish(trx, row, ep, null, now);
    });
  }

  /**
   * Loads the operation and its endpoint in a transaction, checks the caller (the operation's own
   * endpoint; an admin only for cancel) and that the operation is still active, then runs `apply`.
   * With an idempotency key, a retry of a transition already made answers as it did then
   * (before the status check, which would now refuse it).
   */
  private async transition(
    id: string,
    caller: Principal,
    action: OperationAction,
    idem: IdempotencyRequest | undefined,
    apply: (trx: Executor, op: OperationRow, ep: EndpointRow | undefined, now: Date) => Promise<OperationRow>,
  ): Promise<OperationView> {
    return inTransaction(this.ctx, this.notifier, `the operation ${action}`, async (trx) => {
      const now = this.ctx.clock.now();
      return idempotent(trx, idem, now, async () => {
        const op = await findOperationById(trx, id);
        if (!op) throw new NotFoundError('operation', id);
        assertCanTransition(caller, op, action);
        if (!(ACTIVE_STATUSES as readonly string[]).includes(op.status)) throw invalidTransition(op, action);
        const ep = op.endpoint_id ? await findEndpointById(trx, op.endpoint_id) : undefined;
        return toOperationView(await apply(trx, op, ep, now));
      });
    });
  }

  private async finish(trx: Executor, op: OperationRow, action: OperationAction, patch: OperationPatch): Promise<OperationRow> {
    if (!(await updateOperationIf(trx, op.id, ACTIVE_STATUSES, patch))) {
      throw invalidTransition((await findOperationById(trx, op.id)) ?? op, action);
    }
    return { ...op, ...patch };
  }

  /** After a final status: store the state reached (if any), recompute drift (no longer pending), notify. */
  private async afterFinish(
    trx: Executor,
    row: OperationRow,
    ep: EndpointRow | undefined,
    reached: NormalisedState | null,
    now: Date,
  ): Promise<OperationRow> {
    let out = row;
    if (ep && reached) {
      const stored = await this.reports.storeState(trx, ep.id, reached, now, false);
      const details: JsonObject = { ...row.details, post_state_id: stored.state_id };
      await updateOperationIf(trx, row.id, [row.status], { details });
      out = { ...row, details };
    } else if (ep) {
      await this.drift.refreshEndpoint(trx, ep.id, now);
    }
    this.notifier.queue(operationNotice(out));
    return out;
  }

  private async setEndpointStatus(trx: Executor, ep: EndpointRow, status: 'online' | 'error', now: Date): Promise<void> {
    if (ep.status === status) return;
    await updateEndpoint(trx, ep.id, { status, updated_at: now });
    this.notifier.queue({
      type: 'endpoint_status',
      channels: endpointChannels(ep.id, ep.pool_id),
      data: { endpoint_id: ep.id, endpoint_name: ep.name, pool_id: ep.pool_id, status, previous_status: ep.status },
    });
  }
}
