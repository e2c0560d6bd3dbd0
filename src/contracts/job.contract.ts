// Background jobs (README "Background jobs", issue #12): GET /jobs lists each job with its schedule and its last
// and next runs. Times are ISO-8601 UTC.
import { Type, type Static } from '@sinclair/typebox';
import { IsoTimestamp } from './common.contract.js';

export const JobRunStatus = Type.Union([Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]);

export const JobRunView = Type.Object({
  /** The scheduled tick the run was for. */
  tick: IsoTimestamp,
  status: JobRunStatus,
  /** The server instance that claimed the tick (`[server] instance_name`). */
  instance: Type.String(),
  started_at: IsoTimestamp,
  finished_at: Type.Union([IsoTimestamp, Type.Null()]),
  /** What it did, e.g. `{"operations_created": 3, "skipped_active": 1}`. */
  counts: Type.Record(Type.String(), Type.Number()),
  error_message: Type.Union([Type.String(), Type.Null()]),
});
export type JobRunView = Static<typeof JobRunView>;

export const JobView = Type.Object({
  name: Type.String(),
  description: Type.String(),
  /** Five-field cron, in UTC. */
  schedule: Type.String(),
  /** False when the configuration switches it off (`[jobs] enabled`, `[features] auto_cleanup_old_states`). */
  enabled: Type.Boolean(),
  last_run: Type.Union([JobRunView, Type.Null()]),
  /** Null when disabled. */
  next_run: Type.Union([IsoTimestamp, Type.Null()]),
});
export type JobView = Static<typeof JobView>;

export const JobList = Type.Array(JobView);
export type JobList = Static<typeof JobList>;
