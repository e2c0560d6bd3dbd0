// The fleet simulator (bench/fleet, issue #17) as part of `npm run bench`, at a size that fits the
// bench run: by default 1,000 endpoints at time scale 10 — the request rate of 10,000 endpoints in
// real time (heartbeat 60 s, report 5 min), though over a tenth of the distinct endpoints and
// states — for 10 simulated minutes on SQLite. The goals: zero errors, p99 < 50 ms for every
// request kind, server below one core on average, RSS < 400 MiB. The full-size run is
// `npm run bench:fleet -- --endpoints 10000 --minutes 10 --engine sqlite` (its setup alone sends
// 10,000 full first reports). Knobs: BENCH_FLEET_ENDPOINTS, BENCH_FLEET_TIME_SCALE,
// BENCH_FLEET_MINUTES, BENCH_FLEET_ENGINE (sqlite | postgres).
import { type Engine, startFleet } from './fleet/fleet.js';
import { fleetGoals, printSummary, summarise } from './fleet/report.js';

const ENDPOINTS = Number(process.env.BENCH_FLEET_ENDPOINTS ?? 1000);
const TIME_SCALE = Number(process.env.BENCH_FLEET_TIME_SCALE ?? 10);
const MINUTES = Number(process.env.BENCH_FLEET_MINUTES ?? 10);
const ENGINE = (process.env.BENCH_FLEET_ENGINE ?? 'sqlite') as Engine;

export default async function bench(): Promise<void> {
  const fleet = await startFleet({ endpoints: ENDPOINTS, engine: ENGINE, timeScale: TIME_SCALE, log: (l) => console.log(l) });
  try {
    printSummary('setup (registrations and first full reports; not part of the goals)', summarise(fleet.setup), null);
    const sum = summarise(await fleet.run((MINUTES * 60_000) / TIME_SCALE));
    printSummary(
      `run: ${MINUTES} simulated minutes, ${ENDPOINTS} endpoints × time scale ${TIME_SCALE} on ${ENGINE}`,
      sum,
      await fleet.databaseBytes(),
    );
    fleetGoals(`fleet ${ENGINE} ${ENDPOINTS}×${TIME_SCALE}`, sum);
  } finally {
    await fleet.stop();
  }
}
