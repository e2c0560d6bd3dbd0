// The one scheduler of the background jobs. croner computes the ticks (and, in a running server,
// wakes us at each one); the clock decides what "now" is, so tests move a fake clock and call
// runDue() instead of waiting.
//
// A tick runs at most once across every server instance on the database: before running, an
// instance inserts the (job, tick) row of job_runs, and only the instance whose insert went in
// runs it (claimJobRun). The row then records the outcome. A server that was down over a tick
// runs the latest missed tick when it comes back — once, not one run per missed tick.
import { Cron } from 'croner';
import type { Clock } from '../../core/clock.js';
import { newId } from '../../db/dialect.js';
import type { Executor } from '../../db/executor.js';
import type { JobRunView, JobView } from '../../contracts/job.contract.js';
import { claimJobRun, failAbandonedJobRuns, finishJobRun, type JobRunRow, latestJobRuns } from '../../db/job-run.repository.js';
import type { JobCounts, JobDefinition } from './job.js';

/** A run still `running` after this long lost its instance (killed mid-run): it is marked failed. */
export const ABANDONED_RUN_MS = 60 * 60_000;

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type RunOutcome = { job: string; tick: string; status: 'succeeded' | 'failed'; counts: JobCounts; error_message: string | null };

export class JobScheduler {
  private readonly crons = new Map<string, Cron>();
  private timers: Cron[] = [];
  /** Per job, the latest tick this instance already claimed or saw claimed (saves an insert per wake-up). */
  private readonly seen = new Map<string, number>();
  private running = new Set<string>();
  private stopped = false;
  private lastAbandonedSweep = Number.NEGATIVE_INFINITY;

  constructor(
    readonly jobs: readonly JobDefinition[],
    private readonly db: Executor,
    private readonly clock: Clock,
    /** `[server] instance_name` or host:port: who claimed a run. */
    private readonly instance: string,
    private readonly log: JobLog = { info: () => {}, error: () => {} },
  ) {
    for (const job of jobs) this.crons.set(job.name, new Cron(job.schedule, { paused: true, timezone: 'UTC' }));
  }

  /** The latest tick of `job` at or before `now`. */
  latestTick(job: JobDefinition, now: Date = this.clock.now()): Date | null {
    return this.cron(job).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
  }

  /** The first tick of `job` after `now`. */
  nextTick(job: JobDefinition, now: Date = this.clock.now()): Date | null {
    return this.cron(job).nextRun(now);
  }

  /**
   * Runs every enabled job whose latest tick no instance has claimed yet, one after the other
   * (they share the database; none is urgent to the second). Answers what ran.
   */
  async runDue(only?: readonly string[], firedAt?: Date | null): Promise<RunOutcome[]> {
    // A timer's own tick time, when it woke us: the clock may read a hair before it.
    const clockNow = this.clock.now();
    const now = firedAt && firedAt.getTime() > clockNow.getTime() ? firedAt : clockNow;
    // Every job's timer calls here; the sweep of abandoned runs needs doing once a minute at most.
    if (now.getTime() - this.lastAbandonedSweep >= 60_000) {
      this.lastAbandonedSweep = now.getTime();
      await failAbandonedJobRuns(
        this.db,
        new Date(now.getTime() - ABANDONED_RUN_MS),
        now,
        `no result after ${ABANDONED_RUN_MS / 60_000} minutes: the server instance running it stopped`,
      );
    }
    const out: RunOutcome[] = [];
    for (const job of this.jobs) {
      if (this.stopped) break;
      if (!job.enabled || (only && !only.includes(job.name))) continue;
      const tick = this.latestTick(job, now);
      if (!tick || this.seen.get(job.name) === tick.getTime() || this.running.has(job.name)) continue;
      const outcome = await this.runTick(job, tick);
      if (outcome) out.push(outcome);
    }
    return out;
  }

  /** Every job with its schedule, last run (any instance's) and next tick: GET /jobs. */
  async list(): Promise<JobView[]> {
    const now = this.clock.now();
    const last = new Map((await latestJobRuns(this.db)).map((r) => [r.job, r]));
    return this.jobs.map((job) => {
      const run = last.get(job.name);
      return {
        name: job.name,
        description: job.description,
        schedule: job.schedule,
        enabled: job.enabled,
        last_run: run ? toRunView(run) : null,
        next_run: job.enabled ? (this.nextTick(job, now)?.toISOString() ?? null) : null,
      };
    });
  }

  /** Wakes at each job's ticks (and once now, for a tick missed while the server was down). */
  start(): void {
    if (this.timers.length > 0) return;
    for (const job of this.jobs.filter((j) => j.enabled)) {
      this.timers.push(
        new Cron(job.schedule, { timezone: 'UTC', protect: true }, (self: Cron) =>
          this.runDue([job.name], self.currentRun()).then(
            () => undefined,
            (err: unknown) => this.log.error({ err, job: job.name }, 'job scheduler failed'),
          ),
        ),
      );
    }
    void this.runDue().catch((err: unknown) => this.log.error({ err }, 'job scheduler failed'));
  }

  /** Stops the timers and waits (up to `waitMs`) for a run in flight to record its outcome. */
  async stop(waitMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) t.stop();
    this.timers = [];
    const deadline = Date.now() + waitMs;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  private cron(job: JobDefinition): Cron {
    const c = this.crons.get(job.name);
    if (!c) throw new Error(`unknown job ${job.name}`);
    return c;
  }

  private async runTick(job: JobDefinition, tick: Date): Promise<RunOutcome | null> {
    this.running.add(job.name);
    try {
      const id = newId();
      const claimed = await claimJobRun(this.db, { id, job: job.name, tick, instance: this.instance, started_at: this.clock.now() });
      this.seen.set(job.name, tick.getTime());
      if (!claimed) return null;
      let outcome: RunOutcome;
      try {
        const counts = await job.run(tick);
        outcome = { job: job.name, tick: tick.toISOString(), status: 'succeeded', counts, error_message: null };
      } catch (err) {
        const message = (err as Error | null)?.message ?? String(err);
        this.log.error({ err, job: job.name, tick: tick.toISOString() }, `job ${job.name} failed`);
        outcome = { job: job.name, tick: tick.toISOString(), status: 'failed', counts: {}, error_message: message.slice(0, 2000) };
      }
      await finishJobRun(this.db, id, {
        status: outcome.status,
        counts: outcome.counts,
        error_message: outcome.error_message,
        finished_at: this.clock.now(),
      });
      if (outcome.status === 'succeeded' && Object.values(outcome.counts).some((n) => n > 0))
        this.log.info({ job: job.name, tick: outcome.tick, counts: outcome.counts }, `job ${job.name} ran`);
      return outcome;
    } finally {
      this.running.delete(job.name);
    }
  }
}

export function toRunView(r: JobRunRow): JobRunView {
  return {
    tick: r.tick,
    status: r.status as JobRunView['status'],
    instance: r.instance,
    started_at: r.started_at,
    finished_at: r.finished_at,
    counts: r.counts ?? {},
    error_message: r.error_message,
  };
}
