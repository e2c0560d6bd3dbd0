// WebSocket subscribers (protocol: src/contracts/realtime.contract.ts). The hub listens to the
// notifier and sends each message to the sockets subscribed to its channel. Subscriptions are
// authorised when made: admin and read keys any existing pool or endpoint; an endpoint key its
// own endpoint and its current pool (read from the database, so a moved endpoint follows its new
// pool); enroll keys nothing. A bad request gets an error message; the connection stays open.
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { CHANNEL_PATTERN, WS_MESSAGE_TYPES } from '../../contracts/realtime.contract.js';
import type { Clock } from '../../core/clock.js';
import type { ErrorCode } from '../../core/errors.js';
import { findEndpointById } from '../../db/endpoint.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { endpointChannels, type ChannelMessage, type Notifier } from './notifier.js';

/** Channels one connection may hold (bounds memory per socket). */
export const MAX_SUBSCRIPTIONS = 1000;
/** A socket this far behind (bytes not yet sent) gets no more messages until it catches up. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

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

  constructor(
    notifier: Notifier,
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.stop = notifier.subscribe((n) => {
      for (const channel of n.channels) {
        const subs = this.byChannel.get(channel);
        if (!subs || subs.size === 0) continue;
        const message: ChannelMessage = { type: n.type, channel, data: n.data, timestamp: n.timestamp };
        const text = JSON.stringify(message);
        for (const c of subs) {
          if (c.socket.readyState === OPEN && c.socket.bufferedAmount < MAX_BUFFERED_BYTES) c.socket.send(text);
        }
      }
    });
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
      this.onMessage(conn, raw, isBinary).catch(() => this.send(conn, { type: 'error', error: { code: 'INTERNAL_ERROR', message: 'the request could not be handled' } }));
    });
    socket.on('close', () => {
      for (const ch of conn.channels) this.remove(conn, ch);
      conn.channels.clear();
    });
    this.send(conn, { type: 'welcome', data: { channels: WsHub.channelsFor(principal), message_types: [...WS_MESSAGE_TYPES] } });
  }

  close(): void {
    this.stop();
    this.byChannel.clear();
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
      return this.error(conn, 'VALIDATION_ERROR', 'channel: must be pool.<id> or endpoint.<id>', typeof m.channel === 'string' ? m.channel.slice(0, 80) : undefined);
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
    const refusal = await this.refusal(conn.principal, channel);
    if (refusal) return this.error(conn, refusal.code, refusal.message, channel);
    if (conn.socket.readyState !== OPEN) return;
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
      if (kind === 'endpoint') return id === p.endpointId ? null : { code: 'INSUFFICIENT_PERMISSIONS', message: 'an endpoint key may subscribe only to its own endpoint and its own pool' };
      const self = p.endpointId ? await findEndpointById(this.db, p.endpointId) : undefined;
      return self?.pool_id === id ? null : { code: 'INSUFFICIENT_PERMISSIONS', message: 'an endpoint key may subscribe only to its own endpoint and its own pool' };
    }
    if (p.role !== 'admin' && p.role !== 'read') return { code: 'INSUFFICIENT_PERMISSIONS', message: `an ${p.role} key may not subscribe to channels` };
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
