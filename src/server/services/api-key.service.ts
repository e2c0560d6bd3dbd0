// API keys: authentication of every request, key creation/listing/revocation (API and CLI), and
// the first-start admin key. Secrets exist only in the creating call's return value.
// An endpoint has one working key: issuing it a new one (POST /keys for the endpoint, or
// rotate-key) revokes the ones before it through revoke(), the one revocation path.
import {
  type KeyRole,
  MAX_KEY_USES,
  type CreateKeyBody,
  type CreatedKey,
  type KeyListQuery,
  type KeyView,
  type RotatedKey,
} from '../../contracts/key.contract.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import {
  type ApiKeyRow,
  type ApiKeyWithEndpoint,
  claimApiKeyUse,
  deactivateApiKey,
  findApiKeyByHash,
  findApiKeyById,
  findApiKeyWithEndpointById,
  insertApiKey,
  listActiveEndpointKeys,
  listActiveNonEndpointKeys,
  listApiKeys,
  touchApiKeyLastUsed,
} from '../../db/api-key.repository.js';
import { newId } from '../../db/dialect.js';
import { isUniqueViolation } from '../../db/errors.js';
import { lockEndpoint } from '../../db/drift.repository.js';
import { findEndpointById, markEndpointSeen, updateEndpoint } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { findPoolById } from '../../db/pool.repository.js';
import { generateApiKey, hashApiKey, isWellFormedToken, MIN_CONFIGURED_KEY_LENGTH, parseAuthorization } from '../auth/api-key.js';
import { AuthenticationError, PermissionError, type Principal } from '../auth/principal.js';
import { accessChanged, Notifier } from '../events/notifier.js';
import { permissionsOf } from '../domain/key-permissions.js';
import { toKeyView } from '../presenters/key.presenter.js';
import { contactIsDue, LAST_USED_RESOLUTION_MS, MAX_LAST_SEEN_RESOLUTION_MS, olderThan } from './contact.js';
import type { ServiceContext } from './context.js';
import { recordEvent } from './event.service.js';
import { poolIdOf } from './pool-by-name.js';

export type AdminBootstrap =
  { created: false } | { created: true; source: 'config'; keyId: string } | { created: true; source: 'generated'; keyId: string; key: string };

