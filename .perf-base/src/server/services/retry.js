// The services' unit of work, and retrying a transaction that lost a race with another one.
// PostgreSQL may abort a transaction with a deadlock (40P01) or serialization failure (40001);
// SQLite answers SQLITE_BUSY when another process holds the write lock longer than busy_timeout.
// Those are not the caller's fault and not a server fault either: the work is retried a few times,
// then refused with a 409 the client can retry later — never a 500.
import { ConflictError } from '../../core/errors.js';
const RETRYABLE_CODES = new Set(['40001', '40P01', '55P03', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);
export function isRetryableConflict(err) {
    const code = err !== null && typeof err === 'object' ? err.code : undefined;
    return typeof code === 'string' && RETRYABLE_CODES.has(code);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Runs `attempt` (a whole transaction) again when it fails with a retryable conflict, up to
 * `attempts` times with a short randomised pause; then throws a ConflictError naming `what`.
 */
export async function withConflictRetry(what, attempt, attempts = 5) {
    for (let i = 1;; i++) {
        try {
            return await attempt();
        }
        catch (err) {
            if (!isRetryableConflict(err))
                throw err;
            if (i >= attempts) {
                throw new ConflictError(`${what} conflicted with concurrent changes ${attempts} times; retry the request`, { retryable: true });
            }
            await sleep(5 * i + Math.random() * 20);
        }
    }
}
/**
 * `work` in one transaction, retried as a whole when it loses a race (withConflictRetry). The
 * real-time messages it queues are published once it has committed, and an attempt that failed
 * takes its own with it (Notifier.afterCommit), so a retry never announces what was rolled back.
 */
export function inTransaction(ctx, notifier, what, work) {
    return withConflictRetry(what, () => notifier.afterCommit(() => ctx.db.transaction().execute(work)));
}
//# sourceMappingURL=retry.js.map