// WebSocket subscribers (protocol: src/contracts/realtime.contract.ts). The hub listens to the
// notifier and sends each message to the sockets subscribed to its channel. Subscriptions are
// authorised when made: admin and read keys any existing pool or endpoint; an endpoint key its
// own endpoint and its current pool (read from the database, so a moved endpoint follows its new
// pool); enroll keys nothing. A bad request gets an error message; the connection stays open.
//
// A socket's key is re-checked against the database on every subscribe, and the hub follows
// access changes (notifier.ts AccessChange, published after commit): a revoked key's sockets, and
// a deleted endpoint's, are closed (WS_CLOSE_ACCESS_REVOKED and the reason); an endpoint moved
// out of a pool loses that pool's subscription and is told ({type: "unsubscribed", reason}).
// Changes made by another process (`pacsync-server keys revoke`, another instance without a shared
// transport) are caught by a periodic re-check of every connected key (RECHECK_INTERVAL_MS), and
// a key that expires while connected stops hearing at its expiry.
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { CHANNEL_PATTERN, WS_CLOSE_ACCESS_REVOKED, WS_MESSAGE_TYPES } from '../../contracts/realtime.contract.js';
import type { Clock } from '../../core/clock.js';
import type { ErrorCode } from '../../core/errors.js';
import { listUsableKeyIds } from '../../db/api-key.repository.js';
import { findEndpointById } from '../../db/endpoint.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import type { Database } from '../../db/schema.js';
import { AuthenticationError, type Principal } from '../auth/principal.js';
import type { ApiKeyService } from '../services/api-key.service.js';
import { type AccessChange, accessChangeOf, endpointChannel, endpointChannels, poolChannel, type ChannelMessage, type Notifier } from './notifier.js';

/** Channels one connection may hold (bounds memory per socket). */
export const MAX_SUBSCRIPTIONS = 1000;
/** A socket this far behind (bytes not yet sent) gets no more messages until it catches up. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** How often every connected key is re-checked for changes no notification announced. */
export const RECHECK_INTERVAL_MS = 30_000;

const CHANNEL = new RegExp(CHANNEL_PATTERN);
const OPEN = 1;

interface Connection {
  socket: WebSocket;
  principal: Principal;
  channels: Set<string>;
}

export class WsHub {
  private readonly byChannel = new Map<string, Set<Connection>>();
  private readonly stop: () => void;

  private readonly connections = new Set<Connection>();
  private readonly recheckTimer: NodeJS.Timeout;

  constructor(
    notifier: Notifier,
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly apiKeys: ApiKeyService,
  ) {
    this.stop = notifier.subscribe((n) => {
      const change = accessChangeOf(n);
      if (change) return this.onAccessChange(change);
      for (const channel of n.channels) {
        const subs = this.byChannel.get(channel);
        if (!subs || subs.size === 0) continue;
        const message: ChannelMessage = { type: n.type, channel, data: n.data, timestamp: n.timestamp };
        const text = JSON.stringify(message);
        for (const c of [...subs]) {
          if (this.expired(c)) continue;
          if (c.socket.readyState === OPEN && c.socket.bufferedAmount < MAX_BUFFERED_BYTES) c.socket.send(text);
        }
      }
    });
    this.recheckTimer = setInterval(() => void this.recheckAll().catch(() => {}), RECHECK_INTERVAL_MS);
    this.recheckTimer.unref();
  }

  /** Number of open subscriptions to `channel` (tests, metrics). */
  subscribers(channel: string): number {
    return this.byChannel.get(channel)?.size ?? 0;
  }

  /** The channels `p` may subscribe to, as shown to it (`pool.*`: any pool). */
  static channelsFor(p: Principal): string[] {
    if (p.role === 'admin' || p.role === 'read') return ['pool.*', 'endpoint.*'];
    if (p.role === 'endpoint' && p.endpointId) return endpointChannels(p.endpointId, p.poolId);
    return [];
  }

  attach(socket: WebSocket, principal: Principal): void {
    const conn: Connection = { socket, principal, channels: new Set() };
    socket.on('message', (raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      this.onMessage(conn, raw, isBinary).catch(() =>
        this.send(conn, { type: 'error', error: { code: 'INTERNAL_ERROR', message: 'the request could not be handled' } }),
      );
    });
    this.connections.add(conn);
    socket.on('close', () => this.forget(conn));
    this.send(conn, { type: 'welcome', data: { channels: WsHub.channelsFor(principal), message_types: [...WS_MESSAGE_TYPES] } });
  }

  close(): void {
    this.stop();
    clearInterval(this.recheckTimer);
    this.byChannel.clear();
    this.connections.clear();
  }

