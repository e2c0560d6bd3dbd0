// Endpoints: registration (which issues the endpoint's own key, shown once), listing, detail,
// update and deletion. Administrative changes are audited in the same transaction. Registering
// into a pool, moving to another pool and deleting change a pool's members: they lock the pool(s)
// first, in the order every such change follows (pool-lock.ts). An endpoint registered with an
// enroll key starts pending approval unless the key auto-approves (enrollment.service.ts). Who
// may register where and change what: policies/endpoint.policy.ts.
import { isDeepStrictEqual } from 'node:util';
import type { PageOf } from '../../contracts/common.contract.js';
import type {
  EndpointApproval,
  EndpointDetail,
  EndpointListQuery,
  EndpointView,
  RegisterEndpointBody,
  RegisteredEndpoint,
  UpdateEndpointBody,
} from '../../contracts/endpoint.contract.js';
import { NotFoundError } from '../../core/errors.js';
import { newId } from '../../db/dialect.js';
import { deleteEndpoint, findEndpointById, findEndpointByName, insertEndpoint, listEndpoints, updateEndpoint } from '../../db/endpoint.repository.js';
import { listRecentEvents } from '../../db/event.repository.js';
import type { Executor } from '../../db/executor.js';
import { listRecentOperations } from '../../db/operation.repository.js';
import { findPoolById, lockPool } from '../../db/pool.repository.js';
import { generateApiKey, hashApiKey } from '../auth/api-key.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { accessChanged, type Notifier } from '../events/notifier.js';
import { assertCanMoveEndpoint, isAuditedUpdate, isEnrollment, registrationPool } from '../policies/endpoint.policy.js';
import { toEndpointDetail, toEndpointView } from '../presenters/endpoint.presenter.js';
import type { ApiKeyService } from './api-key.service.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
import { recordEvent } from './event.service.js';
import { poolIdOf } from './pool-by-name.js';
import { page, pageOf } from './paging.js';
import { lockMembership } from './pool-lock.js';
import { inTransaction } from './retry.js';
import { nameTaken, refusingTakenName } from './unique-name.js';

/** How many operations and events an endpoint's detail shows as recent activity. */
export const RECENT_ACTIVITY_LIMIT = 10;

/** The endpoint as the API shows it, read afresh; NotFoundError when it is gone. */
export async function loadEndpointView(db: Executor, id: string): Promise<EndpointView> {
  const row = await findEndpointById(db, id);
  if (!row) throw new NotFoundError('endpoint', id);
  return toEndpointView(row);
}

