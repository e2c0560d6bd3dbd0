// vercmp against libalpm's alpm_pkg_vercmp (the real library, in a C loop: test/support/alpm-vercmp.c),
// measured two ways in the same run (issue #17):
//
// 1. From outside, the way the issue measured it: a FRESH Node process imports the built package's
//    exported `vercmp` and compares a held-out corpus of 4,000 pairs (bench/vercmp/corpus.ts) for 50
//    passes, warm-up included; the C loop does the same over the same corpus. The first 10,000 calls
//    are reported apart from the steady state (the last 10 passes). Median of RUNS fresh processes.
// 2. In process, steady state: a long warm-up, then best of RUNS runs over 200,000 realistic pairs
//    (test/support/versions.ts), as this bench measured before.
//
// Why the two disagreed (0.95–1.15× here, 2.0–2.9× outside): (2) discards the warm-up, while a fresh
// process spends its first ~10,000–30,000 calls in V8's interpreter and baseline code at ~10× the
// C cost until the optimising compiler's code (compiled in the background, ~15–25 ms on this
// loaded 2-core VM) arrives — and 50 passes over 4,000 pairs are only 200,000 calls, so that start
// is a large part of the whole; the C loop has no warm-up. Corpus shape adds to it: a third of the
// bench's pairs are identical short strings (JSON.parse interns strings of ≤ 10 characters, so
// `a === b` is a pointer compare), fewer in the held-out corpus. Goals: ≤ 2× libalpm's time per
// comparison in both measurements (outside: all 50 passes, warm-up included).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vercmp } from '../src/core/vercmp.js';
import { alpmBench, alpmHarness, alpmVercmp, type Pair } from '../test/support/alpm.js';
import { realisticVersionPairs } from '../test/support/versions.js';
import { fmt, goal } from './harness.js';
import { heldOutPairs } from './vercmp/corpus.js';

const PAIRS = 200_000;
const ROUNDS = 10;
const RUNS = Number(process.env.BENCH_VERCMP_RUNS ?? 5);
const OUTSIDE_PASSES = 50;
const FIRST_CALLS = 10_000;
const GOAL = 2;
const LIBRARY = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
const COLD = fileURLToPath(new URL('./vercmp/cold-process.mjs', import.meta.url));

function timeOurs(pairs: readonly Pair[], rounds: number): { ns: number; checksum: number } {
  let checksum = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      checksum += vercmp(p[0], p[1]) + 1;
    }
  }
  const ns = Number(process.hrtime.bigint() - t0);
  return { ns: ns / (rounds * pairs.length), checksum };
}

interface Split {
  all: number;
  first: number;
  steady: number;
  checksum: number;
}

