// Retention as the seed's "Cleanup Old Data" says, on both engines: the service the daily job
// calls and `pacsync-server db cleanup`, on a database seeded with old and new rows of every table
// it touches (test/support/retention-seed.ts lists exactly what must go and what must stay).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetentionService } from '../../src/server/services/retention.service.js';
import { fakeClock } from '../support/clock.js';
import { DIALECTS, type TestDatabase, createTestDatabase } from '../support/database.js';
import { retainedIds, seedRetention } from '../support/retention-seed.js';
import { runServerCli } from '../support/server-process.js';

const EXPECTED = { package_states: 7, sync_operations: 3, system_events: 3, drift_history: 2, job_runs: 0 };

function without(all: string[], gone: string[]): string[] {
  return all.filter((id) => !gone.includes(id)).sort();
}

describe.each(DIALECTS)('retention on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(() => t.destroy());

  it(
    'deletes exactly the seed set, in small batches, keeping targets, current and revert ' +
      'states and error/critical events; a dry run deletes nothing and reports the same counts',
    async () => {
      const clock = fakeClock('2025-06-01T12:00:00.000Z');
      const seed = await seedRetention(t.db, clock.now());
      const before = await retainedIds(t.db);
      // Batches of 2: every table needs several delete statements, and pool A's page of old states
      // holds kept ones between deleted ones.
      const service = new RetentionService({ db: t.db, clock }, { maxStateHistory: 2, batchSize: 2 });

      const dry = await service.cleanup({ dryRun: true });
      expect(dry).toEqual(EXPECTED);
      expect(await retainedIds(t.db)).toEqual(before);

      const real = await service.cleanup({ actor: 'test' });
      expect(real).toEqual(dry);
      const after = await retainedIds(t.db);
      expect(after.package_states).toEqual(without(before.package_states, seed.deleted.package_states));
      expect(after.sync_operations).toEqual(without(before.sync_operations, seed.deleted.sync_operations));
      expect(after.drift_history).toEqual(without(before.drift_history, seed.deleted.drift_history));
      // The real run records itself: one retention_cleanup event besides the survivors.
      const audit = await t.db.selectFrom('system_events').selectAll().where('event_type', '=', 'retention_cleanup').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.user_id).toBe('test');
      expect(audit[0]?.details).toMatchObject(EXPECTED);
      expect(after.system_events).toEqual(without([...before.system_events, audit[0]?.id ?? ''], seed.deleted.system_events));
      for (const id of seed.protectedIds) expect(Object.values(after).flat()).toContain(id);

      // Nothing is left to do: a second run deletes nothing and records nothing.
      expect(await service.cleanup()).toEqual({ package_states: 0, sync_operations: 0, system_events: 0, drift_history: 0, job_runs: 0 });
    },
  );

  it('db cleanup: --dry-run --json prints the counts and deletes nothing; the real run deletes those; the table names each count', async () => {
    const seed = await seedRetention(t.db, new Date());
    const before = await retainedIds(t.db);
    const env = { ...t.env, PACSYNC_FEATURES_MAX_STATE_HISTORY: '2' };

    const dry = await runServerCli(['db', 'cleanup', '--dry-run', '--json'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ dry_run: true, counts: EXPECTED, total: 15 });
    expect(dry.stderr).toContain('pacsync-server: database: ');
    expect(await retainedIds(t.db)).toEqual(before);

    const human = await runServerCli(['db', 'cleanup', '--dry-run'], { env });
    expect(human.stdout).toMatch(/^TABLE +WOULD DELETE$/m);
    expect(human.stdout).toMatch(/^package_states +7$/m);
    expect(human.stdout).toMatch(/^sync_operations +3$/m);
    expect(human.stdout).toContain('dry run: 15 row(s) would be deleted, nothing was');

    const real = await runServerCli(['db', 'cleanup', '--json'], { env });
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toEqual({ dry_run: false, counts: EXPECTED, total: 15 });
    const after = await retainedIds(t.db);
    expect(after.package_states).toEqual(without(before.package_states, seed.deleted.package_states));
    expect(after.sync_operations).toEqual(without(before.sync_operations, seed.deleted.sync_operations));
    for (const id of seed.protectedIds) expect(Object.values(after).flat()).toContain(id);
    const audit = await t.db.selectFrom('system_events').select('user_id').where('event_type', '=', 'retention_cleanup').execute();
    expect(audit.map((a) => a.user_id)).toEqual([expect.stringMatching(/^cli/)]);
  });

  it('[retention] keys change what is kept', async () => {
    await seedRetention(t.db, new Date());
    // Events older than 1 day instead of 30: the info event of 29 days goes too; operations of
    // 89 days go with operations_days = 60.
    const env = { ...t.env, PACSYNC_FEATURES_MAX_STATE_HISTORY: '2', PACSYNC_RETENTION_EVENTS_DAYS: '2', PACSYNC_RETENTION_OPERATIONS_DAYS: '60' };
    const dry = await runServerCli(['db', 'cleanup', '--dry-run', '--json'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).counts).toEqual({ ...EXPECTED, system_events: 4, sync_operations: 4 });
    const bad = await runServerCli(['db', 'cleanup'], { env: { ...t.env, PACSYNC_RETENTION_EVENTS_DAYS: '0' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'pacsync-server: configuration error: retention.events_days must be an integer from 1 to 36500, got "0" (from PACSYNC_RETENTION_EVENTS_DAYS)\n',
    );
  });
});
