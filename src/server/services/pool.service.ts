// Pools: CRUD and membership (target changes: pool-target.service.ts). Every change writes an
// audit event in the same transaction. A change of a pool's members or of what counts as drift in
// it locks the pool first (pool-lock.ts), like set-latest and revert-target do, so they serialise
// instead of deadlocking.
import type { PageOf } from '../../contracts/common.contract.js';
import type { EndpointView } from '../../contracts/endpoint.contract.js';
import type { CreatePoolBody, PoolDetail, PoolListQuery, PoolView, UpdatePoolBody } from '../../contracts/pool.contract.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../db/dialect.js';
import { countPoolMembers, findEndpointById, listPoolMembers, updateEndpoint } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { findTargetSummary } from '../../db/package-state.repository.js';
import { deletePool, findPoolById, findPoolByName, insertPool, listPools, lockPool, poolMemberCounts, updatePool } from '../../db/pool.repository.js';
import type { Principal } from '../auth/principal.js';
import { accessChanged, type Notifier } from '../events/notifier.js';
import { canSeePoolMembers } from '../policies/pool.policy.js';
import { toPoolDetail, toPoolView } from '../presenters/pool.presenter.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
import { loadEndpointView } from './endpoint.service.js';
import { recordEvent } from './event.service.js';
import { page, pageOf } from './paging.js';
import { lockMembership } from './pool-lock.js';
import { completeSettings, mergeSettings } from './pool-settings.js';
import { inTransaction } from './retry.js';
import { nameTaken, refusingTakenName } from './unique-name.js';

