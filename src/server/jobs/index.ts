// The background jobs, registered in one place (README "Background jobs", issue #12). A new job is a
// `<verb>-<noun>.job.ts` module exporting a JobDefinition factory, listed here; the scheduler
// (scheduler.ts) runs them, GET /jobs lists them, /health/ready and /metrics show their last runs.
import { countJobRuns, latestJobRuns } from '../../db/job-run.repository.js';
import type { Executor } from '../../db/executor.js';
import { VERSION } from '../version.js';
import type { ServerConfig } from '../config.js';
import type { MetricsService } from '../services/metrics.service.js';
import type { Services } from '../services/index.js';
import { cleanUpRetentionJob } from './clean-up-retention.job.js';
import { detectOfflineEndpointsJob } from './detect-offline-endpoints.job.js';
import { evaluateAlertsJob } from './evaluate-alerts.job.js';
import { failStaleOperationsJob } from './fail-stale-operations.job.js';
import { recomputeStaleDriftJob } from './recompute-stale-drift.job.js';
import type { JobDefinition } from './job.js';
import { syncPoolSchedulesJob } from './sync-pool-schedules.job.js';

export function createJobs(services: Services, config: ServerConfig, db: Executor): JobDefinition[] {
  return [
    syncPoolSchedulesJob({ db, syncs: services.syncs }),
    { ...detectOfflineEndpointsJob(services.upkeep), schedule: config.jobs.detect_offline_endpoints },
    { ...failStaleOperationsJob(services.upkeep), schedule: config.jobs.fail_stale_operations },
    recomputeStaleDriftJob(services.driftTracker),
    evaluateAlertsJob(services.alerts, config.jobs.evaluate_alerts),
    cleanUpRetentionJob(services.retention, config.jobs.clean_up_retention, config.features.auto_cleanup_old_states),
  ].map((job) => (config.jobs.enabled ? job : { ...job, enabled: false }));
}

/**
 * Job metrics, read from job_runs at scrape time (true on every instance): runs by job and status,
 * and each job's last run time and duration. Plus this instance's name as an info metric.
 */
export function registerJobMetrics(metrics: MetricsService, db: Executor, instance: string): void {
  metrics.addGauge(
    { name: 'pacman_sync_job_runs', help: 'Recorded background job runs by job and status (all instances)', labelNames: ['job', 'status'] },
    async () => (await countJobRuns(db)).map((r) => ({ labels: { job: r.job, status: r.status }, value: r.runs })),
  );
  metrics.addGauge(
    { name: 'pacman_sync_job_last_run_timestamp_seconds', help: "Tick of each job's latest run, Unix seconds", labelNames: ['job', 'status'] },
    async () => (await latestJobRuns(db)).map((r) => ({ labels: { job: r.job, status: r.status }, value: Date.parse(r.tick) / 1000 })),
  );
  metrics.addGauge(
    { name: 'pacman_sync_job_last_run_duration_seconds', help: "Duration of each job's latest finished run", labelNames: ['job'] },
    async () =>
      (await latestJobRuns(db))
        .filter((r) => r.finished_at)
        .map((r) => ({ labels: { job: r.job }, value: (Date.parse(r.finished_at as string) - Date.parse(r.started_at)) / 1000 })),
  );
  metrics.addGauge(
    {
      name: 'pacman_sync_instance_info',
      help: 'This server instance ([server] instance_name) and its version',
      labelNames: ['instance_name', 'version'],
    },
    async () => [{ labels: { instance_name: instance, version: VERSION }, value: 1 }],
  );
}