export class ApiKeyService {
  /**
   * `notifier`: hears revocations (the WebSocket hub closes the key's sockets); none in the CLI.
   * `lastSeenResolutionMs`: how often an endpoint key's use refreshes last_seen (contact.ts).
   */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly notifier: Notifier = new Notifier(ctx.clock),
    private readonly lastSeenResolutionMs: number = MAX_LAST_SEEN_RESOLUTION_MS,
  ) {}

  /**
   * Resolves an Authorization header to the calling key. No header: null (the route's guard
   * decides whether that is allowed). Malformed, unknown, revoked or expired: AuthenticationError.
   * Also records use: last_used, and for endpoint keys the endpoint's last_seen/status.
   */
  async authenticate(header: string | string[] | undefined): Promise<Principal | null> {
    const parsed = parseAuthorization(header);
    if (parsed.kind === 'none') return null;
    if (parsed.kind === 'malformed') throw new AuthenticationError(parsed.reason);
    const found = await findApiKeyByHash(this.ctx.db, hashApiKey(parsed.token));
    const now = this.ctx.clock.now();
    const principal = this.principalFromRow(found, now);
    const row = found as ApiKeyWithEndpoint; // principalFromRow refused a missing one

    if (olderThan(row.last_used, now, LAST_USED_RESOLUTION_MS)) {
      await touchApiKeyLastUsed(this.ctx.db, row.id, now);
    }
    if (
      principal.endpointId !== null &&
      contactIsDue({ status: row.endpoint_status, last_seen: row.endpoint_last_seen }, now, this.lastSeenResolutionMs)
    ) {
      await markEndpointSeen(this.ctx.db, principal.endpointId, now);
    }
    return principal;
  }

  /**
   * The key `keyId` as it is NOW (a WebSocket re-checks its principal on every subscription):
   * AuthenticationError when it has been revoked or has expired, or its endpoint is gone; an
   * endpoint key's poolId is its endpoint's current pool.
   */
  async currentPrincipal(keyId: string): Promise<Principal> {
    return this.principalFromRow(await findApiKeyWithEndpointById(this.ctx.db, keyId), this.ctx.clock.now());
  }

  private principalFromRow(row: ApiKeyWithEndpoint | undefined, now: Date): Principal {
    if (!row) throw new AuthenticationError('API key is not valid');
    if (!row.is_active) throw new AuthenticationError('API key has been revoked');
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) {
      throw new AuthenticationError('API key has expired');
    }
    const perms = permissionsOf(row);
    if (!perms) throw new AuthenticationError('API key is not valid');
    if (perms.role === 'endpoint' && (perms.endpoint_id === null || row.endpoint_name === null)) {
      throw new AuthenticationError('API key is not valid: its endpoint no longer exists');
    }
    // Rejection revokes the endpoint's keys; this holds even if that revocation did not finish.
    if (perms.role === 'endpoint' && row.endpoint_approval === 'rejected') {
      throw new AuthenticationError('API key is not valid: its endpoint was rejected');
    }
    return {
      keyId: row.id,
      name: row.name,
      role: perms.role,
      poolId: perms.role === 'endpoint' ? row.endpoint_pool_id : perms.pool_id,
      endpointId: perms.role === 'endpoint' ? perms.endpoint_id : null,
      expiresAt: row.expires_at,
    };
  }

  /** `pool` (a name) in place of `pool_id`. */
  private async poolByName(input: CreateKeyBody): Promise<CreateKeyBody> {
    if (input.pool === undefined) return input;
    const { pool: _name, ...rest } = input;
    return { ...rest, pool_id: (await poolIdOf(this.ctx.db, input, 'pool')) as string };
  }

  async create(given: CreateKeyBody, actor: string): Promise<CreatedKey> {
    const input = await this.poolByName(given);
    const { role } = input;
    if (input.pool_id !== undefined && role !== 'enroll') {
      throw new ValidationError('pool_id', `is only allowed for role enroll, not ${role}`);
    }
    if (role === 'endpoint' && input.endpoint_id === undefined) {
      throw new ValidationError('endpoint_id', 'is required for role endpoint');
    }
    if (input.endpoint_id !== undefined && role !== 'endpoint') {
      throw new ValidationError('endpoint_id', `is only allowed for role endpoint, not ${role}`);
    }
    for (const field of ['auto_approve', 'max_uses'] as const) {
      if (input[field] !== undefined && role !== 'enroll') throw new ValidationError(field, `is only allowed for role enroll, not ${role}`);
    }
    const max = input.max_uses;
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > MAX_KEY_USES)) {
      throw new ValidationError('max_uses', `must be a whole number from 1 to ${MAX_KEY_USES}`);
    }
    const now = this.ctx.clock.now();
    if (input.expires_at !== undefined && Date.parse(input.expires_at) <= now.getTime()) {
      throw new ValidationError('expires_at', 'must be in the future');
    }
    if (input.endpoint_id !== undefined) {
      const { row, key } = await this.replaceEndpointKey(input.endpoint_id, input.name, input.expires_at ?? null, actor, 'created');
      return { ...toKeyView(row), api_key: key };
    }
    return this.ctx.db.transaction().execute(async (trx) => {
      if (input.pool_id !== undefined && !(await findPoolById(trx, input.pool_id))) {
        throw new NotFoundError('pool', input.pool_id);
      }
      const key = generateApiKey();
      const row = await this.insertKey(trx, {
        key,
        name: input.name,
        role,
        poolId: input.pool_id ?? null,
        endpointId: null,
        expiresAt: input.expires_at ?? null,
        now,
        autoApprove: input.auto_approve ?? false,
        maxUses: input.max_uses ?? null,
      });
      await recordEvent(trx, now, actor, {
        event_type: 'api_key_created',
        message: `API key '${input.name}' (${role}) created`,
        details: {
          key_id: row.id,
          role,
          name: input.name,
          pool_id: input.pool_id ?? null,
          endpoint_id: null,
          expires_at: input.expires_at ?? null,
          ...(role === 'enroll' ? { auto_approve: input.auto_approve ?? false, max_uses: input.max_uses ?? null } : {}),
        },
        pool_id: input.pool_id ?? null,
      });
      return { ...toKeyView(row), api_key: key };
    });
  }

  /** `POST /endpoints/{id}/rotate-key`: a new key for the endpoint, its previous keys revoked. */
  async rotateEndpointKey(endpointId: string, actor: string): Promise<RotatedKey> {
    const { row, key, replaced } = await this.replaceEndpointKey(endpointId, null, null, actor, 'rotated');
    return { endpoint_id: endpointId, api_key: key, api_key_id: row.id, revoked_key_ids: replaced };
  }

  /**
   * Counts one registration against the enroll key `keyId` inside the registration's transaction
   * (so a registration that fails gives its use back) and says whether the endpoint is approved
   * at once. A key with no use left: 403 naming max_uses.
   */
  async claimEnrollUse(trx: Executor, keyId: string): Promise<{ autoApprove: boolean }> {
    const claimed = await claimApiKeyUse(trx, keyId);
    const row = await findApiKeyById(trx, keyId);
    if (!row?.is_active) throw new AuthenticationError('API key has been revoked');
    if (!claimed) {
      throw new PermissionError(
        `this enroll key has registered ${row.uses} endpoint(s), its limit ` +
          `(max_uses ${row.max_uses ?? 'none'}): create another enroll key to register more`,
      );
    }
    return { autoApprove: permissionsOf(row)?.auto_approve === true };
  }

  /**
   * Issues the endpoint a new key and revokes the keys it had. Concurrent calls for one endpoint
   * take turns on its row lock, so each one revokes the key the one before it issued and exactly
   * one key stays active. The revocations run after the commit through revoke() (audited there);
   * until they have, for a moment, the old key still works.
   */
  private async replaceEndpointKey(
    endpointId: string,
    name: string | null,
    expiresAt: string | null,
    actor: string,
    why: 'created' | 'rotated',
  ): Promise<{ row: ApiKeyRow; key: string; replaced: string[] }> {
    const now = this.ctx.clock.now();
    const out = await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await lockEndpoint(trx, endpointId))) throw new NotFoundError('endpoint', endpointId);
      const ep = await findEndpointById(trx, endpointId);
      if (!ep) throw new NotFoundError('endpoint', endpointId);
      if (ep.approval === 'rejected') {
        throw new ConflictError(`endpoint '${ep.name}' was rejected: it gets no key any more; delete it and enrol the machine again`, {
          endpoint_id: endpointId,
        });
      }
      const replaced = (await listActiveEndpointKeys(trx, endpointId)).map((k) => k.id);
      const key = generateApiKey();
      const keyName = name ?? `endpoint ${ep.name}`;
      const row = await this.insertKey(trx, { key, name: keyName, role: 'endpoint', poolId: null, endpointId, expiresAt, now });
      // The endpoint's own-key column follows its newest key.
      await updateEndpoint(trx, endpointId, { api_key_hash: row.key_hash, updated_at: now });
      await recordEvent(trx, now, actor, {
        event_type: why === 'rotated' ? 'endpoint_key_rotated' : 'api_key_created',
        message:
          why === 'rotated' ? `endpoint '${ep.name}' got a new API key; its previous key(s) are revoked` : `API key '${keyName}' (endpoint) created`,
        details: {
          key_id: row.id,
          role: 'endpoint',
          name: keyName,
          pool_id: null,
          endpoint_id: endpointId,
          expires_at: expiresAt,
          replaces_key_ids: replaced,
        },
        endpoint_id: endpointId,
        pool_id: why === 'rotated' ? ep.pool_id : null,
      });
      return { row, key, replaced };
    });
    for (const id of out.replaced) await this.revoke(id, actor);
    return out;
  }

  /**
   * An endpoint's own key, created with the endpoint (registration) inside the caller's
   * transaction, after the endpoint row (whose api_key_hash is hashApiKey(key)).
   */
  async issueEndpointKey(
    trx: Executor,
    endpointId: string,
    name: string,
    now: Date,
    key: string = generateApiKey(),
  ): Promise<{ id: string; key: string; hash: string }> {
    const row = await this.insertKey(trx, { key, name, role: 'endpoint', poolId: null, endpointId, expiresAt: null, now });
    return { id: row.id, key, hash: row.key_hash };
  }

  async list(query: KeyListQuery): Promise<KeyView[]> {
    const rows = await listApiKeys(this.ctx.db, { includeRevoked: query.include_revoked ?? false });
    const views = rows.map(toKeyView);
    return query.role ? views.filter((v) => v.role === query.role) : views;
  }

  /** Deactivates a key (kept for the audit trail). Refuses to revoke the last usable admin key. */
  async revoke(id: string, actor: string): Promise<KeyView> {
    const now = this.ctx.clock.now();
    return this.notifier.afterCommit(() =>
      this.ctx.db.transaction().execute(async (trx) => {
        const row = await findApiKeyById(trx, id);
        if (!row) throw new NotFoundError('API key', id);
        if (!row.is_active) return toKeyView(row);
        const view = toKeyView(row);
        if (view.role === 'admin') {
          const others = (await this.usableAdminKeys(trx, now)).filter((k) => k.id !== id);
          if (others.length === 0) {
            throw new ConflictError('cannot revoke the last active admin key; create another admin key first', { key_id: id });
          }
        }
        await this.revokeInTransaction(trx, row, now, actor);
        return { ...view, is_active: false };
      }),
    );
  }

  /**
   * THE one way a key stops working: every revocation (DELETE /keys/{id}, `keys revoke`, an
   * endpoint's key replaced by a new one) goes through here, in the caller's transaction, which
   * must run under Notifier.afterCommit (inTransaction does): the row is deactivated and audited,
   * and once committed the WebSocket hub closes the key's sockets (events/ws-hub.ts).
   */
  async revokeInTransaction(trx: Executor, row: ApiKeyRow, now: Date, actor: string, reason?: string): Promise<void> {
    const view = toKeyView(row);
    await deactivateApiKey(trx, row.id);
    await recordEvent(trx, now, actor, {
      event_type: 'api_key_revoked',
      message: `API key '${row.name ?? row.id}' (${view.role}) revoked${reason ? ` (${reason})` : ''}`,
      details: { key_id: row.id, role: view.role, name: row.name, ...(reason ? { reason } : {}) },
      endpoint_id: view.endpoint_id,
      pool_id: view.pool_id,
    });
    this.notifier.queue(accessChanged({ kind: 'key_revoked', key_id: row.id }));
  }

  /**
   * First start: when no usable admin key exists, PACSYNC_ADMIN_KEY (`configured`) becomes one,
   * or a new key is generated and returned. `keep` receives a generated key before the key is
   * committed (serve writes it to a file): when it fails, no key is created and the next start
   * tries again, so a key is never stored that nobody could read. Otherwise nothing.
   */
  async ensureAdminKey(configured: string | undefined, keep?: (key: string) => Promise<void>): Promise<AdminBootstrap> {
    if (configured !== undefined && (configured.length < MIN_CONFIGURED_KEY_LENGTH || !isWellFormedToken(configured))) {
      throw new ValidationError('PACSYNC_ADMIN_KEY', `must be at least ${MIN_CONFIGURED_KEY_LENGTH} printable characters without spaces`);
    }
    const now = this.ctx.clock.now();
    try {
      return await this.bootstrapAdminKey(configured, keep, now);
    } catch (err) {
      // Several instances starting at once with the same PACSYNC_ADMIN_KEY: one inserted it first.
      if (configured !== undefined && isUniqueViolation(err) && (await this.usableAdminKeys(this.ctx.db, now)).length > 0) return { created: false };
      throw err;
    }
  }

  private bootstrapAdminKey(configured: string | undefined, keep: ((key: string) => Promise<void>) | undefined, now: Date): Promise<AdminBootstrap> {
    return this.ctx.db.transaction().execute(async (trx): Promise<AdminBootstrap> => {
      if ((await this.usableAdminKeys(trx, now)).length > 0) return { created: false };
      if (configured !== undefined) {
        const existing = await findApiKeyByHash(trx, hashApiKey(configured));
        // Another instance started with the same key may have committed it after the first look
        // (PostgreSQL's READ COMMITTED shows each statement the latest commits): then it is usable.
        if (existing && (await this.usableAdminKeys(trx, now)).some((k) => k.id === existing.id)) return { created: false };
        if (existing) {
          throw new ValidationError('PACSYNC_ADMIN_KEY', 'this key was revoked or is not an admin key; set a new one');
        }
      }
      const key = configured ?? generateApiKey();
      const name = configured !== undefined ? 'admin (PACSYNC_ADMIN_KEY)' : 'admin (generated at first start)';
      const row = await this.insertKey(trx, { key, name, role: 'admin', poolId: null, endpointId: null, expiresAt: null, now });
      if (configured === undefined && keep) await keep(key);
      await recordEvent(trx, now, 'system', {
        event_type: 'admin_key_bootstrapped',
        message: configured !== undefined ? 'admin key taken from PACSYNC_ADMIN_KEY' : 'admin key generated at first start',
        details: { key_id: row.id, name },
      });
      return configured !== undefined
        ? { created: true, source: 'config', keyId: row.id }
        : { created: true, source: 'generated', keyId: row.id, key };
    });
  }

  private async usableAdminKeys(db: Executor, now: Date): Promise<KeyView[]> {
    const rows = await listActiveNonEndpointKeys(db);
    return rows.map(toKeyView).filter((k) => k.role === 'admin' && (k.expires_at === null || Date.parse(k.expires_at) > now.getTime()));
  }

  private async insertKey(
    db: Executor,
    k: {
      key: string;
      name: string;
      role: KeyRole;
      poolId: string | null;
      endpointId: string | null;
      expiresAt: string | null;
      now: Date;
      autoApprove?: boolean;
      maxUses?: number | null;
    },
  ): Promise<ApiKeyRow> {
    const permissions: Record<string, unknown> = { role: k.role };
    if (k.poolId) permissions.pool_id = k.poolId;
    if (k.endpointId) permissions.endpoint_id = k.endpointId;
    if (k.autoApprove) permissions.auto_approve = true;
    const row = {
      id: newId(),
      endpoint_id: k.endpointId,
      key_hash: hashApiKey(k.key),
      name: k.name,
      permissions,
      last_used: null,
      expires_at: k.expiresAt === null ? null : new Date(k.expiresAt).toISOString(),
      is_active: true,
      created_at: k.now.toISOString(),
      uses: 0,
      max_uses: k.maxUses ?? null,
    };
    await insertApiKey(db, row);
    return row;
  }
}
