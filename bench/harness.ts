// Goals of the benchmarks (issue #17): every bench states its goals through goal(), which prints
// the verdict, sets a non-zero exit status when one is missed, and — under `npm run bench`
// (bench/run.ts) — appends the row to the file named by PACSYNC_BENCH_GOALS, from which the run
// prints one summary table at the end.
import { appendFileSync } from 'node:fs';
import Table from 'cli-table3';

export interface GoalRow {
  bench: string;
  /** What must hold, e.g. "full report ≥ 300/s". */
  goal: string;
  /** What was measured, with its unit. */
  measured: string;
  /** ours / floor (or reference), when there is one. */
  ratio: string;
  met: boolean;
}

export const GOALS_FILE_ENV = 'PACSYNC_BENCH_GOALS';

/** Records one goal: printed now, in the summary later; a missed one makes the process exit 1. */
export function goal(row: GoalRow): GoalRow {
  console.log(`goal [${row.bench}] ${row.goal}: ${row.measured}${row.ratio ? ` (${row.ratio})` : ''} -> ${row.met ? 'met' : 'MISSED'}`);
  if (!row.met) process.exitCode = 1;
  const file = process.env[GOALS_FILE_ENV];
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
  return row;
}

/** `measured <= limit` (or >= for "at least" goals) as a GoalRow. */
export function atMost(bench: string, what: string, value: number, limit: number, unit: string, ratio = ''): GoalRow {
  return goal({ bench, goal: `${what} ≤ ${fmt(limit)} ${unit}`, measured: `${fmt(value)} ${unit}`, ratio, met: value <= limit });
}

export function atLeast(bench: string, what: string, value: number, limit: number, unit: string, ratio = ''): GoalRow {
  return goal({ bench, goal: `${what} ≥ ${fmt(limit)} ${unit}`, measured: `${fmt(value)} ${unit}`, ratio, met: value >= limit });
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  return a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : a >= 1 ? n.toFixed(2) : n.toFixed(3);
}

export function goalTable(rows: GoalRow[]): string {
  const t = new Table({ head: ['bench', 'goal', 'measured', 'ours/floor', 'verdict'], style: { head: [], border: [] } });
  for (const r of rows) t.push([r.bench, r.goal, r.measured, r.ratio, r.met ? 'met' : 'MISSED']);
  return t.toString();
}
