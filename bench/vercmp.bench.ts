// vercmp throughput on a realistic corpus of Arch version pairs, against libalpm's own
// alpm_pkg_vercmp timed in C by the test harness looping internally (so process spawn does not
// count). Goal: ours within 2x of libalpm per comparison.
import { vercmp } from '../src/core/vercmp.js';
import { alpmBench, alpmHarness, alpmVercmp, type Pair } from '../test/support/alpm.js';
import { realisticVersionPairs } from '../test/support/versions.js';

const PAIRS = 200_000;
const ROUNDS = 10;
const RUNS = 5;
const GOAL = 2;

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

export default async function bench(): Promise<void> {
  const pairs = realisticVersionPairs(PAIRS);
  const identical = pairs.filter(([a, b]) => a === b).length;
  console.log(`corpus: ${pairs.length} realistic pairs (${identical} identical), ${ROUNDS} rounds per run, best of ${RUNS}`);

  const differing = pairs.filter(([a, b]) => a !== b);
  const binary = alpmHarness();

  timeOurs(pairs, 3); // warm up the JIT
  // Runs alternate between us and libalpm so that load from elsewhere on the machine hits both;
  // the best run of each counts.
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
    if (binary !== null) {
      alpm = Math.min(alpm, alpmBench(binary, pairs, ROUNDS));
      alpmDiffering = Math.min(alpmDiffering, alpmBench(binary, differing, ROUNDS));
    }
  }
  if (binary === null) {
    console.log(`pacsync vercmp: ${ours.toFixed(1)} ns/op, differing pairs ${oursDiffering.toFixed(1)} ns/op (libalpm harness unavailable: no ratio)`);
    return;
  }
  const reference = alpmVercmp(pairs);
  const disagreements = pairs.filter(([a, b], i) => vercmp(a, b) !== reference[i]).length;
  const expectedChecksum = ROUNDS * reference.reduce((s, r) => s + r + 1, 0);

  const ratio = ours / alpm;
  const ratioDiffering = oursDiffering / alpmDiffering;
  console.log(`disagreements with libalpm on the corpus: ${disagreements} (checksum ${checksum === expectedChecksum ? 'ok' : 'MISMATCH'})`);
  console.log(`all pairs:        pacsync ${ours.toFixed(1)} ns/op   libalpm ${alpm.toFixed(1)} ns/op   ratio ${ratio.toFixed(2)}x`);
  console.log(`differing pairs:  pacsync ${oursDiffering.toFixed(1)} ns/op   libalpm ${alpmDiffering.toFixed(1)} ns/op   ratio ${ratioDiffering.toFixed(2)}x`);
  const worst = Math.max(ratio, ratioDiffering);
  console.log(`goal: within ${GOAL}x of libalpm -> ${worst <= GOAL ? 'met' : 'NOT met'} (worst ratio ${worst.toFixed(2)}x)`);
}
