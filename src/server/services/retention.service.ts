// Retention (seed "Cleanup Old Data", issue #12): what the daily job and `pacsync-server db
// cleanup` delete, through this one service.
//   sync_operations  created before `operations_days` (90) — never an active one
//   package_states   non-target states beyond the pool's history limit (settings.max_history,
//                    else `[features] max_state_history`, 50), newest kept — never a target, an
//                    endpoint's current state, or a state an operation still points at
//                    (listStatesNamedByOperations)
//   system_events    created before `events_days` (30), except error/critical
//   drift_history    created before `drift_history_days` (90): beyond the seed; it grows one row
//                    per pool per drift recomputation
//   job_runs         finished runs of ticks before `job_runs_days` (14): beyond the seed; the
//                    minute jobs add about 4,300 rows a day
//   idempotency_keys older than IDEMPOTENCY_KEY_TTL_DAYS (7), by the daily job only
//                    (expireIdempotencyKeys)
// A dry run walks the same rows and deletes nothing, so on an unchanged database it reports the
// counts a real run then deletes. Deletes go in batches of `batch_size` rows, each its own short
// statement: a large backlog never becomes one long transaction.
import type { Executor } from '../../db/executor.js';
import { deleteIdempotencyKeysBefore } from '../../db/idempotency-key.repository.js';
import {
  type AgedTable,
  countAged,
  deleteAgedBatch,
  deleteStates,
  listStateHistory,
  listStateHistoryPools,
  listStatesNamedByOperations,
} from '../../db/retention.repository.js';
import type { ServerConfig } from '../config.js';
import type { ServiceContext } from './context.js';
import { recordEvent } from './event.service.js';
import { IDEMPOTENCY_KEY_TTL_DAYS } from './idempotency.js';

export interface RetentionSettings {
  /** `[retention] operations_days`. */
  operationsDays: number;
  /** `[retention] events_days`. */
  eventsDays: number;
  /** `[retention] drift_history_days`. */
  driftHistoryDays: number;
  /** `[retention] job_runs_days`. */
  jobRunsDays: number;
  /** `[features] max_state_history`: pools without their own settings.max_history. */
  maxStateHistory: number;
  /** `[retention] batch_size`: rows per delete statement. */
  batchSize: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  operationsDays: 90,
  eventsDays: 30,
  driftHistoryDays: 90,
  jobRunsDays: 14,
  maxStateHistory: 50,
  batchSize: 1000,
};

/** The retention settings of a server configuration. */
export function retentionSettings(config: Pick<ServerConfig, 'retention' | 'features'>): RetentionSettings {
  return {
    operationsDays: config.retention.operations_days,
    eventsDays: config.retention.events_days,
    driftHistoryDays: config.retention.drift_history_days,
    jobRunsDays: config.retention.job_runs_days,
    maxStateHistory: config.features.max_state_history,
    batchSize: config.retention.batch_size,
  };
}

/** Rows deleted (or, in a dry run, that would be) per table. */
export interface RetentionCounts {
  sync_operations: number;
  package_states: number;
  system_events: number;
  drift_history: number;
  job_runs: number;
}

export interface CleanupOptions {
  dryRun?: boolean;
  /** Audit log user_id of a real run that deleted something (default 'system'). */
  actor?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class RetentionService {
  readonly settings: RetentionSettings;

  constructor(
    private readonly ctx: ServiceContext,
    settings: Partial<RetentionSettings> = {},
  ) {
    this.settings = { ...DEFAULT_RETENTION, ...settings };
  }

  async cleanup(opts: CleanupOptions = {}): Promise<RetentionCounts> {
    const dryRun = opts.dryRun ?? false;
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    // States first: which states operations protect is read before any old operation goes, in a
    // dry run and a real run alike.
    const counts: RetentionCounts = {
      package_states: await this.pruneStates(db, dryRun),
      sync_operations: await this.pruneAged(db, 'sync_operations', before(this.settings.operationsDays), dryRun),
      system_events: await this.pruneAged(db, 'system_events', before(this.settings.eventsDays), dryRun),
      drift_history: await this.pruneAged(db, 'drift_history', before(this.settings.driftHistoryDays), dryRun),
      job_runs: await this.pruneAged(db, 'job_runs', before(this.settings.jobRunsDays), dryRun),
    };
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (!dryRun && total > 0) {
      await recordEvent(db, now, opts.actor ?? 'system', {
        event_type: 'retention_cleanup',
        message: `retention cleanup deleted ${total} row(s): ${Object.entries(counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
        details: { ...counts, settings: { ...this.settings } },
      });
    }
    return counts;
  }

  /** Deletes idempotency keys older than IDEMPOTENCY_KEY_TTL_DAYS (the daily job); how many. */
  async expireIdempotencyKeys(): Promise<number> {
    return deleteIdempotencyKeysBefore(this.ctx.db, new Date(this.ctx.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_DAYS * DAY_MS));
  }

  private async pruneAged(db: Executor, table: AgedTable, cutoff: string, dryRun: boolean): Promise<number> {
    if (dryRun) return countAged(db, table, cutoff);
    let total = 0;
    for (;;) {
      const n = await deleteAgedBatch(db, table, cutoff, this.settings.batchSize);
      total += n;
      if (n < this.settings.batchSize) return total;
    }
  }

  private async pruneStates(db: Executor, dryRun: boolean): Promise<number> {
    const named = await listStatesNamedByOperations(db);
    const batch = this.settings.batchSize;
    let total = 0;
    for (const pool of await listStateHistoryPools(db)) {
      const own = pool.settings?.max_history;
      const keep = typeof own === 'number' && Number.isInteger(own) && own >= 1 ? own : this.settings.maxStateHistory;
      // Position `keep` onwards is beyond the limit. Rows there that stay (current states, states
      // operations name; every row in a dry run) move the next page's start past them.
      let staying = 0;
      for (;;) {
        const rows = await listStateHistory(db, pool.pool_id, keep + staying, batch);
        const doomed = rows.filter((r) => !r.current && !named.has(r.id)).map((r) => r.id);
        const deleted = dryRun ? doomed.length : await deleteStates(db, doomed);
        total += deleted;
        staying += rows.length - (dryRun ? 0 : deleted);
        if (rows.length < batch) break;
      }
    }
    return total;
  }
}
