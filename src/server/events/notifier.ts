// The in-process event bus for real-time messages (WebSocket `sync_status`, `pool_update`,
// `endpoint_status`, `operation_progress`).
//
// Rule: a message describes committed data. Services therefore QUEUE messages while their
// transaction runs and the queue is published only once the work has succeeded:
//
//   return notifier.afterCommit(() => db.transaction().execute(async (trx) => {
//     …writes…
//     notifier.queue({ type: 'pool_update', channels: [`pool.${id}`], data });
//   }));
//
// afterCommit keeps the queue in an AsyncLocalStorage scope, so code deep inside the transaction
// (the drift refresher called by another service) queues into the same scope without being handed
// anything. Every authenticated HTTP request also runs in a scope (installNotificationScope), whose
// queue is published when the response succeeds (status < 400) and dropped otherwise. A message
// queued outside any scope is published at once (a job that writes without a transaction).
//
// Delivery goes through a NotificationTransport. LocalTransport hands messages to the listeners of
// this process (SQLite: the server is a single instance). For several instances on one PostgreSQL
// a transport can `NOTIFY pacsync_events, '<json>'` in publish() and LISTEN on a dedicated
// connection, calling its listeners for messages from every instance (its own included), instead
// of delivering locally; nothing else changes. NOTIFY payloads are limited to 8000 bytes, which is
// why messages carry counts and ids, never package lists.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.js';

export type NotificationType = 'sync_status' | 'pool_update' | 'endpoint_status' | 'operation_progress' | typeof ACCESS_CHANGED;

/**
 * An internal message, never sent to a client: who may hear what has changed, so the WebSocket
 * hub closes sockets or drops subscriptions (events/ws-hub.ts). It travels like the others (after
 * commit, through the transport, so every instance hears it) but on no channel.
 */
export const ACCESS_CHANGED = 'access_changed';

export type AccessChange =
  | { kind: 'key_revoked'; key_id: string }
  | { kind: 'endpoint_deleted'; endpoint_id: string }
  | { kind: 'endpoint_moved'; endpoint_id: string; from_pool_id: string | null; to_pool_id: string | null };

export function accessChanged(change: AccessChange): Notification {
  return { type: ACCESS_CHANGED, channels: [], data: change };
}

/** The access change a notification carries, or null for channel news. */
export function accessChangeOf(n: Notification): AccessChange | null {
  return n.type === ACCESS_CHANGED ? (n.data as AccessChange) : null;
}

/** One message for one or more channels (`pool.<id>`, `endpoint.<id>`). */
export interface Notification {
  type: NotificationType;
  channels: string[];
  data: Record<string, unknown>;
  /** ISO-8601; filled in by the notifier from its clock when missing. */
  timestamp?: string;
}

/** What subscribers receive: one message per channel, `{type, channel, data, timestamp}`. */
export interface ChannelMessage {
  type: NotificationType;
  channel: string;
  data: Record<string, unknown>;
  timestamp: string;
}

export type NotificationListener = (n: Required<Notification>) => void;

export interface NotificationTransport {
  publish(n: Required<Notification>): void;
  /** Registers a listener for messages (from this instance, or from all of them); returns its removal. */
  subscribe(listener: NotificationListener): () => void;
  close(): Promise<void>;
}

/** Delivers to listeners in this process, synchronously, isolating listener failures. */
export class LocalTransport implements NotificationTransport {
  private readonly listeners = new Set<NotificationListener>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {}

  publish(n: Required<Notification>): void {
    for (const l of [...this.listeners]) {
      try {
        l(n);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  subscribe(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

export const poolChannel = (id: string): string => `pool.${id}`;
export const endpointChannel = (id: string): string => `endpoint.${id}`;

/** The channels an endpoint's news goes to: its own, and its pool's when it has one. */
export function endpointChannels(endpointId: string, poolId: string | null): string[] {
  return poolId ? [endpointChannel(endpointId), poolChannel(poolId)] : [endpointChannel(endpointId)];
}

export class Notifier {
  private readonly scope = new AsyncLocalStorage<Notification[]>();

  constructor(
    private readonly clock: Clock,
    readonly transport: NotificationTransport = new LocalTransport(),
  ) {}

  /** Queues `n` in the current scope (published after it succeeds), or publishes it now outside one. */
  queue(n: Notification): void {
    const pending = this.scope.getStore();
    if (pending) pending.push(n);
    else this.publish(n);
  }

  publish(n: Notification): void {
    if (n.channels.length === 0 && n.type !== ACCESS_CHANGED) return;
    this.transport.publish({ ...n, timestamp: n.timestamp ?? this.clock.now().toISOString() });
  }

  /**
   * Runs `fn` (which commits its transaction before resolving) in a scope of its own; what it
   * queued is published once it resolves, and dropped when it throws.
   */
  async afterCommit<T>(fn: () => Promise<T>): Promise<T> {
    const pending: Notification[] = [];
    const result = await this.scope.run(pending, fn);
    for (const n of pending) this.publish(n);
    return result;
  }

  /** Runs `next` in a scope whose queue is `pending` (for the per-request scope below). */
  runScope(pending: Notification[], next: () => void): void {
    this.scope.run(pending, next);
  }

  subscribe(listener: NotificationListener): () => void {
    return this.transport.subscribe(listener);
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Messages queued while this request ran; published when it succeeds. */
    notifications: Notification[] | null;
  }
}

/**
 * Gives every request of this Fastify scope a notification scope: messages queued by any service
 * during the request go out after a successful response (its transactions have committed by
 * then), and are dropped when the request fails.
 */
export function installNotificationScope(app: FastifyInstance, notifier: Notifier): void {
  app.decorateRequest('notifications', null);
  app.addHook('onRequest', (req, _reply, done) => {
    const pending: Notification[] = [];
    req.notifications = pending;
    notifier.runScope(pending, done);
  });
  app.addHook('onResponse', async (req, reply) => {
    const pending = req.notifications;
    req.notifications = null;
    if (!pending || reply.statusCode >= 400) return;
    for (const n of pending) notifier.publish(n);
  });
}
