// The background jobs, registered in one place (SPEC §8, issue #12). A new job is a
// `<verb>-<noun>.job.ts` module exporting a JobDefinition factory, listed here; the scheduler
// (scheduler.ts) runs them, GET /jobs lists them, /health/ready and /metrics show their last runs.
import type { ServerConfig } from '../config.js';
import type { Services } from '../services/index.js';
import { detectOfflineEndpointsJob } from './detect-offline-endpoints.job.js';
import { failStaleOperationsJob } from './fail-stale-operations.job.js';
import type { JobDefinition } from './job.js';
import { syncPoolSchedulesJob } from './sync-pool-schedules.job.js';

export function createJobs(services: Services, config: ServerConfig, db: Parameters<typeof syncPoolSchedulesJob>[0]['db']): JobDefinition[] {
  return [
    syncPoolSchedulesJob({ db, syncs: services.syncs }),
    { ...detectOfflineEndpointsJob(services.upkeep), schedule: config.jobs.detect_offline_endpoints },
    { ...failStaleOperationsJob(services.upkeep), schedule: config.jobs.fail_stale_operations },
  ].map((job) => (config.jobs.enabled ? job : { ...job, enabled: false }));
}
