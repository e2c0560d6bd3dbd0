// `npm run bench [-- name …]`: runs every bench/*.bench.ts (or those whose file name contains one
// of the names), each in its own process so that a failing or crashing bench does not stop the
// others, then prints one table of every goal (bench, goal, measured, ours/floor, met/MISSED) and
// exits non-zero when any goal was missed or any bench failed. Each bench states its goals through
// bench/harness.ts; its own measurements are printed as it runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOALS_FILE_ENV, type GoalRow, goalTable } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error(`no bench matches ${only.join(', ')}`);
  process.exit(2);
}
const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-bench-'));
const rows: GoalRow[] = [];
const failed: string[] = [];
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const goals = path.join(dir, `${f}.jsonl`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'run-one.ts'), f], {
    stdio: 'inherit',
    env: { ...process.env, [GOALS_FILE_ENV]: goals },
  });
  const own = (() => {
    try {
      return readFileSync(goals, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as GoalRow);
    } catch {
      return [];
    }
  })();
  rows.push(...own);
  const name = f.replace(/\.bench\.ts$/, '');
  if (r.status !== 0 && !own.some((g) => !g.met)) {
    // Exited non-zero without a missed goal: it crashed (or could not measure).
    rows.push({ bench: name, goal: 'runs to the end', measured: r.signal ? `killed by ${r.signal}` : `exit ${r.status}`, ratio: '', met: false });
    failed.push(name);
  }
  console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
rmSync(dir, { recursive: true, force: true });
console.log('\n=== summary ===');
console.log(goalTable(rows));
const missed = rows.filter((r) => !r.met).length;
console.log(
  missed === 0 ? `all ${rows.length} goals met` : `${missed} of ${rows.length} goals MISSED${failed.length ? ` (failed: ${failed.join(', ')})` : ''}`,
);
process.exitCode = missed === 0 ? 0 : 1;
