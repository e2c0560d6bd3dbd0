// The fleet simulator (bench/fleet, `npm run bench:fleet`) end to end at a tiny size, so that a
// change that breaks the driver, the wire format it speaks or the server under it fails `npm test`
// instead of the next benchmark run: 20 endpoints register through the enrollment API against the
// built server (a real process), send their first full states, then a compressed minute and a
// half of heartbeats, reports (hash-only when unchanged, full after upgrades or when the server
// does not take the hash), status reads, set-latest, dry-run syncs and repository reports.
// Nothing here is timed: every request must succeed and every accepted state must be stored.
import { afterAll, describe, expect, it } from 'vitest';
import { type Fleet, startFleet } from '../../bench/fleet/fleet.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/database.js';

describe.each(DIALECTS)('fleet simulator smoke (%s)', (dialect) => {
  let fleet: Fleet | null = null;
  let db: TestDatabase | null = null;
  afterAll(async () => {
    await fleet?.stop();
    await db?.destroy();
  });

  it('registers 20 endpoints, plays them with zero errors, and every accepted report is stored', { timeout: 120_000 }, async () => {
    db = dialect === 'pg' ? await createTestDatabase('pg', { migrated: false }) : null;
    fleet = await startFleet({
      endpoints: 20,
      engine: dialect === 'pg' ? 'postgres' : 'sqlite',
      databaseUrl: db?.url ?? undefined,
      workers: 2,
      timeScale: 60,
      changeProbability: 0.3,
      setLatestPerMinute: 1,
      syncPerMinute: 1,
      repositoriesPerMinute: 1,
      collectStateIds: true,
    });
    expect(fleet.endpoints).toHaveLength(20);
    expect(fleet.setup.kinds.register?.ok).toBe(20);
    expect(fleet.setup.kinds.report_initial?.ok).toBe(20);

    const run = await fleet.run(5_000);
    const errors = Object.entries(run.kinds).flatMap(([kind, k]) => Object.entries(k.errors).map(([status, n]) => `${kind} ${status}: ${n}`));
    expect(errors).toEqual([]);
    expect(run.unansweredAtStop).toBe(0);
    expect(run.kinds.heartbeat?.ok).toBeGreaterThanOrEqual(20);
    // Every 5-minute report is hash-only first when nothing changed; each outcome is counted.
    const hashSent = run.kinds.report_hash?.latency.count ?? 0;
    expect(hashSent).toBeGreaterThan(0);
    expect(run.hash.accepted + run.hash.unknown + run.hash.unsupported).toBe(hashSent);
    expect(run.kinds.report_full?.ok ?? 0).toBeGreaterThan(0);

    const ids = [...fleet.setup.stateIds, ...run.stateIds];
    expect(ids.length).toBeGreaterThanOrEqual(20);
    expect(await fleet.storedStates(ids)).toBe(ids.length);
  });
});
