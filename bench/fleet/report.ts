// The fleet simulator's results: one table (per request kind: count, rate, p50/p95/p99, errors by
// status), the server's CPU and RSS, the database size, a JSON document with all of it (and the
// CPU/RSS samples over time), and the goals of issue #17 through bench/harness.ts.
import Table from 'cli-table3';
import { fmt, goal, type GoalRow } from '../harness.js';
import { percentile } from './histogram.js';
import type { FleetStats } from './fleet.js';

export interface KindSummary {
  kind: string;
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: Record<string, number>;
}

export interface FleetSummary {
  wallSeconds: number;
  requests: number;
  requestsPerSecond: number;
  kinds: KindSummary[];
  errors: number;
  hash: FleetStats['hash'];
  upgrades: number;
  skippedBusy: number;
  unansweredAtStop: number;
  serverCpuCoresAverage: number;
  serverCpuCoresMax: number;
  rssBytesMax: number;
  rssBytesEnd: number;
}

export function summarise(s: FleetStats): FleetSummary {
  const kinds = Object.entries(s.kinds)
    .map(([kind, k]): KindSummary => {
      const count = k.latency.count;
      return {
        kind,
        count,
        perSecond: count / Math.max(1e-9, s.wallSeconds),
        p50: percentile(k.latency, 0.5),
        p95: percentile(k.latency, 0.95),
        p99: percentile(k.latency, 0.99),
        max: k.latency.maxMs,
        errors: Object.fromEntries(Object.entries(k.errors).map(([st, n]) => [st, n])),
      };
    })
    .sort((a, b) => b.count - a.count);
  const requests = kinds.reduce((n, k) => n + k.count, 0);
  const errors = kinds.reduce((n, k) => n + Object.values(k.errors).reduce((a, b) => a + b, 0), 0);
  const rss = s.samples.map((x) => x.rssBytes);
  return {
    wallSeconds: s.wallSeconds,
    requests,
    requestsPerSecond: requests / Math.max(1e-9, s.wallSeconds),
    kinds,
    errors,
    hash: s.hash,
    upgrades: s.upgrades,
    skippedBusy: s.skippedBusy,
    unansweredAtStop: s.unansweredAtStop,
    serverCpuCoresAverage: s.serverCpuSeconds / Math.max(1e-9, s.wallSeconds),
    serverCpuCoresMax: Math.max(0, ...s.samples.map((x) => x.cpuCores)),
    rssBytesMax: Math.max(0, ...rss),
    rssBytesEnd: rss.at(-1) ?? 0,
  };
}

const MiB = 1024 * 1024;

export function kindTable(sum: FleetSummary): string {
  const t = new Table({
    head: ['kind', 'requests', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors (status: n)'],
    style: { head: [], border: [] },
  });
  for (const k of sum.kinds) {
    const errs = Object.entries(k.errors)
      .map(([st, n]) => `${st === '0' ? 'no answer' : st}: ${n}`)
      .join(', ');
    t.push([k.kind, k.count, fmt(k.perSecond), fmt(k.p50), fmt(k.p95), fmt(k.p99), fmt(k.max), errs || '0']);
  }
  return t.toString();
}

export function printSummary(title: string, sum: FleetSummary, databaseBytes: number | null): void {
  console.log(`\n${title}: ${sum.requests} requests in ${sum.wallSeconds.toFixed(1)} s = ${fmt(sum.requestsPerSecond)}/s, ${sum.errors} errors`);
  console.log(kindTable(sum));
  const h = sum.hash;
  if (h.accepted + h.unknown + h.unsupported > 0) {
    console.log(
      `hash-only reports: ${h.accepted} accepted, ${h.unknown} unknown to the server (409 → full ` +
        `state), ${h.unsupported} refused as a bad request (400: a server without hash reports → full state)`,
    );
  }
  console.log(
    `state changes (upgrades of a handful of packages): ${sum.upgrades} packages; requests skipped because the machine's ` +
      `previous one was still unanswered: ${sum.skippedBusy}; unanswered when the run stopped: ${sum.unansweredAtStop}`,
  );
  if (sum.rssBytesMax > 0)
    console.log(
      `server: CPU ${fmt(sum.serverCpuCoresAverage)} cores on average (max ${fmt(sum.serverCpuCoresMax)} ` +
        `over 1 s), RSS max ${fmt(sum.rssBytesMax / MiB)} MiB (end ${fmt(sum.rssBytesEnd / MiB)} MiB)`,
    );
  if (databaseBytes !== null) console.log(`database size: ${fmt(databaseBytes / MiB)} MiB`);
}

export interface FleetGoals {
  p99Ms: number;
  cpuCores: number;
  rssBytes: number;
}

/** The goals for a fleet run: zero errors, p99 per kind, server CPU and RSS. */
export function fleetGoals(bench: string, sum: FleetSummary, g: FleetGoals = { p99Ms: 50, cpuCores: 1, rssBytes: 400 * MiB }): GoalRow[] {
  const rows: GoalRow[] = [];
  // A machine still waiting for its previous answer when the next request is due is a server
  // that does not keep up, even when nothing failed.
  rows.push(
    goal({
      bench,
      goal: 'zero errors, no machine left waiting',
      measured:
        `${sum.errors} errors in ${sum.requests} requests, ${sum.skippedBusy} due while ` +
        `the previous one was unanswered, ${sum.unansweredAtStop} unanswered at the stop`,
      ratio: '',
      met: sum.errors === 0 && sum.skippedBusy === 0 && sum.unansweredAtStop === 0 && sum.requests > 0,
    }),
  );
  const slow = sum.kinds.filter((k) => k.p99 >= g.p99Ms);
  const worst = [...sum.kinds].sort((a, b) => b.p99 - a.p99)[0];
  rows.push(
    goal({
      bench,
      goal: `p99 < ${g.p99Ms} ms for every request kind`,
      measured:
        slow.length === 0 ? `worst ${worst?.kind ?? '-'} ${fmt(worst?.p99 ?? 0)} ms` : slow.map((k) => `${k.kind} ${fmt(k.p99)} ms`).join(', '),
      ratio: '',
      met: slow.length === 0 && sum.kinds.length > 0,
    }),
  );
  rows.push(
    goal({
      bench,
      goal: `server CPU < ${g.cpuCores} core on average`,
      measured: `${fmt(sum.serverCpuCoresAverage)} cores`,
      ratio: '',
      met: sum.serverCpuCoresAverage < g.cpuCores,
    }),
  );
  rows.push(
    goal({
      bench,
      goal: `server RSS < ${fmt(g.rssBytes / MiB)} MiB`,
      measured: `${fmt(sum.rssBytesMax / MiB)} MiB max`,
      ratio: '',
      met: sum.rssBytesMax > 0 && sum.rssBytesMax < g.rssBytes,
    }),
  );
  return rows;
}
