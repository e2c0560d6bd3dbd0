import type { Executor } from '../../db/executor.js';
import type { Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
export declare function isRetryableConflict(err: unknown): boolean;
/**
 * Runs `attempt` (a whole transaction) again when it fails with a retryable conflict, up to
 * `attempts` times with a short randomised pause; then throws a ConflictError naming `what`.
 */
export declare function withConflictRetry<T>(what: string, attempt: () => Promise<T>, attempts?: number): Promise<T>;
/**
 * `work` in one transaction, retried as a whole when it loses a race (withConflictRetry). The
 * real-time messages it queues are published once it has committed, and an attempt that failed
 * takes its own with it (Notifier.afterCommit), so a retry never announces what was rolled back.
 */
export declare function inTransaction<T>(ctx: ServiceContext, notifier: Notifier, what: string, work: (trx: Executor) => Promise<T>): Promise<T>;