export class PoolService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher,
    private readonly notifier: Notifier,
  ) {}

  async list(query: PoolListQuery): Promise<PageOf<PoolView>> {
    const p = page(query);
    const { rows, total } = await listPools(this.ctx.db, { ...p, search: query.search });
    return pageOf(
      rows.map((r) => toPoolView(r, r.endpoint_count, r.target_state_id)),
      total,
      p,
    );
  }

  /** The pool with its members (not for endpoint keys: policies/pool.policy.ts), target and counts. */
  async get(id: string, caller: Principal): Promise<PoolDetail> {
    const db = this.ctx.db;
    const includeMembers = canSeePoolMembers(caller);
    const row = await findPoolById(db, id);
    if (!row) throw new NotFoundError('pool', id);
    const [members, target, counts] = await Promise.all([
      includeMembers ? listPoolMembers(db, id) : [],
      findTargetSummary(db, id),
      poolMemberCounts(db, id),
    ]);
    return toPoolDetail(row, members, target, counts);
  }

  async create(body: CreatePoolBody, actor: string): Promise<PoolView> {
    const settings = mergeSettings(completeSettings(undefined), body.settings);
    const now = this.ctx.clock.now().toISOString();
    const id = newId();
    await refusingTakenName('pool', body.name, async () =>
      this.ctx.db.transaction().execute(async (trx) => {
        await this.assertNameFree(trx, body.name);
        await insertPool(trx, { id, name: body.name, description: body.description ?? null, settings, created_at: now, updated_at: now });
        await recordEvent(trx, new Date(now), actor, {
          event_type: 'pool_created',
          message: `pool '${body.name}' created`,
          pool_id: id,
          details: { pool_id: id, name: body.name, settings },
        });
      }),
    );
    return this.poolView(id);
  }

  async update(id: string, body: UpdatePoolBody, actor: string): Promise<PoolView> {
    const now = this.ctx.clock.now();
    await refusingTakenName('pool', body.name ?? '', async () =>
      inTransaction(this.ctx, this.notifier, 'the pool update', async (trx) => {
        // Locked before the settings are read: two updates merge one after the other (no lost
        // update), and a drift recomputation waits for a set-latest on this pool, not the reverse.
        if (!(await lockPool(trx, id))) throw new NotFoundError('pool', id);
        const row = await findPoolById(trx, id);
        if (!row) throw new NotFoundError('pool', id);
        const before = completeSettings(row.settings);
        const settings = mergeSettings(before, body.settings);
        if (body.name !== undefined && body.name !== row.name) await this.assertNameFree(trx, body.name);
        await updatePool(trx, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          settings,
          updated_at: now,
        });
        const changed = Object.keys(settings).filter(
          (k) => JSON.stringify(settings[k as keyof typeof settings]) !== JSON.stringify(before[k as keyof typeof before]),
        );
        await recordEvent(trx, now, actor, {
          event_type: 'pool_updated',
          message: `pool '${body.name ?? row.name}' updated`,
          pool_id: id,
          details: {
            pool_id: id,
            ...(body.name !== undefined && body.name !== row.name ? { name: { from: row.name, to: body.name } } : {}),
            changed_settings: changed,
            settings,
          },
        });
        // Exclusions and removal policy change what counts as drift.
        if (changed.some((k) => k === 'excluded_packages' || k === 'excluded_repos' || k === 'remove_extra')) {
          await this.drift.refreshPool(trx, id, now);
        }
      }),
    );
    return this.poolView(id);
  }

  /** Deletes a pool; with members only when `force` (members are then left without a pool). */
  async delete(id: string, force: boolean, actor: string): Promise<{ id: string; deleted: true; unassigned_endpoints: number }> {
    const now = this.ctx.clock.now();
    return inTransaction(this.ctx, this.notifier, 'the pool deletion', async (trx) => {
      // Locked first, so no set-latest or (un)assignment of this pool runs meanwhile: the member
      // list below is final, and on PostgreSQL the member rows are not locked in the opposite
      // order by a concurrent target change (a deadlock, which used to be a 500).
      if (!(await lockPool(trx, id))) throw new NotFoundError('pool', id);
      const row = await findPoolById(trx, id);
      if (!row) throw new NotFoundError('pool', id);
      const members = await listPoolMembers(trx, id);
      if (members.length > 0 && !force) {
        throw new ConflictError(`pool '${row.name}' has ${members.length} endpoint(s); unassign them or delete with force=true`, {
          pool_id: id,
          endpoint_count: members.length,
        });
      }
      // Written first: the FK is nulled by the delete, the id stays in details.
      await recordEvent(trx, now, actor, {
        event_type: 'pool_deleted',
        severity: members.length > 0 ? 'warning' : 'info',
        message: `pool '${row.name}' deleted${members.length > 0 ? ` (${members.length} endpoint(s) unassigned)` : ''}`,
        pool_id: id,
        details: { pool_id: id, name: row.name, unassigned_endpoints: members.map((m) => m.id) },
      });
      for (const m of members) {
        await updateEndpoint(trx, m.id, { pool_id: null, updated_at: now });
        this.notifier.queue(accessChanged({ kind: 'endpoint_moved', endpoint_id: m.id, from_pool_id: id, to_pool_id: null }));
      }
      await deletePool(trx, id);
      for (const m of members) await this.drift.refreshEndpoint(trx, m.id, now);
      return { id, deleted: true as const, unassigned_endpoints: members.length };
    });
  }

  /** Puts an endpoint into the pool, moving it out of its current pool if any. */
  async assign(poolId: string, endpointId: string, actor: string): Promise<EndpointView> {
    const now = this.ctx.clock.now();
    await inTransaction(this.ctx, this.notifier, 'the assignment', async (trx) => {
      if (!(await findPoolById(trx, poolId))) throw new NotFoundError('pool', poolId);
      // Both pools change members: the one it leaves and this one.
      const locked = await lockMembership(trx, endpointId, [poolId]);
      if (!locked) throw new NotFoundError('endpoint', endpointId);
      const pool = locked.pools.has(poolId) ? await findPoolById(trx, poolId) : undefined;
      if (!pool) throw new NotFoundError('pool', poolId);
      const ep = locked.endpoint;
      if (ep.pool_id === poolId) return;
      await updateEndpoint(trx, endpointId, { pool_id: poolId, updated_at: now });
      await this.drift.refreshEndpoint(trx, endpointId, now);
      this.notifier.queue(accessChanged({ kind: 'endpoint_moved', endpoint_id: endpointId, from_pool_id: ep.pool_id, to_pool_id: poolId }));
      await recordEvent(trx, now, actor, {
        event_type: 'endpoint_assigned',
        message: `endpoint '${ep.name}' assigned to pool '${pool.name}'`,
        pool_id: poolId,
        endpoint_id: endpointId,
        details: { endpoint_id: endpointId, from_pool_id: ep.pool_id, to_pool_id: poolId },
      });
    });
    return loadEndpointView(this.ctx.db, endpointId);
  }

  async unassign(poolId: string, endpointId: string, actor: string): Promise<EndpointView> {
    const now = this.ctx.clock.now();
    await inTransaction(this.ctx, this.notifier, 'the unassignment', async (trx) => {
      if (!(await lockPool(trx, poolId))) throw new NotFoundError('pool', poolId);
      const pool = await findPoolById(trx, poolId);
      if (!pool) throw new NotFoundError('pool', poolId);
      const ep = await findEndpointById(trx, endpointId);
      if (!ep) throw new NotFoundError('endpoint', endpointId);
      if (ep.pool_id !== poolId) {
        throw new NotFoundError(`member of pool ${poolId}: endpoint`, endpointId);
      }
      await updateEndpoint(trx, endpointId, { pool_id: null, updated_at: now });
      await this.drift.refreshEndpoint(trx, endpointId, now);
      this.notifier.queue(accessChanged({ kind: 'endpoint_moved', endpoint_id: endpointId, from_pool_id: poolId, to_pool_id: null }));
      await recordEvent(trx, now, actor, {
        event_type: 'endpoint_unassigned',
        message: `endpoint '${ep.name}' removed from pool '${pool.name}'`,
        pool_id: poolId,
        endpoint_id: endpointId,
        details: { endpoint_id: endpointId, from_pool_id: poolId },
      });
    });
    return loadEndpointView(this.ctx.db, endpointId);
  }

  private async poolView(id: string): Promise<PoolView> {
    const row = await findPoolById(this.ctx.db, id);
    if (!row) throw new NotFoundError('pool', id);
    const [count, target] = await Promise.all([countPoolMembers(this.ctx.db, id), findTargetSummary(this.ctx.db, id)]);
    return toPoolView(row, count, target?.id ?? null);
  }

  private async assertNameFree(db: Executor, name: string): Promise<void> {
    if (await findPoolByName(db, name)) throw nameTaken('pool', name);
  }
}
