// The HELD-OUT corpus of the outside vercmp measurement (issue #17): 4,000 pairs that are not the
// bench's own generated shapes (test/support/versions.ts), but two snapshots of a generated
// 14,000-package repository as a mirror update would give them — each package's version today
// against its version after the update: mostly unchanged, else a pkgrel bump, a new upstream
// release, now and then an epoch or a rewritten version — mixed with realistic pairs of another
// seed than the bench's corpus.
import type { Pair } from '../../test/support/alpm.js';
import { generatePackages } from '../../test/support/pacman-fixtures.js';
import { rng } from '../../test/support/random.js';
import { realisticVersionPairs } from '../../test/support/versions.js';

export function heldOutPairs(count = 4000, seed = 314): Pair[] {
  const r = rng(seed);
  const packages = generatePackages(count, seed);
  const pairs: Pair[] = [];
  for (const p of packages.slice(0, Math.ceil(count / 2))) {
    const v = p.version;
    const dash = v.lastIndexOf('-');
    const x = r();
    const next =
      x < 0.45
        ? v
        : x < 0.7
          ? `${v.slice(0, dash)}-${Number(v.slice(dash + 1)) + 1}`
          : x < 0.94
            ? v.replace(/(\d+)(?=[^\d]*-)/, (m) => String(Number(m) + 1))
            : x < 0.96
              ? `${1 + Math.floor(r() * 2)}:${v.replace(/^\d+:/, '')}`
              : (packages[Math.floor(r() * packages.length)]?.version ?? v);
    pairs.push(r() < 0.5 ? [v, next] : [next, v]);
  }
  pairs.push(...realisticVersionPairs(count - pairs.length, seed));
  // Shuffled, and flat strings as JSON.parse gives them.
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j] as Pair, pairs[i] as Pair];
  }
  return JSON.parse(JSON.stringify(pairs)) as Pair[];
}
