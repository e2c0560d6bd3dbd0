import type { Session } from '../session.js';
export interface DaemonOptions {
    log?: (line: string) => void;
    now?: () => number;
}
export declare class Daemon {
    private readonly s;
    private stopping;
    /** The signal that stopped it, named in a failed operation's message. */
    private stopReason;
    private wake;
    private readonly queue;
    private readonly backoff;
    private readonly log;
    private readonly now;
    private localSig;
    private syncSig;
    private nextHeartbeat;
    private nextPoll;
    private offlineSince;
    /** Operations that failed to start here for a reason a retry will not fix: not tried again. */
    private readonly given_up;
    constructor(s: Session, opts?: DaemonOptions);
    /** Asks the loop to end after the current step (`reason`: the signal, for messages). */
    stop(reason?: string): void;
    get stopped(): boolean;
    run(): Promise<void>;
    private sleep;
    private tick;
    /** Queues the state (and repositories) when pacman changed them since the last look. */
    private watch;
    /** Replays the queue; throws the error that stopped it when the server cannot take it now. */
    private deliver;
    private runPendingOperations;
    private runOne;
    private reachable;
    private unreachable;
}
