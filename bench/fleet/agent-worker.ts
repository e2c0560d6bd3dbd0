// One worker process of the fleet simulator (started by fleet.ts with `fork`): it plays a slice of
// the fleet's agents over a keep-alive connection pool (undici), not one socket per agent. Each
// agent registers through the enrollment API, sends its first full state, then on its own clock:
// a heartbeat every 60 s (GET /endpoints/{id}, as the daemon does), a state report every 5 min
// (hash only when unchanged; the full state after a handful of upgrades, or when the server does
// not know the hash), and a status read (`pacsync status`) every 5 min; the worker adds its share
// of set-latest, dry-run sync and repository reports per minute. Times are divided by the time
// scale. Latencies go into per-kind histograms that the driver merges.
import { Pool } from 'undici';
import { rng } from '../../test/support/random.js';
import { emptyHistogram, type HistogramData, record } from './histogram.js';
import { type FleetSoftware, generateSoftware, type Machine, machineFor, repositoriesBody, stateBody, upgrade } from './machines.js';
import type { Acknowledged, KindStats, WorkerInit, WorkerMessage, WorkerStats } from './protocol.js';

interface Agent {
  n: number;
  id: string;
  key: string;
  machine: Machine;
  /** The content hash the server answered for the last full report. */
  hash: string | null;
  poolName: string;
  /** A report (state or repositories) is in flight: the server takes one per endpoint at a time. */
  reporting: boolean;
  /** What the server acknowledged (the reliability soak compares it with the database). */
  acked: Acknowledged;
  /** The daemon's loop is in a request (heartbeat or report): it is sequential, like the agent's. */
  daemonBusy: boolean;
  /** A `pacsync status` of this machine is in flight. */
  statusBusy: boolean;
}

let init: WorkerInit;
let pool: Pool;
let sw: FleetSoftware;
const agents: Agent[] = [];
let stats: WorkerStats = emptyStats();
let running = false;
let inflight = 0;
const r = rng(4242);

function emptyStats(): WorkerStats {
  return {
    kinds: {},
    hash: { accepted: 0, unknown: 0, unsupported: 0 },
    upgrades: 0,
    skippedBusy: 0,
    unansweredAtStop: 0,
    stateIds: [],
    fullReports: 0,
  };
}

function kind(name: string): KindStats {
  let k = stats.kinds[name];
  if (!k) stats.kinds[name] = k = { latency: emptyHistogram() as HistogramData, ok: 0, errors: {}, statuses: {} };
  return k;
}

interface Answer {
  status: number;
  body: any;
}

/** One request, timed and counted under `kindName`; network errors count as status 0. */
async function call(
  kindName: string,
  method: 'GET' | 'POST',
  path: string,
  key: string,
  body?: string,
  countError = (s: number) => s >= 400,
): Promise<Answer> {
  inflight += 1;
  const t0 = performance.now();
  let status = 0;
  let parsed: any = null;
  try {
    const res = await pool.request({
      method,
      path: `/api/v1${path}`,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body,
    });
    status = res.statusCode;
    const text = await res.body.text();
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  } catch {
    status = 0;
  } finally {
    inflight -= 1;
  }
  const k = kind(kindName);
  record(k.latency, performance.now() - t0);
  if (status === 0 || countError(status)) k.errors[status] = (k.errors[status] ?? 0) + 1;
  else k.ok += 1;
  const code = status >= 400 && typeof parsed?.error?.code === 'string' ? ` ${parsed.error.code as string}` : '';
  k.statuses[`${status}${code}`] = (k.statuses[`${status}${code}`] ?? 0) + 1;
  return { status, body: parsed };
}

async function fullReport(a: Agent, kindName: string): Promise<void> {
  const res = await call(kindName, 'POST', `/endpoints/${a.id}/state`, a.key, stateBody(sw, a.machine));
  if (res.status === 200 && res.body?.data) {
    a.hash = res.body.data.content_hash as string;
    a.acked.states[res.body.data.state_id as string] = a.hash;
    a.acked.last = a.hash;
    stats.fullReports += 1;
    if (res.body.data.changed && init.collectStateIds) stats.stateIds.push(res.body.data.state_id as string);
  }
}

