import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import type { Notifier } from './notifier.js';
/** Channels one connection may hold (bounds memory per socket). */
export declare const MAX_SUBSCRIPTIONS = 1000;
export declare class WsHub {
    private readonly db;
    private readonly clock;
    private readonly byChannel;
    private readonly stop;
    constructor(notifier: Notifier, db: Kysely<Database>, clock: Clock);
    /** Number of open subscriptions to `channel` (tests, metrics). */
    subscribers(channel: string): number;
    /** The channels `p` may subscribe to, as shown to it (`pool.*`: any pool). */
    static channelsFor(p: Principal): string[];
    attach(socket: WebSocket, principal: Principal): void;
    close(): void;
    private onMessage;
    /** Why `p` may not subscribe to `channel`, or null when it may. */
    private refusal;
    private remove;
    private error;
    private send;
}
