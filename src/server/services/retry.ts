// The services' unit of work, and retrying a transaction that lost a race with another one.
// PostgreSQL may abort a transaction with a deadlock (40P01) or serialization failure (40001);
// SQLite answers SQLITE_BUSY when another process holds the write lock longer than busy_timeout.
// Those are not the caller's fault and not a server fault either: the work is retried a few times,
// then refused with a 409 the client can retry later — never a 500. (Work outside inTransaction
// that loses such a race gets the same 409 from the error handler, without the retries.)
import { ConflictError } from '../../core/errors.js';
import { isRetryableConflict } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import type { Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (a whole transaction) again when it fails with a retryable conflict, up to
 * `attempts` times with a short randomised pause; then throws a ConflictError naming `what`.
 */
export async function withConflictRetry<T>(what: string, attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryableConflict(err)) throw err;
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
export function inTransaction<T>(ctx: ServiceContext, notifier: Notifier, what: string, work: (trx: Executor) => Promise<T>): Promise<T> {
  return withConflictRetry(what, () => notifier.afterCommit(() => ctx.db.transaction().execute(work)));
}
