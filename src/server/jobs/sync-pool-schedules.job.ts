// Pools with `auto_sync` and a `sync_schedule` (cron in the pool's `schedule_timezone`, default
// UTC): at each matching minute, a sync operation for every member that is behind the target,
// which the members' daemons pick up. Members that are offline, pending approval or already busy
// are skipped and counted; so is a pool without a target yet.
import { Cron } from 'croner';
import type { PoolSettings } from '../../contracts/pool.contract.js';
import type { Executor } from '../../db/executor.js';
import { completeSettings } from '../services/pool-settings.js';
import type { SyncService } from '../services/sync.service.js';
import type { JobDefinition } from './job.js';

export const SCHEDULER_ACTOR = 'scheduler';

/** Whether the pool's schedule fires at `tick` (a minute boundary); null when it cannot be read. */
export function scheduleFiresAt(settings: Pick<PoolSettings, 'sync_schedule' | 'schedule_timezone'>, tick: Date): boolean | null {
  if (!settings.sync_schedule) return false;
  try {
    return new Cron(settings.sync_schedule, { paused: true, timezone: settings.schedule_timezone || 'UTC' }).match(tick);
  } catch {
    return null; // validated on write; a row written otherwise must not stop the other pools
  }
}

export function syncPoolSchedulesJob(deps: { db: Executor; syncs: SyncService }): JobDefinition {
  return {
    name: 'sync-pool-schedules',
    description: 'creates sync operations for the behind members of pools whose auto_sync schedule is due',
    schedule: '* * * * *',
    enabled: true,
    async run(tick) {
      const counts = {
        pools_due: 0,
        operations_created: 0,
        skipped_active: 0,
        skipped_offline: 0,
        skipped_other: 0,
        pools_without_target: 0,
        pools_bad_schedule: 0,
        pools_failed: 0,
      };
      const failures: string[] = [];
      const pools = await deps.db.selectFrom('pools').select(['id', 'name', 'settings']).execute();
      for (const pool of pools) {
        const settings = completeSettings(pool.settings);
        if (!settings.auto_sync) continue;
        const fires = scheduleFiresAt(settings, tick);
        if (fires === null) counts.pools_bad_schedule += 1;
        if (!fires) continue;
        counts.pools_due += 1;
        let result;
        try {
          result = await deps.syncs.syncAll(pool.id, {}, SCHEDULER_ACTOR, { skipOffline: true });
        } catch (err) {
          if ((err as { code?: string }).code === 'INVALID_STATE') {
            counts.pools_without_target += 1;
            continue;
          }
          // One pool's failure (deleted meanwhile, a database blip) must not cost the others their sync.
          counts.pools_failed += 1;
          failures.push(`pool '${pool.name}': ${(err as Error)?.message ?? String(err)}`);
          continue;
        }
        counts.operations_created += result.created.length;
        for (const s of result.skipped) {
          if (s.code === 'SYNC_IN_PROGRESS') counts.skipped_active += 1;
          else if (s.code === 'ENDPOINT_OFFLINE') counts.skipped_offline += 1;
          else if (s.code !== 'NOTHING_TO_DO') counts.skipped_other += 1;
        }
      }
      if (failures.length > 0) throw new Error(`scheduled sync failed for ${failures.length} pool(s) (the others ran): ${failures.join('; ')}`);
      return counts;
    },
  };
}
