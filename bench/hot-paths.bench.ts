// The server's hot paths at fleet scale (issue #17), each beside its floor measured in the same
// run (bench/hot-paths/floor-server.ts: a bare Fastify route doing the least I/O the path could
// ever do), on SQLite and on PostgreSQL (a private cluster), against the built server as its own
// process with 10,000 endpoints (bench/hot-paths/site.ts). Goals (the Targets; PostgreSQL
// within 1.5× of them): full 1,500-package report ≥ 300/s and faster than the naive floor;
// unchanged (hash-only) report ≥ 2,000/s; endpoint status ≥ 1,500/s; endpoint list page with
// filters p99 < 15 ms; set-latest on 1,000 members < 1 s; repository analysis of 50 members ×
// 14,000 packages < 2 s; state diff of two 1,500-package states < 20 ms. The pool page has no
// goal of its own (ratio only). Each missed goal is MISSED and the exit status non-zero.
// Knobs: BENCH_HOT_SECONDS (per throughput path, default 4), BENCH_HOT_ENGINES (sqlite,postgres),
// BENCH_HOT_MEMBERS (1000), BENCH_HOT_ENDPOINTS (10000), BENCH_HOT_CONCURRENCY (8).
import { rng } from '../test/support/random.js';
import { startPostgres } from '../test/support/postgres.js';
import { generateSoftware, repositoriesBody, stateBody, upgrade } from './fleet/machines.js';
import { fmt, goal } from './harness.js';
import { closedLoop, type LoadResult, timed } from './hot-paths/load.js';
import { type Engine, type Site, startSite } from './hot-paths/site.js';