/** The 5-minute report: hash only when nothing changed, else (or when refused) the full state. */
async function report(a: Agent): Promise<void> {
  if (a.reporting) {
    stats.skippedBusy += 1;
    return;
  }
  a.reporting = true;
  try {
    if (r() < init.changeProbability) {
      stats.upgrades += upgrade(sw, a.machine, r);
      a.hash = null;
    }
    if (a.hash !== null) {
      // 409 STATE_HASH_UNKNOWN: the server does not know it; 400: a server without hash reports.
      const res = await call(
        'report_hash',
        'POST',
        `/endpoints/${a.id}/state`,
        a.key,
        JSON.stringify({ content_hash: a.hash }),
        (s) => s >= 400 && s !== 409 && s !== 400,
      );
      if (res.status === 200) {
        stats.hash.accepted += 1;
        a.acked.last = a.hash;
        return;
      }
      if (res.status === 409 && res.body?.error?.code === 'STATE_HASH_UNKNOWN') stats.hash.unknown += 1;
      else if (res.status === 400) stats.hash.unsupported += 1;
      else if (res.status === 409) kind('report_hash').errors[409] = (kind('report_hash').errors[409] ?? 0) + 1;
      else return; // an error, counted already
    }
    await fullReport(a, 'report_full');
  } finally {
    a.reporting = false;
  }
}

async function register(n: number): Promise<void> {
  const poolName = init.pools[n % init.pools.length] as string;
  const name = `${init.namePrefix}-${String(n).padStart(5, '0')}`;
  const res = await call(
    'register',
    'POST',
    '/endpoints',
    init.enrollKey,
    JSON.stringify({ name, hostname: `${name}.fleet.invalid`, pool: poolName, system_info: { simulated: true } }),
  );
  if (res.status !== 200 && res.status !== 201) return;
  const id = res.body.data.id as string;
  const a: Agent = {
    n,
    id,
    key: res.body.data.api_key as string,
    machine: machineFor(sw, n),
    hash: null,
    poolName,
    reporting: false,
    daemonBusy: false,
    statusBusy: false,
    acked: { id, states: {}, last: null },
  };
  agents.push(a);
  await fullReport(a, 'report_initial');
}

/** Runs `jobs` with at most `limit` in flight. */
async function limited(count: number, limit: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

// A min-heap of (due time, agent index, event) keeps thousands of agents' clocks cheap.
type Event = 0 | 1 | 2; // heartbeat, report, status
const heapT: number[] = [];
const heapV: number[] = [];
function push(t: number, v: number): void {
  let i = heapT.length;
  heapT.push(t);
  heapV.push(v);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if ((heapT[p] as number) <= t) break;
    heapT[i] = heapT[p] as number;
    heapV[i] = heapV[p] as number;
    i = p;
  }
  heapT[i] = t;
  heapV[i] = v;
}
function pop(): void {
  const t = heapT.pop() as number;
  const v = heapV.pop() as number;
  if (heapT.length === 0) return;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= heapT.length) break;
    if (c + 1 < heapT.length && (heapT[c + 1] as number) < (heapT[c] as number)) c += 1;
    if ((heapT[c] as number) >= t) break;
    heapT[i] = heapT[c] as number;
    heapV[i] = heapV[c] as number;
    i = c;
  }
  heapT[i] = t;
  heapV[i] = v;
}

function periodMs(e: Event): number {
  const s = e === 0 ? init.heartbeatSeconds : e === 1 ? init.reportSeconds : init.statusSeconds;
  return (s * 1000) / init.timeScale;
}