  /** Re-checks every connected key at once (also run every RECHECK_INTERVAL_MS). */
  async recheckAll(): Promise<void> {
    const ids = [...new Set([...this.connections].map((c) => c.principal.keyId))];
    const usable = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const id of await listUsableKeyIds(this.db, ids.slice(i, i + 500), this.clock.now())) usable.add(id);
    }
    for (const c of [...this.connections]) {
      if (!usable.has(c.principal.keyId)) this.shut(c, 'API key has been revoked or has expired');
    }
  }

  private onAccessChange(change: AccessChange): void {
    for (const c of [...this.connections]) {
      const p = c.principal;
      if (change.kind === 'key_revoked' && p.keyId === change.key_id) this.shut(c, 'API key has been revoked');
      else if (change.kind === 'endpoint_deleted' && p.endpointId === change.endpoint_id) this.shut(c, 'endpoint deleted');
      else if (change.kind === 'endpoint_deleted') this.drop(c, endpointChannel(change.endpoint_id), 'endpoint deleted');
      else if (change.kind === 'endpoint_moved' && p.endpointId === change.endpoint_id) {
        c.principal = { ...p, poolId: change.to_pool_id };
        if (change.from_pool_id) this.drop(c, poolChannel(change.from_pool_id), 'endpoint moved to another pool', { pool_id: change.to_pool_id });
      }
    }
  }

  /** Past the key's expiry: closed instead of served. */
  private expired(c: Connection): boolean {
    const at = c.principal.expiresAt;
    if (!at || Date.parse(at) > this.clock.now().getTime()) return false;
    this.shut(c, 'API key has expired');
    return true;
  }

  /** Ends a connection whose key no longer admits it: an error message, then the close frame. */
  private shut(c: Connection, reason: string): void {
    this.forget(c);
    this.error(c, 'AUTHENTICATION_REQUIRED', reason);
    if (c.socket.readyState === OPEN) c.socket.close(WS_CLOSE_ACCESS_REVOKED, reason);
  }

  /** Ends one subscription the connection may no longer hold, telling it why. */
  private drop(c: Connection, channel: string, reason: string, data?: Record<string, unknown>): void {
    if (!c.channels.delete(channel)) return;
    this.remove(c, channel);
    this.send(c, { type: 'unsubscribed', channel, reason, ...(data ? { data } : {}) });
  }

  private forget(conn: Connection): void {
    this.connections.delete(conn);
    for (const ch of conn.channels) this.remove(conn, ch);
    conn.channels.clear();
  }

  private async onMessage(conn: Connection, raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    if (isBinary) return this.error(conn, 'VALIDATION_ERROR', 'send text messages (JSON)');
    const text = Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8');
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.error(conn, 'VALIDATION_ERROR', 'message is not valid JSON');
    }
    const m = (msg !== null && typeof msg === 'object' ? msg : {}) as { action?: unknown; channel?: unknown };
    if (m.action === 'ping') return this.send(conn, { type: 'pong' });
    if (m.action !== 'subscribe' && m.action !== 'unsubscribe') {
      return this.error(conn, 'VALIDATION_ERROR', 'action: must be subscribe, unsubscribe or ping');
    }
    if (typeof m.channel !== 'string' || !CHANNEL.test(m.channel)) {
      return this.error(
        conn,
        'VALIDATION_ERROR',
        'channel: must be pool.<id> or endpoint.<id>',
        typeof m.channel === 'string' ? m.channel.slice(0, 80) : undefined,
      );
    }
    const channel = m.channel.toLowerCase();
    if (m.action === 'unsubscribe') {
      conn.channels.delete(channel);
      this.remove(conn, channel);
      return this.send(conn, { type: 'unsubscribed', channel });
    }
    if (conn.channels.has(channel)) return this.send(conn, { type: 'subscribed', channel });
    if (conn.channels.size >= MAX_SUBSCRIPTIONS) {
      return this.error(conn, 'VALIDATION_ERROR', `at most ${MAX_SUBSCRIPTIONS} subscriptions per connection`, channel);
    }
    // The key as it is now: revoked or expired since the upgrade → the socket is closed.
    try {
      conn.principal = await this.apiKeys.currentPrincipal(conn.principal.keyId);
    } catch (err) {
      if (!(err instanceof AuthenticationError)) throw err;
      return this.shut(conn, err.message);
    }
    const refusal = await this.refusal(conn.principal, channel);
    if (refusal) return this.error(conn, refusal.code, refusal.message, channel);
    if (conn.socket.readyState !== OPEN || !this.connections.has(conn)) return;
    conn.channels.add(channel);
    let subs = this.byChannel.get(channel);
    if (!subs) this.byChannel.set(channel, (subs = new Set()));
    subs.add(conn);
    this.send(conn, { type: 'subscribed', channel });
  }

  /** Why `p` may not subscribe to `channel`, or null when it may. */
  private async refusal(p: Principal, channel: string): Promise<{ code: ErrorCode; message: string } | null> {
    const [kind, id] = channel.split('.') as ['pool' | 'endpoint', string];
    if (p.role === 'endpoint') {
      if (kind === 'endpoint')
        return id === p.endpointId
          ? null
          : { code: 'INSUFFICIENT_PERMISSIONS', message: 'an endpoint key may subscribe only to its own endpoint and its own pool' };
      return p.poolId === id
        ? null
        : { code: 'INSUFFICIENT_PERMISSIONS', message: 'an endpoint key may subscribe only to its own endpoint and its own pool' };
    }
    if (p.role !== 'admin' && p.role !== 'read')
      return { code: 'INSUFFICIENT_PERMISSIONS', message: `an ${p.role} key may not subscribe to channels` };
    const exists = kind === 'pool' ? await findPoolById(this.db, id) : await findEndpointById(this.db, id);
    return exists ? null : { code: 'RESOURCE_NOT_FOUND', message: `${kind} ${id} not found` };
  }

  private remove(conn: Connection, channel: string): void {
    const subs = this.byChannel.get(channel);
    if (!subs) return;
    subs.delete(conn);
    if (subs.size === 0) this.byChannel.delete(channel);
  }

  private error(conn: Connection, code: ErrorCode, message: string, channel?: string): void {
    this.send(conn, { type: 'error', ...(channel ? { channel } : {}), error: { code, message } });
  }

  private send(conn: Connection, body: Record<string, unknown>): void {
    if (conn.socket.readyState !== OPEN) return;
    conn.socket.send(JSON.stringify({ ...body, timestamp: this.clock.now().toISOString() }));
  }
}