const SECONDS = Number(process.env.BENCH_HOT_SECONDS ?? 4);
const ENGINES = (process.env.BENCH_HOT_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
const MEMBERS = Number(process.env.BENCH_HOT_MEMBERS ?? 1000);
const ENDPOINTS = Number(process.env.BENCH_HOT_ENDPOINTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_HOT_CONCURRENCY ?? 8);
const PATHS = process.env.BENCH_HOT_PATHS?.split(',') ?? null;
const PG_FACTOR = 1.5;

/** BENCH_HOT_PATHS=full,hash,status,list,pool,set-latest,analysis,diff: only those paths (all by default). */
const want = (p: string) => PATHS === null || PATHS.includes(p);

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

function why(r: { errors: Record<number, number> | number; firstError: string | null }): string {
  const n = typeof r.errors === 'number' ? r.errors : Object.values(r.errors).reduce((a, b) => a + b, 0);
  return n > 0 ? `; ${n} errors, first: ${r.firstError}` : '';
}

async function measure(site: Site, sw: ReturnType<typeof generateSoftware>): Promise<void> {
  const bench = `hot-paths ${site.engine}`;
  const factor = site.engine === 'postgres' ? PG_FACTOR : 1;
  const rate = (what: string, target: number, ours: LoadResult, floor: LoadResult) =>
    goal({
      bench,
      goal: `${what} ≥ ${fmt(target / factor)}/s`,
      measured: `${fmt(ours.perSecond)}/s (floor ${fmt(floor.perSecond)}/s)${why(ours)}`,
      ratio: `${fmt(ours.perSecond / Math.max(1e-9, floor.perSecond))}×`,
      met: ours.perSecond >= target / factor && Object.keys(ours.errors).length === 0,
    });
  const r = rng(99);

  // Full report: each member's own state after a handful of upgrades, so every report is new
  // content that differs from its predecessor as a real upgrade does. The same bodies go to the floor.
  const byClient = (c: number, seq: number) => site.members[(c + seq * CONCURRENCY) % site.members.length] as Site['members'][number];
  const fullBody = (c: number, seq: number) => {
    const m = byClient(c, seq);
    upgrade(sw, m.machine, r);
    return { m, body: stateBody(sw, m.machine) };
  };
  if (want('full')) {
    const ours = await closedLoop(site.url, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      next: (c, seq) => {
        const { m, body } = fullBody(c, seq);
        return { method: 'POST', path: `/api/v1/endpoints/${m.id}/state`, headers: auth(m.key), body };
      },
      onAnswer: (c, seq, status, text) => {
        if (status !== 200) return;
        const d = JSON.parse(text).data;
        Object.assign(byClient(c, seq), { hash: d.content_hash, stateId: d.state_id });
      },
    });
    const floor = await closedLoop(site.floorUrl, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      next: (c, seq) => ({ method: 'POST', path: `/floor/state/${byClient(c, seq).id}`, body: fullBody(c, seq).body }),
    });
    rate('full 1,500-package report', 300, ours, floor);
    goal({
      bench,
      goal: 'full report faster than the naive floor',
      measured: `${fmt(ours.perSecond)}/s vs ${fmt(floor.perSecond)}/s`,
      ratio: `${fmt(ours.perSecond / Math.max(1e-9, floor.perSecond))}×`,
      met: ours.perSecond > floor.perSecond,
    });
  }

  // Unchanged report: the hash of the endpoint's current state and nothing else.
  if (want('hash')) {
    await fetch(`${site.floorUrl}/floor/setup`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoints: site.members.map((m) => ({ id: m.id, content_hash: m.hash })) }),
    });
    const hashOurs = await closedLoop(site.url, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      next: (c, seq) => {
        const m = byClient(c, seq);
        return { method: 'POST', path: `/api/v1/endpoints/${m.id}/state`, headers: auth(m.key), body: JSON.stringify({ content_hash: m.hash }) };
      },
    });
    const hashFloor = await closedLoop(site.floorUrl, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      next: (c, seq) => {
        const m = byClient(c, seq);
        return { method: 'POST', path: `/floor/hash/${m.id}`, body: JSON.stringify({ content_hash: m.hash }) };
      },
    });
    rate('unchanged report (hash only)', 2000, hashOurs, hashFloor);
  }

  // Reads: the floor serves the very bytes the server answered, by primary key.
  const rows: { id: string; data: string }[] = [];
  const get = async (p: string, key = site.adminKey) => (await fetch(`${site.url}/api/v1${p}`, { headers: auth(key) })).text();
  const sample = site.members.slice(0, 50);
  for (const m of sample) rows.push({ id: `ep-${m.id}`, data: await get(`/endpoints/${m.id}`, m.key) });
  const lists = [
    `/endpoints?pool_id=${site.listPoolId}&status=online&sort=last_seen&order=desc&limit=50`,
    '/endpoints?sync_status=behind&sort=name&limit=50&offset=500',
    '/endpoints?search=host-01&limit=50',
    '/endpoints?status=offline&sort=status&limit=50&offset=1000',
  ];
  const listIds: string[][] = [];
  for (const l of lists) {
    const d = JSON.parse(await get(l)).data as { items: { id: string }[] };
    listIds.push(d.items.map((i) => `li-${i.id}`));
    for (const it of d.items) rows.push({ id: `li-${it.id}`, data: JSON.stringify(it) });
  }
  rows.push({ id: 'pool', data: await get(`/pools/${site.memberPoolId}`) });
  for (let i = 0; i < rows.length; i += 20)
    await fetch(`${site.floorUrl}/floor/setup`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows: rows.slice(i, i + 20) }),
    });

  if (want('status')) {
    const statusOurs = await closedLoop(site.url, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      next: (c, seq) => {
        const m = sample[(c + seq * CONCURRENCY) % sample.length]!;
        return { method: 'GET', path: `/api/v1/endpoints/${m.id}`, headers: auth(m.key) };
      },
    });
    const statusFloor = await closedLoop(site.floorUrl, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      next: (c, seq) => ({ method: 'GET', path: `/floor/rows/ep-${sample[(c + seq * CONCURRENCY) % sample.length]!.id}` }),
    });
    rate('endpoint detail/status', 1500, statusOurs, statusFloor);
  }

  // Latency paths at low concurrency (2 clients, as a few operators' browsers), p99 goals.
  if (want('list')) {
    const listOurs = await closedLoop(site.url, {
      seconds: SECONDS,
      concurrency: 2,
      next: (c, seq) => ({ method: 'GET', path: `/api/v1${lists[(c + seq) % lists.length]}`, headers: auth(site.adminKey) }),
    });
    const listFloor = await closedLoop(site.floorUrl, {
      seconds: SECONDS,
      concurrency: 2,
      next: (c, seq) => ({ method: 'GET', path: `/floor/page?ids=${listIds[(c + seq) % lists.length]!.join(',')}` }),
    });
    goal({
      bench,
      goal: `endpoint list page (filters, ${ENDPOINTS} endpoints) p99 < ${fmt(15 * factor)} ms`,
      measured: `p99 ${fmt(listOurs.p99)} ms, p50 ${fmt(listOurs.p50)} ms (floor p99 ${fmt(listFloor.p99)} ms)${why(listOurs)}`,
      ratio: `${fmt(listOurs.p99 / Math.max(1e-9, listFloor.p99))}×`,
      met: listOurs.p99 < 15 * factor && Object.keys(listOurs.errors).length === 0,
    });
  }
  if (want('pool')) {
    const poolOurs = await closedLoop(site.url, {
      seconds: SECONDS / 2,
      concurrency: 2,
      next: () => ({ method: 'GET', path: `/api/v1/pools/${site.memberPoolId}`, headers: auth(site.adminKey) }),
    });
    const poolFloor = await closedLoop(site.floorUrl, {
      seconds: SECONDS / 2,
      concurrency: 2,
      next: () => ({ method: 'GET', path: '/floor/rows/pool' }),
    });
    console.log(
      `pool page (${MEMBERS} members): ${fmt(poolOurs.perSecond)}/s, p99 ${fmt(poolOurs.p99)} ms; floor ${fmt(poolFloor.perSecond)}/s, ` +
        `p99 ${fmt(poolFloor.p99)} ms; ours/floor ${fmt(poolOurs.p99 / Math.max(1e-9, poolFloor.p99))}× (p99)${why(poolOurs)}`,
    );
  }
  // Set-latest: a different member each time, so the target changes and all drift is recomputed.
  if (want('set-latest')) {
    const summaries = site.members.map((m) =>
      JSON.stringify({
        endpoint_id: m.id,
        sync_status: 'behind',
        package_summary: {
          total_packages: 1500,
          target_packages: 1500,
          in_sync: 1490,
          missing: 0,
          behind: 10,
          ahead: 0,
          extra: 0,
          foreign: 0,
          excluded: 0,
        },
      }),
    );
    await fetch(`${site.floorUrl}/floor/setup`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ id: 'member-state', data: stateBody(sw, site.members[1]!.machine) }] }),
    });
    const setOurs = await timed(site.url, 3, (i) => {
      const m = site.members[1 + i * 7]!;
      return { method: 'POST', path: `/api/v1/endpoints/${m.id}/set-latest`, headers: auth(m.key), body: JSON.stringify({ message: `bench ${i}` }) };
    });
    const setFloor = await timed(site.floorUrl, 3, () => ({
      method: 'POST',
      path: '/floor/set-latest',
      body: JSON.stringify({ state_row: 'member-state', summaries }),
    }));
    goal({
      bench,
      goal: `set-latest on ${MEMBERS} members < ${fmt(1000 * factor)} ms`,
      measured: `${fmt(setOurs.median)} ms median, max ${fmt(setOurs.max)} (floor ${fmt(setFloor.median)} ms)${why(setOurs)}`,
      ratio: `${fmt(setOurs.median / Math.max(1e-9, setFloor.median))}×`,
      met: setOurs.median < 1000 * factor && setOurs.errors === 0,
    });
  }

  // Repository analysis: 50 members × 14,000 packages; the floor reads the same 50 reports.
  if (want('analysis')) {
    const repoRows = [0, 1, 2].map((g) => ({ id: `repo-${g}`, data: repositoriesBody(sw, g) }));
    for (const row of repoRows)
      await fetch(`${site.floorUrl}/floor/setup`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rows: [row] }),
      });
    const anOurs = await timed(site.url, 3, () => ({
      method: 'POST',
      path: `/api/v1/pools/${site.analysisPoolId}/analyze`,
      headers: auth(site.adminKey),
      body: '{}',
    }));
    const anIds = site.analysis.map((_, i) => `repo-${i % 3}`).join(',');
    const anFloor = await timed(site.floorUrl, 3, () => ({ method: 'GET', path: `/floor/read?ids=${anIds}` }));
    goal({
      bench,
      goal: `repository analysis, ${site.analysis.length} members × 14,000 packages < ${fmt(2000 * factor)} ms`,
      measured: `${fmt(anOurs.median)} ms median (floor ${fmt(anFloor.median)} ms)${why(anOurs)}`,
      ratio: `${fmt(anOurs.median / Math.max(1e-9, anFloor.median))}×`,
      met: anOurs.median < 2000 * factor && anOurs.errors === 0,
    });
  }

  // State diff of two members' 1,500-package states; the floor reads both rows.
  if (want('diff')) {
    const [a, b] = [site.members[2]!, site.members[3]!];
    await fetch(`${site.floorUrl}/floor/setup`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [
          { id: 'sa', data: stateBody(sw, a.machine) },
          { id: 'sb', data: stateBody(sw, b.machine) },
        ],
      }),
    });
    const diffOurs = await timed(site.url, 20, () => ({
      method: 'GET',
      path: `/api/v1/states/${a.stateId}/diff/${b.stateId}`,
      headers: auth(site.adminKey),
    }));
    const diffFloor = await timed(site.floorUrl, 20, () => ({ method: 'GET', path: '/floor/read?ids=sa,sb' }));
    goal({
      bench,
      goal: `state diff, two 1,500-package states < ${fmt(20 * factor)} ms`,
      measured: `${fmt(diffOurs.median)} ms median, max ${fmt(diffOurs.max)} (floor ${fmt(diffFloor.median)} ms)${why(diffOurs)}`,
      ratio: `${fmt(diffOurs.median / Math.max(1e-9, diffFloor.median))}×`,
      met: diffOurs.median < 20 * factor && diffOurs.errors === 0,
    });
  }
}

export default async function bench(): Promise<void> {
  const sw = generateSoftware();
  const cluster = ENGINES.includes('postgres') ? await startPostgres({ maxConnections: 100 }) : null;
  try {
    for (const engine of ENGINES) {
      const site = await startSite(engine, { sw, endpoints: ENDPOINTS, members: MEMBERS, pgAdminUrl: cluster?.adminUrl, log: (l) => console.log(l) });
      try {
        await measure(site, sw);
      } finally {
        await site.stop();
      }
    }
  } finally {
    await cluster?.remove();
  }
}
