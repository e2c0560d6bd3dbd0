// Checks pacman's own `--print` does not make: pacman 6.0's --print skips the conflict check (it
// sets ALPM_TRANS_FLAG_NOCONFLICTS), so a package that conflicts with one that stays installed
// would only be refused once the real transaction starts. We make libalpm's check here
// (conflict.c: between incoming packages, and between incoming and installed packages not being
// replaced by a package of the same name, in both directions, by name or provision).
// Also here: which removals HoldPkg protects.
import { fnmatch } from '../../core/fnmatch.js';
import { dependencyOf, dependencySatisfiedBy } from '../../core/dependency.js';
import type { PacmanPackage } from '../../core/pacman/types.js';

export interface PackageConflict {
  /** The incoming package. */
  incoming: string;
  /** The other package: installed (and not replaced), or incoming too. */
  other: string;
  installed: boolean;
}

type Pkg = Pick<PacmanPackage, 'name' | 'version' | 'provides' | 'conflicts'>;

/** Whether `a` declares a conflict that `b` satisfies (by name or provision). libalpm does_conflict. */
function declaresConflict(a: Pkg, b: Pkg): boolean {
  if (a.name === b.name) return false;
  return a.conflicts.some((c) => dependencySatisfiedBy(c, b));
}

/** Package conflicts pacman would raise when installing `incoming` onto `installed`. */
export function findConflicts(incoming: readonly Pkg[], installed: readonly Pkg[]): PackageConflict[] {
  const out: PackageConflict[] = [];
  for (let i = 0; i < incoming.length; i++) {
    const a = incoming[i] as Pkg;
    for (let j = i + 1; j < incoming.length; j++) {
      const b = incoming[j] as Pkg;
      if (declaresConflict(a, b) || declaresConflict(b, a)) out.push({ incoming: a.name, other: b.name, installed: false });
    }
  }
  const replaced = new Set(incoming.map((p) => p.name));
  for (const a of incoming) {
    for (const b of installed) {
      if (replaced.has(b.name)) continue;
      if (declaresConflict(a, b) || declaresConflict(b, a)) out.push({ incoming: a.name, other: b.name, installed: true });
    }
  }
  return out;
}

/**
 * The removals HoldPkg keeps: every package matching a HoldPkg pattern (pacman matches them as
 * globs), and — so the removal stays consistent — every package in `removals` the kept ones need,
 * transitively (`deps` gives a package's dependency strings, `installed` who can satisfy them).
 */
export function heldRemovals(
  removals: readonly string[],
  holdPkg: readonly string[],
  installed: ReadonlyMap<string, Pkg & { depends: readonly string[] }>,
): string[] {
  const removing = new Set(removals);
  const held = new Set(removals.filter((n) => holdPkg.some((p) => fnmatch(p, n))));
  const queue = [...held];
  while (queue.length > 0) {
    const pkg = installed.get(queue.pop() as string);
    for (const d of pkg?.depends ?? []) {
      const dep = dependencyOf(d);
      for (const name of removing) {
        if (held.has(name)) continue;
        const candidate = installed.get(name);
        if (candidate !== undefined && dependencySatisfiedBy(dep, candidate)) {
          held.add(name);
          queue.push(name);
        }
      }
    }
  }
  return removals.filter((n) => held.has(n));
}
