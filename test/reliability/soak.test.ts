// Soak, part 1 of issue #16: the fleet simulator's agents (bench/fleet) against the built server
// as a real process, on SQLite and on PostgreSQL, for 10 minutes of fleet time each — heartbeats,
// 5-minute state reports (full after upgrades), status reads, set-latest, dry-run syncs and
// repository reports, as in bench/fleet/agent-worker.ts. Afterwards:
//   - zero 5xx (and no request without an answer): every answer's status goes into the report;
//   - every acknowledged report is in the database: per endpoint the count of stored report
//     states, each one's content hash, the current state's hash and its content hashed again
//     (support/acknowledged-check.ts, which also says how retention is allowed for);
//   - the server's RSS and its open file descriptors (/proc/<pid>/fd) are flat after warm-up:
//     sampled every second while the fleet plays; the first part of the run is warm-up (the
//     series recorded starts after it, and the reporter's slope leaves out a further fifth);
//     slope printed, limits below.
// Time is compressed (the driver's time scale): short (CI) 300 agents × 10 for 60 s, full 2,000
// agents × 2 for 300 s — the request rate of 3,000 and 4,000 agents in real time — so that both
// engines fit the suite's 20 minutes beside its other sections.
import { afterAll, describe, expect, it } from 'vitest';
import { type Fleet, type FleetStats, startFleet } from '../../bench/fleet/fleet.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/database.js';
import { recorder, sampleMemory, scale, scaled } from './report.js';
import { memorySlope } from './reporter.js';
import { checkAcknowledged } from './support/acknowledged-check.js';
import { sampleHeapAfterGc } from './support/heap-sampler.js';
import { freePort } from '../support/postgres.js';

const rec = recorder('soak');
const AGENTS = Number(process.env.RELIABILITY_SOAK_AGENTS ?? scaled(300, 2000));
const TIME_SCALE = Number(process.env.RELIABILITY_SOAK_TIME_SCALE ?? scaled(10, 2));
const FLEET_MINUTES = 10;
const RUN_MS = (FLEET_MINUTES * 60_000) / TIME_SCALE;
/**
 * Warm-up in wall-clock time, because what it waits for is the server's own: V8's old space and
 * SQLite's page cache fill for about 2.5 minutes whatever the time scale (see below). Full scale
 * waits half its 5 minutes and measures the other half; the short scale's minute cannot wait that
 * long, so it starts after 18 s and only catches a gross leak.
 */
const WARM_UP_MS = scale() === 'full' ? RUN_MS / 2 : 18_000;
const WARM_UP_LABEL = `${(WARM_UP_MS / 1000).toFixed(0)} s`;
const MiB = 1_048_576;
/**
 * RSS slope after warm-up (least squares, reporter.ts memorySlope). Measured on a healthy server
 * (SQLite, 300 agents × 10, 5 minutes): RSS climbs for about 2.5 minutes (V8's old space and
 * SQLite's 40 MB page cache filling: 256 → 500 MiB, up to ~150 MiB/min early on), then stays
 * within ±15 MiB. Full scale measures 2.5 minutes of samples after 2.5 minutes of warm-up: 48 MiB
 * per minute is 30 KB per full report (7 % of its ~400 KB body) or 4 KB per request at its ~190
 * requests/s — keeping any request's body or parsed state fails it, the heap's breathing does
 * not. A measured window that started at 1 minute (the first design) still caught the climb:
 * 85 MiB/min on SQLite once. The short scale's minute is warm-up throughout, so its limit only catches a gross leak
 * (a parsed state kept per full report is ~1 GiB/min).
 */
const RSS_LIMIT_BYTES_PER_MINUTE = scaled(384, 48) * MiB;
/**
 * The heap left after a full collection (support/heap-sampler.ts), sampled every 10 s (5 s at the
 * short scale): flat on a healthy server once its endpoints' caches are filled at setup, so the
 * limit is tight — 8 MiB per minute is under 1 KB kept per request at full scale.
 */
const HEAP_LIMIT_BYTES_PER_MINUTE = scaled(64, 8) * MiB;
const HEAP_SAMPLE_MS = scaled(5_000, 10_000);
/**
 * Open descriptors: the client pools keep their sockets open and the database pool is bounded,
 * so the count is flat; the fitted line may rise by at most this many over the measured window
 * (one leaked descriptor per few thousand requests would be well over it).
 */
const FD_GROWTH_LIMIT = 10;

