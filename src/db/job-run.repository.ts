// Queries of job_runs (migration 007): claiming a job's tick, recording how it went, and the
// latest run of each job for GET /jobs, /health/ready and /metrics.
import type { Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { JobRunsTable } from './schema.js';

export type JobRunRow = Selectable<JobRunsTable>;

/**
 * Inserts the run row for (job, tick) unless one exists: true when this caller claimed the tick.
 * ON CONFLICT DO NOTHING on the unique (job, tick) index makes the claim atomic on both engines.
 */
export async function claimJobRun(db: Executor, row: { id: string; job: string; tick: Date; instance: string; started_at: Date }): Promise<boolean> {
  const result = await db
    .insertInto('job_runs')
    .values({
      id: row.id,
      job: row.job,
      tick: row.tick.toISOString(),
      instance: row.instance,
      status: 'running',
      started_at: row.started_at.toISOString(),
    })
    .onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function finishJobRun(
  db: Executor,
  id: string,
  patch: { status: 'succeeded' | 'failed'; counts: Record<string, number>; error_message: string | null; finished_at: Date },
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ status: patch.status, counts: patch.counts, error_message: patch.error_message, finished_at: patch.finished_at.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** The run of each job with the latest tick (one row per job that ever ran). */
export async function latestJobRuns(db: Executor): Promise<JobRunRow[]> {
  return db
    .selectFrom('job_runs as r')
    .selectAll('r')
    .where(({ eb, selectFrom }) =>
      eb(
        'r.tick',
        '=',
        selectFrom('job_runs as l')
          .select((e) => e.fn.max('l.tick').as('t'))
          .whereRef('l.job', '=', 'r.job'),
      ),
    )
    .execute();
}

/** Run counts per job and status, for /metrics. */
export async function countJobRuns(db: Executor): Promise<{ job: string; status: string; runs: number }[]> {
  const rows = await db
    .selectFrom('job_runs')
    .select(['job', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('runs'))
    .groupBy(['job', 'status'])
    .execute();
  return rows.map((r) => ({ job: r.job, status: r.status, runs: Number(r.runs) }));
}

/** The latest runs of one job, newest first. */
export async function listJobRuns(db: Executor, job: string, limit: number): Promise<JobRunRow[]> {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).orderBy('tick', 'desc').limit(limit).execute();
}

/**
 * Runs still `running` that started before `startedBefore`: their instance died or hung mid-run.
 * Marked failed so that health and metrics stop showing them as running. Returns how many.
 */
export async function failAbandonedJobRuns(db: Executor, startedBefore: Date, now: Date, message: string): Promise<number> {
  const result = await db
    .updateTable('job_runs')
    .set({ status: 'failed', error_message: message, finished_at: now.toISOString() })
    .where('status', '=', 'running')
    .where('started_at', '<', startedBefore.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes runs of ticks before `before` (retention). Returns how many. */
export async function deleteJobRunsBefore(db: Executor, before: Date, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const row = await db
      .selectFrom('job_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tick', '<', before.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const result = await db.deleteFrom('job_runs').where('tick', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
