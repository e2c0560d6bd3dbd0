// vercmp measured from outside, as a user of the library would see it (issue #17): a fresh Node
// process imports the BUILT package's exported `vercmp` (dist/src/index.js) and compares a corpus
// (a JSON array [a0, b0, a1, b1, …]) for ROUNDS passes, warm-up included — nothing is discarded.
// Plain JavaScript, no loader: the process holds only Node, the library and this loop. Prints
// "<ns per comparison, all> <ns, first K calls> <ns, last 10 rounds> <checksum>", the same
// numbers as test/support/alpm-vercmp.c --bench-split.
//   node cold-process.mjs LIBRARY CORPUS.json ROUNDS K [function|toplevel]
// `function` (the default) compares each chunk in a function, as any real caller (drift, a plan)
// does; `toplevel` runs the loop in the module's top-level code, which V8 runs in the interpreter
// until on-stack replacement — here after ~150,000 iterations, each calling vercmp without
// inlining at ~0.2 µs: the measuring loop's own cost, reported apart.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [lib, corpus, roundsArg, firstArg, mode = 'function'] = process.argv.slice(2);
const { vercmp } = await import(pathToFileURL(lib).href);
const s = JSON.parse(readFileSync(corpus, 'utf8'));
const rounds = Number(roundsArg);
const first = Number(firstArg);
const pairs = s.length / 2;
// The clock is read after every chunk of CHUNK calls into a preallocated array, from the very
// first chunk on: a clock call first reached after the loop was optimised (an `if` at call K, or at
// the last rounds) deoptimises it, and the rest would be measured in unoptimised code.
const CHUNK = 1000;
if (pairs % CHUNK !== 0 || first % CHUNK !== 0) throw new Error(`corpus and K must be multiples of ${CHUNK} pairs`);
const stamps = new Array(1 + (rounds * pairs) / CHUNK).fill(0n);
let n = 0;
let sum = 0;
stamps[n++] = process.hrtime.bigint();
function chunk(from, to) {
  let x = 0;
  for (let i = from; i < to; i += 2) x += vercmp(s[i], s[i + 1]) + 1;
  return x;
}
if (mode === 'function') {
  for (let r = 0; r < rounds; r++) {
    for (let c = 0; c < s.length; c += 2 * CHUNK) {
      sum += chunk(c, c + 2 * CHUNK);
      stamps[n++] = process.hrtime.bigint();
    }
  }
} else {
  for (let r = 0; r < rounds; r++) {
    for (let c = 0; c < s.length; c += 2 * CHUNK) {
      const end = c + 2 * CHUNK;
      for (let i = c; i < end; i += 2) sum += vercmp(s[i], s[i + 1]) + 1;
      stamps[n++] = process.hrtime.bigint();
    }
  }
}
const perRound = pairs / CHUNK;
const at = (chunks) => stamps[chunks];
const ns = (from, to, calls) => Number(at(to) - at(from)) / calls;
const last = stamps.length - 1;
console.log(`${ns(0, last, rounds * pairs)} ${ns(0, first / CHUNK, first)} ${ns(last - 10 * perRound, last, 10 * pairs)} ${sum}`);
