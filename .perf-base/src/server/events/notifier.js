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
/** Delivers to listeners in this process, synchronously, isolating listener failures. */
export class LocalTransport {
    onListenerError;
    listeners = new Set();
    constructor(onListenerError = () => { }) {
        this.onListenerError = onListenerError;
    }
    publish(n) {
        for (const l of [...this.listeners]) {
            try {
                l(n);
            }
            catch (err) {
                this.onListenerError(err);
            }
        }
    }
    subscribe(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    async close() {
        this.listeners.clear();
    }
}
export const poolChannel = (id) => `pool.${id}`;
export const endpointChannel = (id) => `endpoint.${id}`;
/** The channels an endpoint's news goes to: its own, and its pool's when it has one. */
export function endpointChannels(endpointId, poolId) {
    return poolId ? [endpointChannel(endpointId), poolChannel(poolId)] : [endpointChannel(endpointId)];
}
export class Notifier {
    clock;
    transport;
    scope = new AsyncLocalStorage();
    constructor(clock, transport = new LocalTransport()) {
        this.clock = clock;
        this.transport = transport;
    }
    /** Queues `n` in the current scope (published after it succeeds), or publishes it now outside one. */
    queue(n) {
        const pending = this.scope.getStore();
        if (pending)
            pending.push(n);
        else
            this.publish(n);
    }
    publish(n) {
        if (n.channels.length === 0)
            return;
        this.transport.publish({ ...n, timestamp: n.timestamp ?? this.clock.now().toISOString() });
    }
    /**
     * Runs `fn` (which commits its transaction before resolving) in a scope of its own; what it
     * queued is published once it resolves, and dropped when it throws.
     */
    async afterCommit(fn) {
        const pending = [];
        const result = await this.scope.run(pending, fn);
        for (const n of pending)
            this.publish(n);
        return result;
    }
    /** Runs `next` in a scope whose queue is `pending` (for the per-request scope below). */
    runScope(pending, next) {
        this.scope.run(pending, next);
    }
    subscribe(listener) {
        return this.transport.subscribe(listener);
    }
}
/**
 * Gives every request of this Fastify scope a notification scope: messages queued by any service
 * during the request go out after a successful response (its transactions have committed by
 * then), and are dropped when the request fails.
 */
export function installNotificationScope(app, notifier) {
    app.decorateRequest('notifications', null);
    app.addHook('onRequest', (req, _reply, done) => {
        const pending = [];
        req.notifications = pending;
        notifier.runScope(pending, done);
    });
    app.addHook('onResponse', async (req, reply) => {
        const pending = req.notifications;
        req.notifications = null;
        if (!pending || reply.statusCode >= 400)
            return;
        for (const n of pending)
            notifier.publish(n);
    });
}
//# sourceMappingURL=notifier.js.map