// A set-latest's pool-wide drift recomputation on SQLite: 500 members × 1,500 packages, each
// member's state stored as the server stores a report (full state_data plus its package index,
// migration 005). Measured twice in the same run, through the real DriftTracker:
//   - from the package index (what the tracker reads now);
//   - from the full state_data: the index set to NULL before each run, so the tracker falls back
//     to reading and JSON.parse-ing ~350 KB per member — what every member cost before the index —
//     and also stores the index it was missing (what the first recomputation after the upgrade
//     to migration 005 does).
// Each run switches the pool between two targets, so every member's summary is rewritten, as
// after a real set-latest. Prints per-member milliseconds and what a 10,000-member pool would take.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { encodePackageIndex } from '../src/core/package-index.js';
import type { PackageStateData, StatePackage } from '../src/core/package-state.js';
import { openDatabase } from '../src/db/database.js';
import { newId } from '../src/db/dialect.js';
import { loadMigrations } from '../src/db/migration.js';
import { Migrator } from '../src/db/migrator.js';
import { insertPackageState } from '../src/db/package-state.repository.js';
import { Notifier } from '../src/server/events/notifier.js';
import { DriftTracker } from '../src/server/services/drift-tracker.service.js';
import { generatePackages } from '../test/support/pacman-fixtures.js';
import { rng } from '../test/support/random.js';
import { fmt, goal } from './harness.js';

const MEMBERS = 500;
const PACKAGES = 1_500;
const FLEET = 10_000;
const RUNS = 3;

function makeStates(): { targets: [PackageStateData, PackageStateData]; members: PackageStateData[] } {
  const r = rng(5);
  const fixtures = generatePackages(PACKAGES + 50, 11);
  const repos = ['core', 'extra', 'extra', 'extra', 'multilib'];
  const all: [string, StatePackage][] = fixtures.map((f) => [
    f.name,
    {
      version: f.version,
      repository: r() < 0.01 ? null : (repos[Math.floor(r() * repos.length)] as string),
      size: f.isize,
      dependencies: f.depends,
      install_date: '2024-05-01T12:00:00Z',
      reason: r() < 0.2 ? 'explicit' : 'dependency',
      provides: f.provides,
    },
  ]);
  const meta = (n: number) => ({ total_packages: n, total_size: 0, capture_method: 'bench', excluded_packages: [] as string[] });
  const base = all.slice(0, PACKAGES);
  const targetA = { packages: Object.fromEntries(base), metadata: meta(PACKAGES) };
  // Target B: a tenth of the packages one release newer.
  const targetB = {
    packages: Object.fromEntries(base.map(([n, p], i) => [n, i % 10 === 0 ? { ...p, version: `${p.version}.1` } : p])),
    metadata: meta(PACKAGES),
  };
  const members: PackageStateData[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const packages: Record<string, StatePackage> = {};
    for (const [n, p] of base) if (r() > 0.002) packages[n] = r() < 0.01 ? { ...p, version: `${p.version}.2` } : p;
    for (const [n, p] of all.slice(PACKAGES)) if (r() < 0.1) packages[n] = p;
    members.push({ packages, metadata: meta(Object.keys(packages).length) });
  }
  return { targets: [targetA, targetB], members };
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-bench-'));
  const handle = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'bench.db') });
  try {
    await new Migrator(handle, await loadMigrations()).applyAll();
    const db = handle.db;
    const { targets, members } = makeStates();
    const poolId = newId();
    await db
      .insertInto('pools')
      .values({ id: poolId, name: 'bench', settings: { excluded_packages: ['linux*'] } as never })
      .execute();
    const targetIds = [newId(), newId()] as const;
    const now = new Date().toISOString();
    for (const [i, t] of targets.entries()) {
      await insertPackageState(db, {
        id: targetIds[i] as string,
        pool_id: poolId,
        endpoint_id: null,
        state_data: t,
        is_target: i === 0,
        created_at: now,
      });
    }
    let bytes = 0;
    let indexBytes = 0;
    await db.transaction().execute(async (trx) => {
      for (let m = 0; m < MEMBERS; m++) {
        const epId = newId();
        const stateId = newId();
        const s = members[m] as PackageStateData;
        bytes += JSON.stringify(s).length;
        indexBytes += (encodePackageIndex(s) ?? '').length;
        await trx
          .insertInto('endpoints')
          .values({ id: epId, name: `m${m}`, hostname: `m${m}.lan`, pool_id: poolId, api_key_hash: `h${m}` })
          .execute();
        await insertPackageState(trx, { id: stateId, pool_id: poolId, endpoint_id: epId, state_data: s, created_at: now });
        await trx.updateTable('endpoints').set({ current_state_id: stateId }).where('id', '=', epId).execute();
      }
    });
    console.log(
      `${MEMBERS} members × ~${PACKAGES} packages; state_data ${(bytes / MEMBERS / 1024).toFixed(0)} ` +
        `KB, package_index ${(indexBytes / MEMBERS / 1024).toFixed(0)} KB per member`,
    );

    const tracker = new DriftTracker({ db, clock: systemClock }, new Notifier(systemClock));
    let current = 0;
    const recompute = async (): Promise<number> => {
      current = 1 - current;
      const start = performance.now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('package_states').set({ is_target: false }).where('pool_id', '=', poolId).where('is_target', '=', true).execute();
        await trx
          .updateTable('package_states')
          .set({ is_target: true })
          .where('id', '=', targetIds[current] as string)
          .execute();
        const r = await tracker.recomputePool(trx, poolId, new Date());
        if (r?.members !== MEMBERS || r.changed !== MEMBERS) throw new Error(`expected ${MEMBERS} changed members, got ${JSON.stringify(r)}`);
      });
      return performance.now() - start;
    };
    const best = async (before?: () => Promise<void>): Promise<number> => {
      let ms = Infinity;
      for (let i = 0; i < RUNS; i++) {
        if (before) await before();
        ms = Math.min(ms, await recompute());
      }
      return ms;
    };

    await recompute(); // warm-up: both targets prepared and cached
    await recompute();
    const fromIndex = await best();
    const fromState = await best(async () => {
      await db.updateTable('package_states').set({ package_index: null }).where('endpoint_id', 'is not', null).execute();
    });
    const refilled = await db
      .selectFrom('package_states')
      .select('id')
      .where('endpoint_id', 'is not', null)
      .where('package_index', 'is not', null)
      .execute();
    if (refilled.length !== MEMBERS) throw new Error(`the fallback stored ${refilled.length} indexes, expected ${MEMBERS}`);

    const line = (label: string, ms: number) =>
      console.log(
        `${label}: ${ms.toFixed(0)} ms for ${MEMBERS} members = ${(ms / MEMBERS).toFixed(2)} ms/member ` +
          `→ ~${(((ms / MEMBERS) * FLEET) / 1000).toFixed(1)} s for ${FLEET.toLocaleString('en')}`,
      );
    line('full state_data + storing the index (before / first run after upgrade)', fromState);
    line('package_index (now)', fromIndex);
    console.log(`ratio: ${(fromState / fromIndex).toFixed(1)}× faster from the index (best of ${RUNS})`);
    // The stored index must keep paying for itself: a pool-wide recomputation from it at least
    // twice as fast as from full states.
    goal({
      bench: 'drift-recompute',
      goal: 'recomputation from package_index ≥ 2× faster than from full states',
      measured: `${fmt(fromIndex / MEMBERS)} vs ${fmt(fromState / MEMBERS)} ms/member`,
      ratio: `${fmt(fromIndex / fromState)}×`,
      met: fromState / fromIndex >= 2,
    });
  } finally {
    await handle.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
