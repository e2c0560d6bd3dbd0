// What a background job is (README "Background jobs", issue #12). A job is a small module exporting one
// JobDefinition: a name, a cron schedule (UTC), whether the configuration enables it, and a
// handler that does one tick's work through the services and says what it did in counts. The
// scheduler (scheduler.ts) decides when; jobs never look at timers or at other instances.

/** What a run did, e.g. `{ operations_created: 3, skipped_active: 1 }`: shown by GET /jobs and /metrics. */
export type JobCounts = Record<string, number>;

export interface JobDefinition {
  /** kebab-case `<verb>-<noun>`, also the job_runs.job value and the metrics label. */
  readonly name: string;
  /** One line for GET /jobs. */
  readonly description: string;
  /** Five-field cron, read in UTC (croner). */
  readonly schedule: string;
  /** False when the configuration switches the job off (it is listed, never run). */
  readonly enabled: boolean;
  /** One tick's work; `tick` is the scheduled time (a minute boundary), not "now". */
  run(tick: Date): Promise<JobCounts>;
}
