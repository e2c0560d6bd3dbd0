import type { ApiClient } from '../api-client.js';
import type { CompleteBody, FailBody, ProgressBody } from '../../contracts/operation.contract.js';
import type { RepositoriesReportBody, StateReportBody } from '../../contracts/package.contract.js';
export type QueuedReport = {
    kind: 'state';
    endpoint_id: string;
    body: StateReportBody;
} | {
    kind: 'repositories';
    endpoint_id: string;
    body: RepositoriesReportBody;
} | {
    kind: 'progress';
    operation_id: string;
    body: ProgressBody;
} | {
    kind: 'complete';
    operation_id: string;
    body: CompleteBody;
} | {
    kind: 'fail';
    operation_id: string;
    body: FailBody;
};
export type QueueItem = QueuedReport & {
    id: string;
    queued_at: string;
};
export declare const QUEUE_FILE = "report-queue.json";
export interface ReplayResult {
    sent: number;
    /** Refused by the server for good (e.g. an operation cancelled meanwhile): dropped, with why. */
    dropped: {
        item: QueueItem;
        reason: string;
    }[];
    /** The error that stopped the replay (server unreachable), or null when the queue is empty. */
    stoppedBy: unknown;
    /** Another process was replaying (and still is, after `waitMs`): nothing was sent here. */
    busy?: boolean;
}
export declare class ReportQueue {
    readonly dir: string;
    readonly file: string;
    private readonly lockFile;
    private readonly replayLockFile;
    constructor(dir: string);
    /** Runs a read-modify-write of the file holding the writers' lock. */
    private locked;
    /** Queued items, oldest first. */
    read(): QueueItem[];
    get size(): number;
    private write;
    push(report: QueuedReport): QueueItem;
    exists(): boolean;
    /** The replay lock, waiting up to `waitMs` while another process replays; null if still held. */
    private replayLock;
    /**
     * Sends queued items in order. Stops at the first retryable failure (leaving it and everything
     * after it queued); an item the server refuses for good is dropped so it cannot block the queue.
     * While another process replays, waits up to `waitMs` (default 0) for it to finish, then
     * returns `busy` without sending anything.
     */
    replay(client: ApiClient, opts?: {
        waitMs?: number;
    }): Promise<ReplayResult>;
    private replayLocked;
}