const parseSplit = (line: string): Split => {
  const [all, first, steady, checksum] = line.trim().split(' ').map(Number) as [number, number, number, number];
  return { all, first, steady, checksum };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function outside(binary: string): void {
  const pairs = heldOutPairs();
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-vercmp-'));
  try {
    const json = path.join(dir, 'corpus.json');
    writeFileSync(json, JSON.stringify(pairs.flat()));
    const input = Buffer.from(`${pairs.flat().join('\0')}\0`, 'utf8');
    const ours: Split[] = [];
    const topLevel: Split[] = [];
    const alpm: Split[] = [];
    // Fresh processes, alternating with the C loop so that load from elsewhere hits both. The
    // environment of a user's machine: no NODE_OPTIONS, no NODE_EXTRA_CA_CERTS (see Benchmarks).
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    for (let i = 0; i < RUNS; i++) {
      ours.push(
        parseSplit(
          execFileSync(process.execPath, [COLD, LIBRARY, json, String(OUTSIDE_PASSES), String(FIRST_CALLS), 'function'], { encoding: 'utf8', env }),
        ),
      );
      topLevel.push(
        parseSplit(
          execFileSync(process.execPath, [COLD, LIBRARY, json, String(OUTSIDE_PASSES), String(FIRST_CALLS), 'toplevel'], { encoding: 'utf8', env }),
        ),
      );
      alpm.push(parseSplit(execFileSync(binary, ['--bench-split', String(OUTSIDE_PASSES), String(FIRST_CALLS)], { input, encoding: 'utf8' })));
    }
    const identical = pairs.filter(([a, b]) => a === b).length;
    const expected = OUTSIDE_PASSES * alpmVercmp(pairs).reduce((s, r) => s + r + 1, 0);
    const checks = ours.every((o) => o.checksum === expected) && alpm.every((a) => a.checksum === expected);
    const m = (xs: Split[], k: keyof Split) => median(xs.map((x) => x[k]));
    console.log(
      `outside: held-out corpus of ${pairs.length} pairs (${identical} identical), ${OUTSIDE_PASSES} ` +
        `passes in a fresh process, median of ${RUNS} (checksums ${checks ? 'ok' : 'MISMATCH'})`,
    );
    console.log('                        pacsync ns/op   libalpm ns/op   ratio');
    for (const [label, k] of [
      ['all 50 passes', 'all'],
      [`first ${FIRST_CALLS} calls`, 'first'],
      ['steady (last 10)', 'steady'],
    ] as const) {
      console.log(`  ${label.padEnd(20)}  ${fmt(m(ours, k)).padStart(13)}   ${fmt(m(alpm, k)).padStart(13)}   ${fmt(m(ours, k) / m(alpm, k))}×`);
    }
    console.log(
      `  (the same loop at a module's top level, run by the interpreter until on-stack replacement: ` +
        `all ${fmt(m(topLevel, 'all'))} ns/op = ${fmt(m(topLevel, 'all') / m(alpm, 'all'))}×, ` +
        `first ${FIRST_CALLS} ${fmt(m(topLevel, 'first') / m(alpm, 'first'))}×, steady ${fmt(m(topLevel, 'steady') / m(alpm, 'steady'))}×)`,
    );
    const ratio = m(ours, 'all') / m(alpm, 'all');
    goal({
      bench: 'vercmp',
      goal: `outside (fresh process, ${pairs.length} held-out pairs × ${OUTSIDE_PASSES}, warm-up included) ≤ ${GOAL}× libalpm`,
      measured:
        `${fmt(m(ours, 'all'))} vs ${fmt(m(alpm, 'all'))} ns/op; first ${FIRST_CALLS} ` +
        `calls ${fmt(m(ours, 'first') / m(alpm, 'first'))}×, steady ${fmt(m(ours, 'steady') / m(alpm, 'steady'))}×`,
      ratio: `${fmt(ratio)}×`,
      met: ratio <= GOAL && checks,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function inProcess(binary: string): void {
  const pairs = realisticVersionPairs(PAIRS);
  const differing = pairs.filter(([a, b]) => a !== b);
  timeOurs(pairs, 3); // warm up the JIT: this measurement is the steady state on purpose
  let ours = Infinity;
  let oursDiffering = Infinity;
  let alpm = Infinity;
  let alpmDiffering = Infinity;
  let checksum = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = timeOurs(pairs, ROUNDS);
    ours = Math.min(ours, t.ns);
    checksum = t.checksum;
    oursDiffering = Math.min(oursDiffering, timeOurs(differing, ROUNDS).ns);
    alpm = Math.min(alpm, alpmBench(binary, pairs, ROUNDS));
    alpmDiffering = Math.min(alpmDiffering, alpmBench(binary, differing, ROUNDS));
  }
  const reference = alpmVercmp(pairs);
  const disagreements = pairs.filter(([a, b], i) => vercmp(a, b) !== reference[i]).length;
  const checksumOk = checksum === ROUNDS * reference.reduce((s, r) => s + r + 1, 0);
  console.log(
    `in process: ${pairs.length} realistic pairs (${pairs.length - differing.length} identical), warmed up, ` +
      `best of ${RUNS}; disagreements with libalpm ${disagreements} (checksum ${checksumOk ? 'ok' : 'MISMATCH'})`,
  );
  console.log(`  all pairs        pacsync ${fmt(ours)} ns/op   libalpm ${fmt(alpm)} ns/op   ${fmt(ours / alpm)}×`);
  console.log(
    `  differing pairs  pacsync ${fmt(oursDiffering)} ns/op   libalpm ${fmt(alpmDiffering)} ns/op   ${fmt(oursDiffering / alpmDiffering)}×`,
  );
  const worst = Math.max(ours / alpm, oursDiffering / alpmDiffering);
  goal({
    bench: 'vercmp',
    goal: `in process, steady state (all and differing pairs) ≤ ${GOAL}× libalpm`,
    measured: `${fmt(ours)} vs ${fmt(alpm)} ns/op; differing ${fmt(oursDiffering)} vs ${fmt(alpmDiffering)}`,
    ratio: `${fmt(worst)}× (worst)`,
    met: worst <= GOAL && disagreements === 0 && checksumOk,
  });
}

export default async function bench(): Promise<void> {
  const binary = alpmHarness();
  if (binary === null) throw new Error('the libalpm harness is needed for a ratio (apt-get install gcc libalpm-dev)');
  outside(binary);
  inProcess(binary);
}
