// Every minute: online endpoints silent for `[features] offline_after` minutes become offline
// (an event and an `endpoint_status` message each; services/fleet-upkeep.service.ts).
import type { FleetUpkeepService } from '../services/fleet-upkeep.service.js';
import type { JobDefinition } from './job.js';

export function detectOfflineEndpointsJob(upkeep: FleetUpkeepService): JobDefinition {
  return {
    name: 'detect-offline-endpoints',
    description: 'marks endpoints offline after offline_after minutes of silence',
    schedule: '* * * * *',
    enabled: true,
    run: async (tick) => upkeep.markSilentEndpointsOffline(tick),
  };
}
