// Daily (`[jobs] clean_up_retention`, 03:30 UTC) when `[features] auto_cleanup_old_states`: the
// retention rules of the seed (services/retention.service.ts), the same service
// `pacsync-server db cleanup` runs. Its counts per table are the run's counts.
import type { RetentionService } from '../services/retention.service.js';
import type { JobDefinition } from './job.js';

export function cleanUpRetentionJob(retention: RetentionService, schedule: string, enabled: boolean): JobDefinition {
  return {
    name: 'clean-up-retention',
    description: 'deletes old operations, states beyond the history limit, old events, drift history, job runs and idempotency keys',
    schedule,
    enabled,
    run: async () => ({
      ...(await retention.cleanup({ actor: 'system (retention job)' })),
      idempotency_keys: await retention.expireIdempotencyKeys(),
    }),
  };
}
