// The fleet's housekeeping that no request triggers (issue #12, run by the minute jobs):
// endpoints that stopped talking go offline, operations whose agent went quiet fail, pending
// operations nobody picked up expire. Each change is a compare-and-set on the row, so a
// heartbeat or a progress report that lands at the same moment wins over the sweep.
import { type EndpointRow, findEndpointById } from '../../db/endpoint.repository.js';
import { type OperationRow, updateOperationIf } from '../../db/operation.repository.js';
import { operationNotice } from '../domain/operation-record.js';
import { endpointChannels, type Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
import { recordEvent } from './event.service.js';
import { expireIfUnclaimed } from './operation-expiry.js';
import { inTransaction } from './retry.js';

export interface UpkeepTimeouts {
  /** `[features] offline_after`, minutes. */
  offlineAfter: number;
  /** `[features] sync_timeout`, minutes without progress. */
  syncTimeout: number;
  /** `[features] operation_pickup_timeout`, minutes. */
  pickupTimeout: number;
}

const MINUTE = 60_000;

export class FleetUpkeepService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher,
    private readonly notifier: Notifier,
    private readonly timeouts: UpkeepTimeouts,
  ) {}

  /**
   * Online endpoints silent for `offline_after` minutes become offline, each with a warning event
   * and an `endpoint_status` message. An endpoint in `error` keeps that status (it says more).
   */
  async markSilentEndpointsOffline(now: Date = this.ctx.clock.now()): Promise<{ endpoints_offline: number }> {
    const cutoff = new Date(now.getTime() - this.timeouts.offlineAfter * MINUTE).toISOString();
    const silent = await this.ctx.db.selectFrom('endpoints').selectAll().where('status', '=', 'online').where('last_seen', '<', cutoff).execute();
    let changed = 0;
    for (const ep of silent) {
      const done = await inTransaction(this.ctx, this.notifier, 'offline detection', async (trx) => {
        const r = await trx
          .updateTable('endpoints')
          .set({ status: 'offline', updated_at: now })
          .where('id', '=', ep.id)
          .where('status', '=', 'online')
          .where('last_seen', '<', cutoff)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false; // it reported meanwhile
        const minutes = Math.floor((now.getTime() - new Date(ep.last_seen ?? now).getTime()) / MINUTE);
        await recordEvent(trx, now, 'system', {
          event_type: 'endpoint_offline',
          severity: 'warning',
          message: `endpoint '${ep.name}' is offline: nothing heard from it for ${minutes} minute(s) (offline_after ${this.timeouts.offlineAfter})`,
          endpoint_id: ep.id,
          pool_id: ep.pool_id,
          details: { last_seen: ep.last_seen, offline_after_minutes: this.timeouts.offlineAfter },
        });
        this.notifier.queue({
          type: 'endpoint_status',
          channels: endpointChannels(ep.id, ep.pool_id),
          data: {
            endpoint_id: ep.id,
            endpoint_name: ep.name,
            pool_id: ep.pool_id,
            status: 'offline',
            previous_status: 'online',
            last_seen: ep.last_seen,
          },
        });
        return true;
      });
      if (done) changed += 1;
    }
    return { endpoints_offline: changed };
  }

  /**
   * In-progress operations without progress for `sync_timeout` minutes fail (the agent died or
   * lost the server mid-run; what pacman did is unknown until the machine reports again), and
   * pending ones nobody picked up expire. The endpoint's drift is recomputed either way.
   */
  async failStaleOperations(now: Date = this.ctx.clock.now()): Promise<{ operations_failed: number; operations_expired: number }> {
    const pickupCutoff = new Date(now.getTime() - this.timeouts.pickupTimeout * MINUTE);
    const syncCutoff = new Date(now.getTime() - this.timeouts.syncTimeout * MINUTE);
    // Only candidates are read (an operation's details hold its whole plan): pending ones waiting
    // since before the pickup cutoff, and in-progress ones started before the sync cutoff — an
    // operation's last progress is never earlier than its start (set when its agent claimed it).
    const active = await this.ctx.db
      .selectFrom('sync_operations')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('started_at', '<', pickupCutoff.toISOString())]),
          eb.and([eb('status', '=', 'in_progress'), eb('started_at', '<', syncCutoff.toISOString())]),
        ]),
      )
      .execute();
    let failed = 0;
    let expired = 0;
    for (const op of active) {
      if (op.status === 'pending') {
        if (new Date(op.started_at ?? op.created_at).getTime() > pickupCutoff.getTime()) continue;
        const done = await inTransaction(this.ctx, this.notifier, 'operation expiry', async (trx) => {
          const ep = op.endpoint_id ? await findEndpointById(trx, op.endpoint_id) : undefined;
          const ok = await expireIfUnclaimed(trx, this.notifier, op, ep?.name ?? '(deleted)', this.timeouts.pickupTimeout, now);
          if (ok && ep) await this.drift.refreshEndpoint(trx, ep.id, now);
          return ok;
        });
        if (done) expired += 1;
        continue;
      }
      if (lastActivity(op).getTime() > syncCutoff.getTime()) continue;
      if (await this.failStale(op, now)) failed += 1;
    }
    return { operations_failed: failed, operations_expired: expired };
  }

  private failStale(op: OperationRow, now: Date): Promise<boolean> {
    const minutes = this.timeouts.syncTimeout;
    const error_message =
      `no progress from the agent for ${minutes} minute(s) (sync_timeout): marked failed; the ` +
      `machine may be off or pacman was interrupted — check it, its next report shows what it has`;
    return inTransaction(this.ctx, this.notifier, 'the stale-operation timeout', async (trx) => {
      // Read again: a progress report that landed since the sweep's list was read wins.
      const fresh = await trx.selectFrom('sync_operations').selectAll().where('id', '=', op.id).executeTakeFirst();
      if (!fresh || fresh.status !== 'in_progress' || lastActivity(fresh).getTime() > now.getTime() - minutes * MINUTE) return false;
      if (!(await updateOperationIf(trx, op.id, ['in_progress'], { status: 'failed', completed_at: now.toISOString(), error_message }))) return false;
      const ep: EndpointRow | undefined = op.endpoint_id ? await findEndpointById(trx, op.endpoint_id) : undefined;
      await recordEvent(trx, now, 'system', {
        event_type: 'operation_timed_out',
        severity: 'error',
        message: `${op.operation_type} ${op.id} of endpoint '${ep?.name ?? '(deleted)'}' ${error_message}`,
        endpoint_id: op.endpoint_id,
        pool_id: op.pool_id,
        details: {
          operation_id: op.id,
          operation_type: op.operation_type,
          last_activity: lastActivity(op).toISOString(),
          sync_timeout_minutes: minutes,
        },
      });
      if (ep) {
        if (ep.status !== 'error') {
          await trx.updateTable('endpoints').set({ status: 'error', updated_at: now }).where('id', '=', ep.id).execute();
          this.notifier.queue({
            type: 'endpoint_status',
            channels: endpointChannels(ep.id, ep.pool_id),
            data: { endpoint_id: ep.id, endpoint_name: ep.name, pool_id: ep.pool_id, status: 'error', previous_status: ep.status },
          });
        }
        await this.drift.refreshEndpoint(trx, ep.id, now);
      }
      this.notifier.queue(operationNotice({ ...op, status: 'failed', error_message }));
      return true;
    });
  }
}

/** When the agent last said something about `op`: its last progress, else its start. */
function lastActivity(op: OperationRow): Date {
  const last = (op.details?.last_progress as { updated_at?: unknown } | undefined)?.updated_at;
  const at = typeof last === 'string' ? new Date(last) : new Date(op.started_at ?? op.created_at);
  return Number.isNaN(at.getTime()) ? new Date(op.created_at) : at;
}