/** Every answer of a phase into the report: status, and the error code for refusals. */
function recordStatuses(phase: string, s: FleetStats): { serverErrors: string[]; unanswered: number } {
  const serverErrors: string[] = [];
  let unanswered = 0;
  for (const [kind, k] of Object.entries(s.kinds)) {
    for (const [key, n] of Object.entries(k.statuses)) {
      const [status = '0', code] = key.split(' ');
      const st = Number(status);
      if (st === 0) {
        unanswered += n; // no answer at all: not a status the report can count, so a failed assertion
        continue;
      }
      for (let i = 0; i < n; i += 1) rec.request(st, code, `${phase} ${kind}: ${key}`);
      if (st >= 500) serverErrors.push(`${phase} ${kind}: ${key} × ${n}`);
    }
  }
  return { serverErrors, unanswered };
}

function errorsOf(phase: string, s: FleetStats): string[] {
  return Object.entries(s.kinds).flatMap(([kind, k]) => Object.entries(k.errors).map(([status, n]) => `${phase} ${kind} ${status}: ${n}`));
}

describe.each(DIALECTS)('soak (%s)', (dialect) => {
  let fleet: Fleet | null = null;
  let db: TestDatabase | null = null;
  afterAll(async () => {
    await fleet?.stop();
    await db?.destroy();
  });

  it(
    `${AGENTS} agents for ${FLEET_MINUTES} fleet minutes (time scale ${TIME_SCALE}): ` +
      `no 5xx, every acknowledged report stored, memory and descriptors flat`,
    { timeout: scaled(600_000, 900_000) },
    async () => {
      db = await createTestDatabase(dialect, { migrated: false });
      const inspectorPort = await freePort();
      const t0 = Date.now();
      fleet = await startFleet({
        endpoints: AGENTS,
        engine: dialect === 'pg' ? 'postgres' : 'sqlite',
        databaseUrl: db.url ?? undefined,
        // The server's default log level (info: a line per request), so the secret grep has them.
        serverEnv: {
          ...(dialect === 'sqlite' ? db.env : {}),
          PACSYNC_LOGGING_LEVEL: 'info',
          NODE_OPTIONS: `--inspect=127.0.0.1:${inspectorPort}`,
        },
        serverLog: rec.logSink(`server-${dialect}`),
        timeScale: TIME_SCALE,
        poolSize: 250,
        changeProbability: 0.2,
        // Every request answered before the database is read: an unanswered report might be stored
        // after the acknowledgements were taken (and is a failure of its own).
        drainSeconds: 300,
        log: (line) => console.log(`soak ${dialect}: ${line}`),
      });
      const f = fleet;
      const pid = f.serverPid as number;
      expect(pid).toBeGreaterThan(0);
      for (const k of [f.adminKey, f.enrollKey, ...f.endpoints.map((e) => e.key)]) rec.secret(k);
      expect(f.endpoints).toHaveLength(AGENTS);
      const setupSeconds = (Date.now() - t0) / 1000;

      // Sampled from the start, recorded after warm-up, and stopped before halt() lets the
      // requests in flight drain (a quieter server then would flatter the slope).
      const label = `server RSS after ${WARM_UP_LABEL} of warm-up, ${dialect}, ${AGENTS} agents × ${TIME_SCALE}`;
      const sampler = sampleMemory(label, 1000, pid);
      const heapLabel = `server heap after GC, after ${WARM_UP_LABEL} of warm-up, ${dialect}, ${AGENTS} agents × ${TIME_SCALE}`;
      const heapSampler = await sampleHeapAfterGc(heapLabel, inspectorPort, HEAP_SAMPLE_MS);
      f.start();
      await new Promise((resolve) => setTimeout(resolve, RUN_MS));
      const all = sampler.stop().samples;
      const heapAll = (await heapSampler.stop()).samples;
      const run = await f.halt();
      const samples = all.filter((s) => s.t >= WARM_UP_MS).map((s) => ({ ...s, t: s.t - WARM_UP_MS }));
      const heapSamples = heapAll.filter((s) => s.t >= WARM_UP_MS).map((s) => ({ ...s, t: s.t - WARM_UP_MS }));

      // Every answer's status, both phases.
      const setup = recordStatuses('setup', f.setup);
      const played = recordStatuses('run', run);
      const sent = Object.values(run.kinds).reduce((n, k) => n + k.latency.count, 0);
      expect([...setup.serverErrors, ...played.serverErrors]).toEqual([]);
      expect(setup.unanswered + played.unanswered + run.unansweredAtStop).toBe(0);
      expect([...errorsOf('setup', f.setup), ...errorsOf('run', run)]).toEqual([]);
      expect(run.fullReports).toBeGreaterThan(0);

      // Every acknowledged report, against the database.
      const checkStart = Date.now();
      const check = await checkAcknowledged(db.db, await f.acknowledged());
      const checkSeconds = (Date.now() - checkStart) / 1000;
      rec.lost(check.lost);
      rec.duplicates(check.duplicates);

      // Memory and descriptors after warm-up.
      const series = { label, samples, limitBytesPerMinute: RSS_LIMIT_BYTES_PER_MINUTE };
      rec.memory(series);
      const rssSlope = memorySlope(series) ?? NaN;
      const heapSeries = { label: heapLabel, samples: heapSamples, limitBytesPerMinute: HEAP_LIMIT_BYTES_PER_MINUTE };
      rec.memory(heapSeries);
      const heapSlope = memorySlope(heapSeries) ?? NaN;
      const fdSlope = memorySlope({ label: 'fds', samples: samples.map((s) => ({ t: s.t, rss: s.handles ?? 0 })) }) ?? NaN;
      const measuredMinutes = ((samples.at(-1)?.t ?? 0) - (samples[Math.floor(samples.length / 5)]?.t ?? 0)) / 60_000;
      const fdGrowth = fdSlope * measuredMinutes;
      const fds = samples.map((s) => s.handles ?? 0);
      const slowest = Object.entries(run.kinds).sort(([, a], [, b]) => b.latency.maxMs - a.latency.maxMs)[0];
      const summary = [
        `${dialect}: ${AGENTS} agents, ${FLEET_MINUTES} fleet minutes at time ` +
          `scale ${TIME_SCALE} (${(RUN_MS / 1000).toFixed(0)} s; scale ${scale()})`,
        `setup ${setupSeconds.toFixed(0)} s; run ${sent} requests ` +
          `(${(sent / run.wallSeconds).toFixed(0)}/s), ${run.fullReports} full reports, ${run.upgrades} upgrades; server ` +
          `CPU ${(run.serverCpuSeconds / run.wallSeconds).toFixed(2)} cores; slowest ` +
          `answer ${slowest?.[0]} ${((slowest?.[1].latency.maxMs ?? 0) / 1000).toFixed(1)} ` +
          `s; halt drained in ${(run.wallSeconds - RUN_MS / 1000).toFixed(0)} s`,
        `acknowledged ${check.acknowledgedStates} states of ${check.endpoints} endpoints, ` +
          `stored ${check.storedStates}, ${check.contentRehashed} current states re-hashed ` +
          `(${checkSeconds.toFixed(1)} s); lost ${check.lost}, duplicates ${check.duplicates}; retention ` +
          `deleted ${check.retentionDeleted}, missing put down to it ${check.missingByRetention}`,
        `RSS ${(all[0]!.rss / MiB).toFixed(0)} MiB at start, ${(samples[0]!.rss / MiB).toFixed(0)} ` +
          `→ ${(samples.at(-1)!.rss / MiB).toFixed(0)} MiB after warm-up ` +
          `(max ${(Math.max(...samples.map((s) => s.rss)) / MiB).toFixed(0)}), ` +
          `slope ${(rssSlope / MiB).toFixed(2)} MiB/min (limit ${RSS_LIMIT_BYTES_PER_MINUTE / MiB})`,
        `heap after GC ${(heapSamples[0]!.rss / MiB).toFixed(0)} → ${(heapSamples.at(-1)!.rss / MiB).toFixed(0)} MiB after warm-up ` +
          `(${heapSamples.length} samples), slope ${(heapSlope / MiB).toFixed(2)} MiB/min (limit ${HEAP_LIMIT_BYTES_PER_MINUTE / MiB})`,
        `open fds ${fds[0]} → ${fds.at(-1)} (min ${Math.min(...fds)}, max ${Math.max(...fds)}), fitted growth ` +
          `after warm-up ${fdGrowth.toFixed(1)} over ${measuredMinutes.toFixed(1)} min (limit ${FD_GROWTH_LIMIT})`,
      ];
      for (const line of summary) {
        console.log(`soak ${line}`);
        rec.note(line);
      }
      expect(check.samples).toEqual([]);
      expect(check.lost).toBe(0);
      expect(check.duplicates).toBe(0);
      expect(check.storedStates + check.missingByRetention).toBe(check.acknowledgedStates);
      expect(check.contentRehashed).toBe(AGENTS);
      expect(heapSlope).toBeLessThan(HEAP_LIMIT_BYTES_PER_MINUTE);
      expect(rssSlope).toBeLessThan(RSS_LIMIT_BYTES_PER_MINUTE);
      expect(fdGrowth).toBeLessThan(FD_GROWTH_LIMIT);
    },
  );
});
