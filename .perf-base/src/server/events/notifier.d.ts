import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.js';
export type NotificationType = 'sync_status' | 'pool_update' | 'endpoint_status' | 'operation_progress';
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
export declare class LocalTransport implements NotificationTransport {
    private readonly onListenerError;
    private readonly listeners;
    constructor(onListenerError?: (err: unknown) => void);
    publish(n: Required<Notification>): void;
    subscribe(listener: NotificationListener): () => void;
    close(): Promise<void>;
}
export declare const poolChannel: (id: string) => string;
export declare const endpointChannel: (id: string) => string;
/** The channels an endpoint's news goes to: its own, and its pool's when it has one. */
export declare function endpointChannels(endpointId: string, poolId: string | null): string[];
export declare class Notifier {
    private readonly clock;
    readonly transport: NotificationTransport;
    private readonly scope;
    constructor(clock: Clock, transport?: NotificationTransport);
    /** Queues `n` in the current scope (published after it succeeds), or publishes it now outside one. */
    queue(n: Notification): void;
    publish(n: Notification): void;
    /**
     * Runs `fn` (which commits its transaction before resolving) in a scope of its own; what it
     * queued is published once it resolves, and dropped when it throws.
     */
    afterCommit<T>(fn: () => Promise<T>): Promise<T>;
    /** Runs `next` in a scope whose queue is `pending` (for the per-request scope below). */
    runScope(pending: Notification[], next: () => void): void;
    subscribe(listener: NotificationListener): () => void;
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
export declare function installNotificationScope(app: FastifyInstance, notifier: Notifier): void;
