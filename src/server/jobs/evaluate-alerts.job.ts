// Every minute (`[jobs] evaluate_alerts`): takes the alert readings (services/alert.service.ts);
// a raised alert writes one event, a cleared one a recovery event, and /health/ready is degraded
// while any is active.
import type { AlertService } from '../services/alert.service.js';
import type { JobDefinition } from './job.js';

export function evaluateAlertsJob(alerts: AlertService, schedule: string): JobDefinition {
  return {
    name: 'evaluate-alerts',
    description: 'checks the alert thresholds; raises and clears alerts',
    schedule,
    enabled: true,
    async run() {
      const r = await alerts.evaluate();
      // A check that could not take its reading is counted (and logged by the service); the others ran.
      return { raised: r.raised.length, cleared: r.cleared.length, active: r.active.length, check_errors: r.errors.length };
    },
  };
}
