// Every minute: in-progress operations without progress for `[features] sync_timeout` minutes
// fail, pending ones older than `operation_pickup_timeout` expire (services/fleet-upkeep.service.ts).
import type { FleetUpkeepService } from '../services/fleet-upkeep.service.js';
import type { JobDefinition } from './job.js';

export function failStaleOperationsJob(upkeep: FleetUpkeepService): JobDefinition {
  return {
    name: 'fail-stale-operations',
    description: 'fails operations without progress for sync_timeout minutes and expires unclaimed ones',
    schedule: '* * * * *',
    enabled: true,
    run: async (tick) => upkeep.failStaleOperations(tick),
  };
}