export class EndpointService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly apiKeys: ApiKeyService,
    private readonly drift: DriftRefresher,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Registers a machine. An enroll key bound to a pool registers into that pool only (a different
   * pool_id is refused; none means that pool). Names are unique: a taken name is a 409, never a
   * takeover of the existing endpoint. An enroll key's registration counts one of its uses (its
   * max_uses) in the same transaction and is pending approval unless the key auto-approves; an
   * admin's is approved.
   */
  async register(body: RegisterEndpointBody, caller: Principal): Promise<RegisteredEndpoint> {
    const poolId = registrationPool(caller, (await poolIdOf(this.ctx.db, body, 'body.pool')) ?? null);
    const actor = actorOf(caller);
    const now = this.ctx.clock.now();
    const id = newId();
    const key = generateApiKey();
    let keyId = '';
    await refusingTakenName('endpoint', body.name, () =>
      inTransaction(this.ctx, this.notifier, 'the registration', async (trx) => {
        if (poolId !== null && !(await lockPool(trx, poolId))) throw new NotFoundError('pool', poolId);
        await this.assertNameFree(trx, body.name);
        let approval: EndpointApproval = 'approved';
        if (isEnrollment(caller)) approval = (await this.apiKeys.claimEnrollUse(trx, caller.keyId)).autoApprove ? 'approved' : 'pending';
        await insertEndpoint(trx, {
          id,
          name: body.name,
          hostname: body.hostname,
          pool_id: poolId,
          api_key_hash: hashApiKey(key),
          // The agent is talking to us right now.
          status: 'online',
          sync_status: 'unknown',
          system_info: body.system_info ?? {},
          package_summary: {},
          approval,
          last_seen: now,
          created_at: now,
          updated_at: now,
        });
        keyId = (await this.apiKeys.issueEndpointKey(trx, id, `endpoint ${body.name}`, now, key)).id;
        await recordEvent(trx, now, actor, {
          event_type: 'endpoint_registered',
          message: `endpoint '${body.name}' (${body.hostname}) registered`,
          endpoint_id: id,
          pool_id: poolId,
          details: {
            endpoint_id: id,
            name: body.name,
            hostname: body.hostname,
            pool_id: poolId,
            api_key_id: keyId,
            registered_with: caller.role,
            approval,
          },
        });
        if (approval === 'pending') {
          await recordEvent(trx, now, actor, {
            event_type: 'endpoint_pending_approval',
            severity: 'warning',
            message: `endpoint '${body.name}' (${body.hostname}) enrolled with an enroll key is waiting for approval`,
            endpoint_id: id,
            pool_id: poolId,
            details: { endpoint_id: id, name: body.name, hostname: body.hostname, pool_id: poolId, enroll_key_id: caller.keyId },
          });
        }
      }),
    );
    return { ...(await this.view(id)), api_key: key, api_key_id: keyId };
  }

  async list(query: EndpointListQuery): Promise<PageOf<EndpointView>> {
    const p = page(query);
    const { rows, total } = await listEndpoints(
      this.ctx.db,
      { pool_id: query.pool_id, status: query.status, sync_status: query.sync_status, approval: query.approval, search: query.search },
      p,
      { sort: query.sort ?? 'name', order: query.order ?? 'asc' },
    );
    return pageOf(rows.map(toEndpointView), total, p);
  }

  async get(id: string): Promise<EndpointDetail> {
    const db = this.ctx.db;
    const row = await findEndpointById(db, id);
    if (!row) throw new NotFoundError('endpoint', id);
    const [pool, operations, events] = await Promise.all([
      row.pool_id ? findPoolById(db, row.pool_id) : Promise.resolve(undefined),
      listRecentOperations(db, id, RECENT_ACTIVITY_LIMIT),
      listRecentEvents(db, { endpoint_id: id }, RECENT_ACTIVITY_LIMIT),
    ]);
    return toEndpointDetail(row, pool, { operations, events });
  }

  /**
   * Admin: any field. The endpoint itself: name, hostname, system_info — not its pool (pools are
   * the administrator's decision). A system_info-only change by the agent is not audited (it
   * happens routinely); everything else is.
   */
  async update(id: string, body: UpdateEndpointBody, caller: Principal): Promise<EndpointView> {
    const now = this.ctx.clock.now();
    await refusingTakenName('endpoint', body.name ?? '', () =>
      inTransaction(this.ctx, this.notifier, 'the endpoint update', async (trx) => {
        let row = await findEndpointById(trx, id);
        if (!row) throw new NotFoundError('endpoint', id);
        let poolChanges = body.pool_id !== undefined && body.pool_id !== row.pool_id;
        if (poolChanges) {
          assertCanMoveEndpoint(caller);
          // A move changes two pools' members: lock both, then decide on the endpoint as it is now.
          const locked = await lockMembership(trx, id, [body.pool_id]);
          if (!locked) throw new NotFoundError('endpoint', id);
          if (body.pool_id && !locked.pools.has(body.pool_id)) throw new NotFoundError('pool', body.pool_id);
          row = locked.endpoint;
          poolChanges = body.pool_id !== row.pool_id;
        }
        if (body.name !== undefined && body.name !== row.name) await this.assertNameFree(trx, body.name);
        await updateEndpoint(trx, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.hostname !== undefined ? { hostname: body.hostname } : {}),
          ...(poolChanges ? { pool_id: body.pool_id ?? null } : {}),
          ...(body.system_info !== undefined ? { system_info: body.system_info } : {}),
          updated_at: now,
        });
        if (poolChanges) {
          await this.drift.refreshEndpoint(trx, id, now);
          this.notifier.queue(
            accessChanged({ kind: 'endpoint_moved', endpoint_id: id, from_pool_id: row.pool_id, to_pool_id: body.pool_id ?? null }),
          );
        }
        const changed = (['name', 'hostname', 'pool_id', 'system_info'] as const).filter(
          // Deep equality: the same system_info with its keys in another order is no change.
          (k) => body[k] !== undefined && !isDeepStrictEqual(body[k], row[k]),
        );
        if (isAuditedUpdate(caller, changed)) {
          await recordEvent(trx, now, actorOf(caller), {
            event_type: 'endpoint_updated',
            message: `endpoint '${body.name ?? row.name}' updated (${changed.join(', ')})`,
            endpoint_id: id,
            pool_id: poolChanges ? (body.pool_id ?? null) : row.pool_id,
            details: {
              endpoint_id: id,
              changed,
              ...(changed.includes('name') ? { name: { from: row.name, to: body.name } } : {}),
              ...(changed.includes('hostname') ? { hostname: { from: row.hostname, to: body.hostname } } : {}),
              ...(poolChanges ? { pool_id: { from: row.pool_id, to: body.pool_id ?? null } } : {}),
            },
          });
        }
      }),
    );
    return this.view(id);
  }

  /** Deletes the endpoint with its key(s), states, repositories and operations (cascade). */
  async delete(id: string, actor: string): Promise<{ id: string; deleted: true }> {
    const now = this.ctx.clock.now();
    return inTransaction(this.ctx, this.notifier, 'the endpoint deletion', async (trx) => {
      const row = (await lockMembership(trx, id))?.endpoint;
      if (!row) throw new NotFoundError('endpoint', id);
      // Written first: the FK is nulled by the delete, the id stays in details.
      await recordEvent(trx, now, actor, {
        event_type: 'endpoint_deleted',
        severity: 'warning',
        message: `endpoint '${row.name}' (${row.hostname}) deleted`,
        endpoint_id: id,
        pool_id: row.pool_id,
        details: { endpoint_id: id, name: row.name, hostname: row.hostname, pool_id: row.pool_id },
      });
      await deleteEndpoint(trx, id);
      // Its keys went with it (cascade): its sockets are closed once this commits.
      this.notifier.queue(accessChanged({ kind: 'endpoint_deleted', endpoint_id: id }));
      return { id, deleted: true as const };
    });
  }

  private view(id: string): Promise<EndpointView> {
    return loadEndpointView(this.ctx.db, id);
  }

  private async assertNameFree(db: Executor, name: string): Promise<void> {
    if (await findEndpointByName(db, name)) throw nameTaken('endpoint', name);
  }
}
