// A deterministic corpus of realistic Arch Linux version pairs (the shapes found in core, extra
// and the AUR), for benches and for differential tests on everyday input. Pairs mostly compare two
// versions of one package — the comparison drift computation makes — many of them identical.
import type { Pair } from './alpm.js';
import { rng } from './random.js';

type Shape = (n: number[], r: () => number) => string;

const hex = (r: () => number, len: number): string => {
  let s = '';
  for (let i = 0; i < len; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
};

// Each shape renders a version from a small vector of numbers, so a "newer" version is the same
// shape with one number changed. `n[5]` is the pkgrel.
const SHAPES: Shape[] = [
  (n) => `${n[0]}.${n[1]}.${n[2]}-${n[5]}`, // 2.42.1-1
  (n) => `${n[0]}.${n[1]}-${n[5]}`, // 3.11-2
  (n) => `${n[0]}.${n[1]}.${n[2]}.${n[3]}-${n[5]}`, // 1.2.3.4-1
  (n) => `${1 + (n[4]! % 3)}:${n[0]}.${n[1]}.${n[2]}-${n[5]}`, // 1:4.2.0-3
  (n) => `${n[0]}.${n[1]}.${n[2]}.arch${1 + (n[3]! % 3)}-${n[5]}`, // 6.9.7.arch1-1
  (n, r) => `r${n[0]! * 97 + n[1]!}.${hex(r, 7)}-${n[5]}`, // r1234.abcdef0-1
  (n, r) => `${n[0]}.${n[1]}.${n[2]}+r${n[3]}+g${hex(r, 9)}-${n[5]}`, // 1.2.3+r45+gabcdef012-1
  (n) => `20${10 + (n[0]! % 15)}${String(1 + (n[1]! % 12)).padStart(2, '0')}${String(1 + (n[2]! % 28)).padStart(2, '0')}-${n[5]}`, // 20240131-1
  (n) => `${n[0]}.${n[1]}${['alpha', 'beta', 'rc', 'pre'][n[3]! % 4]}${1 + (n[2]! % 5)}-${n[5]}`, // 2.0rc1-1
  (n) => `${n[0]}.${n[1]}_p${n[2]}-${n[5]}.${n[3]! % 3}`, // 9.6_p1-2.1
  (n) => `${n[0]}.${n[1]}.${n[2]}${'abcdefgh'[n[3]! % 8]}-${n[5]}`, // 1.1.1w-1
  (n) => `${n[0]}.${String(n[1]).padStart(2, '0')}-${n[5]}`, // 6.04-1 (leading zero)
];

function vector(r: () => number): number[] {
  const small = () => Math.floor(r() * r() * 40);
  return [small(), small(), small(), small(), Math.floor(r() * 3), 1 + Math.floor(r() * r() * 6)];
}

/** `count` version pairs; the same `seed` always gives the same corpus. */
export function realisticVersionPairs(count: number, seed = 20240601): Pair[] {
  const r = rng(seed);
  const pairs: Pair[] = [];
  while (pairs.length < count) {
    const shape = SHAPES[Math.floor(r() * SHAPES.length)]!;
    const n = vector(r);
    // The same random source for hex parts of both sides, so only the changed number differs.
    const hexSeed = Math.floor(r() * 2 ** 32);
    const a = shape(n, rng(hexSeed));
    const kind = r();
    if (kind < 0.35) {
      pairs.push([a, shape(n, rng(hexSeed))]); // unchanged package (equal, but not the same string)
      continue;
    }
    const m = [...n];
    const k = kind < 0.55 ? 5 : Math.floor(r() * 5); // pkgrel bump, or another number
    m[k] = Math.max(0, m[k]! + (r() < 0.7 ? 1 : -1) * (1 + Math.floor(r() * 3)));
    if (k === 5 && m[5] === 0) m[5] = 1;
    const b = r() < 0.05 ? shape(vector(r), rng(hexSeed + 1)) : shape(m, rng(hexSeed));
    pairs.push(r() < 0.5 ? [a, b] : [b, a]);
  }
  // Flat strings, as parsed input gives them (template literals build ropes).
  return JSON.parse(JSON.stringify(pairs)) as Pair[];
}