async function loop(): Promise<void> {
  const start = performance.now();
  // Spread each agent's clocks over one period, as a fleet that has been running a while.
  agents.forEach((_, i) => {
    for (const e of [0, 1, 2] as Event[]) push(start + r() * periodMs(e), i * 3 + e);
  });
  const actionEvery = (perMinute: number) => (perMinute > 0 ? 60_000 / init.timeScale / perMinute : Infinity);
  const actions: { every: number; next: number; run: () => Promise<unknown> }[] = [
    { every: actionEvery(init.setLatestPerMinute), next: 0, run: () => setLatest() },
    {
      every: actionEvery(init.syncPerMinute),
      next: 0,
      run: () => {
        const a = pickAgent();
        return call('sync', 'POST', `/endpoints/${a.id}/sync`, a.key, JSON.stringify({ dry_run: true }));
      },
    },
    { every: actionEvery(init.repositoriesPerMinute), next: 0, run: () => repositories() },
  ];
  for (const a of actions) a.next = start + r() * Math.min(a.every, 60_000);
  while (running) {
    const now = performance.now();
    while (heapT.length > 0 && (heapT[0] as number) <= now) {
      const v = heapV[0] as number;
      pop();
      const agent = agents[Math.floor(v / 3)] as Agent;
      const e = (v % 3) as Event;
      push(now + periodMs(e), v);
      // A machine whose previous request is still unanswered does not pile up more (its daemon is
      // one sequential loop): the skip is counted, and in-flight requests stay bounded by the fleet.
      if (e === 2 ? agent.statusBusy : agent.daemonBusy) {
        stats.skippedBusy += 1;
        continue;
      }
      if (e === 2) agent.statusBusy = true;
      else agent.daemonBusy = true;
      const done = e === 2 ? () => void (agent.statusBusy = false) : () => void (agent.daemonBusy = false);
      (e === 0
        ? call('heartbeat', 'GET', `/endpoints/${agent.id}`, agent.key)
        : e === 1
          ? report(agent)
          : call('status', 'GET', `/endpoints/${agent.id}`, agent.key)
      ).then(done, done);
    }
    for (const a of actions) {
      if (now >= a.next) {
        a.next = now + a.every * (0.5 + r());
        void a.run();
      }
    }
    const wait = Math.max(1, Math.min(20, (heapT[0] ?? now + 20) - performance.now()));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const deadline = performance.now() + init.drainSeconds * 1000;
  while (inflight > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  stats.unansweredAtStop += inflight;
}

function pickAgent(): Agent {
  return agents[Math.floor(r() * agents.length)] as Agent;
}

async function setLatest(): Promise<void> {
  const a = pickAgent();
  await call('set_latest', 'POST', `/endpoints/${a.id}/set-latest`, a.key, JSON.stringify({ message: `fleet simulator: ${a.n}` }));
}

/** Like the agent, one report at a time per endpoint (the server refuses a second with 429). */
async function repositories(): Promise<void> {
  const a = pickAgent();
  if (a.reporting) {
    stats.skippedBusy += 1;
    return;
  }
  a.reporting = true;
  try {
    // As the agent does (src/agent/repositories-report.ts): by db_hash first; in full after a
    // 409 REPOSITORY_HASH_UNKNOWN (the first machine of its pool to report that database).
    const body = repositoryBody();
    const slim = await call('repositories_hash', 'POST', `/endpoints/${a.id}/repositories`, a.key, body.byHash, (s) => s >= 400 && s !== 409);
    if (slim.status === 409 && slim.body?.error?.code === 'REPOSITORY_HASH_UNKNOWN') {
      await call('repositories', 'POST', `/endpoints/${a.id}/repositories`, a.key, body.full);
    } else if (slim.status === 409) {
      kind('repositories_hash').errors[409] = (kind('repositories_hash').errors[409] ?? 0) + 1;
    }
  } finally {
    a.reporting = false;
  }
}

let repoGeneration = 0;
let repoCache: { generation: number; body: { full: string; byHash: string } } | null = null;
/** The mirror changes now and then: a new db_hash about every tenth report. */
function repositoryBody(): { full: string; byHash: string } {
  if (r() < 0.1) repoGeneration += 1;
  if (repoCache?.generation !== repoGeneration) {
    repoCache = {
      generation: repoGeneration,
      body: { full: repositoriesBody(sw, repoGeneration), byHash: repositoriesBody(sw, repoGeneration, { byHash: true }) },
    };
  }
  return repoCache.body;
}

function send(m: WorkerMessage): void {
  process.send?.(m);
}

process.on('message', (m: WorkerMessage) => {
  void (async () => {
    if (m.type === 'init') {
      init = m.init;
      pool = new Pool(init.url, {
        connections: init.connections,
        pipelining: 1,
        keepAliveTimeout: 60_000,
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      sw = generateSoftware(init.seed);
      await limited(init.count, init.setupConcurrency, (i) => register(init.first + i));
      const setup = stats;
      stats = emptyStats();
      send({ type: 'ready', stats: setup, endpoints: agents.map((a) => ({ id: a.id, pool: a.poolName, key: a.key })) });
    } else if (m.type === 'start') {
      running = true;
      void loop().then(() => send({ type: 'stopped' }));
    } else if (m.type === 'snapshot') {
      const s = stats;
      if (m.reset) stats = emptyStats();
      send({ type: 'stats', stats: s });
    } else if (m.type === 'acks') {
      send({ type: 'acked', endpoints: agents.map((a) => a.acked) });
    } else if (m.type === 'stop') {
      running = false;
    } else if (m.type === 'exit') {
      await pool.destroy(); // answers still owed are abandoned: they were counted at the stop
      process.exit(0);
    }
  })().catch((err: unknown) => {
    send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  });
});
send({ type: 'online' });
