// Enrollment approval (issue #10): an endpoint registered with an enroll key — a secret often
// baked into provisioning images — starts `pending`. It may report its state (so an admin can see
// what it is before deciding), but it has no say in its pool's target and gets no operations
// until an admin approves it. Rejecting it revokes its keys: a rejected endpoint can do nothing at
// all (every request with its key is a 401); an admin may still read and delete it. A rejected
// endpoint is never approved later — the machine is enrolled again, as a new endpoint.
import type { EndpointApproval, EndpointView } from '../../contracts/endpoint.contract.js';
import { ConflictError, DomainError, NotFoundError } from '../../core/errors.js';
import { listActiveEndpointKeys } from '../../db/api-key.repository.js';
import { lockEndpoint } from '../../db/drift.repository.js';
import { type EndpointRow, findEndpointById, updateEndpoint } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import type { Notifier } from '../events/notifier.js';
import type { ApiKeyService } from './api-key.service.js';
import type { ServiceContext } from './context.js';
import { loadEndpointView } from './endpoint.service.js';
import { recordEvent } from './event.service.js';
import { inTransaction } from './retry.js';

/**
 * 403 ENDPOINT_NOT_APPROVED unless `ep` is approved: checked before anything lets an endpoint
 * influence its pool's target or gives it an operation, whoever asks.
 */
export function requireApproved(ep: Pick<EndpointRow, 'id' | 'name' | 'approval'>): void {
  if (ep.approval === 'approved') return;
  const message =
    ep.approval === 'rejected'
      ? `endpoint '${ep.name}' was rejected: it cannot set the target nor get operations`
      : `endpoint '${ep.name}' is pending approval: an admin must approve it first (POST ` +
        `/endpoints/${ep.id}/approve, or pacsync-server endpoints approve ${ep.id})`;
  throw new DomainError('ENDPOINT_NOT_APPROVED', message, { endpoint_id: ep.id, approval: ep.approval });
}

export class EnrollmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly apiKeys: ApiKeyService,
    private readonly notifier: Notifier,
  ) {}

  /** Admin: a pending endpoint becomes a full member. Approving an approved one changes nothing. */
  async approve(id: string, actor: string): Promise<EndpointView> {
    await inTransaction(this.ctx, this.notifier, 'the approval', async (trx) => {
      const ep = await this.locked(trx, id);
      if (ep.approval === 'rejected') {
        throw new ConflictError(`endpoint '${ep.name}' was rejected and its key revoked: delete it and enrol the machine again`, { endpoint_id: id });
      }
      if (ep.approval === 'approved') return;
      await this.decide(trx, ep, 'approved', actor);
    });
    return loadEndpointView(this.ctx.db, id);
  }

  /**
   * Admin: the endpoint is rejected and every key it has is revoked (through the API-key
   * service's one revoke path). Calling it again finishes a revocation that was interrupted.
   */
  async reject(id: string, actor: string): Promise<EndpointView> {
    await inTransaction(this.ctx, this.notifier, 'the rejection', async (trx) => {
      const ep = await this.locked(trx, id);
      if (ep.approval !== 'rejected') await this.decide(trx, ep, 'rejected', actor);
    });
    // Until these are revoked, authentication already refuses keys of a rejected endpoint.
    for (const key of await listActiveEndpointKeys(this.ctx.db, id)) await this.apiKeys.revoke(key.id, actor);
    return loadEndpointView(this.ctx.db, id);
  }

  private async locked(trx: Executor, id: string): Promise<EndpointRow> {
    const ep = (await lockEndpoint(trx, id)) ? await findEndpointById(trx, id) : undefined;
    if (!ep) throw new NotFoundError('endpoint', id);
    return ep;
  }

  private async decide(trx: Executor, ep: EndpointRow, approval: EndpointApproval, actor: string): Promise<void> {
    const now = this.ctx.clock.now();
    await updateEndpoint(trx, ep.id, { approval, updated_at: now });
    await recordEvent(trx, now, actor, {
      event_type: approval === 'approved' ? 'endpoint_approved' : 'endpoint_rejected',
      severity: approval === 'approved' ? 'info' : 'warning',
      message:
        approval === 'approved'
          ? `endpoint '${ep.name}' (${ep.hostname}) approved`
          : `endpoint '${ep.name}' (${ep.hostname}) rejected: its API key is revoked`,
      endpoint_id: ep.id,
      pool_id: ep.pool_id,
      details: { endpoint_id: ep.id, name: ep.name, hostname: ep.hostname, from: ep.approval, to: approval },
    });
  }
}
