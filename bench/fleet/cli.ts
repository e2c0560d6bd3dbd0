// `npm run bench:fleet -- --endpoints N --minutes M --engine sqlite|postgres [--time-scale K]
//   [--workers W] [--json FILE]`: a simulated fleet against the built server (see fleet.ts).
// Prints the setup phase (registration and first full reports) and the measured run in one table
// per phase, writes everything to a JSON file, and exits 1 when a goal of issue #17 is missed
// (zero errors, p99 < 50 ms for every request kind, server < 1 core on average, RSS < 400 MiB).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Engine, startFleet } from './fleet.js';
import { fleetGoals, printSummary, summarise } from './report.js';

const { values } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '10' },
    engine: { type: 'string', default: 'sqlite' },
    'time-scale': { type: 'string', default: '1' },
    workers: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:fleet -- --endpoints N --minutes M --engine sqlite|postgres [--time-scale K] [--workers W] [--json FILE]\n' +
      '  --minutes is simulated time; with --time-scale K it runs M/K real minutes (K = 5: heartbeats every 12 s).',
  );
  process.exit(0);
}
const endpoints = Number(values.endpoints);
const minutes = Number(values.minutes);
const timeScale = Number(values['time-scale']);
const engine = (values.engine === 'pg' ? 'postgres' : values.engine) as Engine;
if (!(endpoints >= 1) || !(minutes > 0) || !(timeScale > 0) || !['sqlite', 'postgres'].includes(engine)) {
  console.error('bad arguments: --endpoints ≥ 1, --minutes > 0, --time-scale > 0, --engine sqlite|postgres');
  process.exit(2);
}
const jsonFile = values.json ?? `fleet-${engine}-${endpoints}.json`;

const fleet = await startFleet({
  endpoints,
  engine,
  timeScale,
  workers: values.workers ? Number(values.workers) : undefined,
  log: (l) => console.log(l),
});
try {
  const setup = summarise(fleet.setup);
  printSummary(`setup (${endpoints} registrations and first full reports; not part of the goals)`, setup, null);
  const runMs = (minutes * 60_000) / timeScale;
  console.log(
    `\nrunning ${minutes} simulated minutes at time scale ${timeScale} ` +
      `(${(runMs / 1000).toFixed(0)} s): load of ${endpoints * timeScale} endpoints in real time`,
  );
  const dbBefore = await fleet.databaseBytes();
  const stats = await fleet.run(runMs);
  const sum = summarise(stats);
  const dbBytes = await fleet.databaseBytes();
  printSummary(`run (${engine}, ${endpoints} endpoints, time scale ${timeScale})`, sum, dbBytes);
  // The week-long goal (< 2 GB on SQLite) needs retention; until then, the growth.
  const perDay = ((dbBytes - dbBefore) * 1440) / minutes;
  console.log(
    `database growth: ${((dbBytes - dbBefore) / 1048576).toFixed(1)} MiB in ${minutes} simulated minutes ` +
      `= ${(perDay / 1048576).toFixed(0)} MiB per simulated day (${(perDay / 1048576 / endpoints).toFixed(2)} MiB per endpoint-day)`,
  );
  const goals = fleetGoals(`fleet ${engine} ${endpoints}×${timeScale}`, sum);
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ options: { endpoints, minutes, engine, timeScale }, setup, run: sum, samples: stats.samples, databaseBytes: dbBytes, databaseBytesAfterSetup: dbBefore, databaseGrowthPerDayBytes: perDay, goals }, null, 2)}\n`,
  );
  console.log(`\nwritten: ${jsonFile}`);
} finally {
  await fleet.stop();
}
