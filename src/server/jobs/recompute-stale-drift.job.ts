// Every minute: pools whose drift recomputation was cut short (set-latest recomputes a pool in
// steps that commit one by one, after the new target has committed; the process may stop between
// them) are recomputed, so no member shows drift against a superseded target for long
// (services/drift-tracker.service.ts recomputeStaleDrift).
import type { DriftTracker } from '../services/drift-tracker.service.js';
import type { JobDefinition } from './job.js';

export function recomputeStaleDriftJob(drift: Pick<DriftTracker, 'recomputeStaleDrift'>): JobDefinition {
  return {
    name: 'recompute-stale-drift',
    description: "recomputes the drift of pools whose members' drift is not against the current target",
    schedule: '* * * * *',
    enabled: true,
    run: async (tick) => drift.recomputeStaleDrift(tick),
  };
}
