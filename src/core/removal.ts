// Which packages a sync with remove_extra removes. The extras (explicit, not in the target) go,
// together with what `pacman -Rs` would take with them: installed dependencies (reason
// dependency) that nothing staying needs — libalpm's _alpm_recursedeps / can_remove_package. We
// differ from plain -Rs on purpose: a package of the target or an excluded one is never taken.
// An extra that a staying package needs (an excluded package, a dependency of a kept newer
// version…) is kept, as `pacman -R` would refuse to break it; keeping it may keep its own
// dependencies, so the whole selection is recomputed until nothing more must be kept.
import { SatisfierIndex } from './consistency.js';
import { dependencyOf } from './dependency.js';
import type { Exclusions } from './exclusions.js';
import type { StatePackage } from './package-state.js';

export interface RemovalSelection {
  /** In removal order: the extras first, then the orphans they leave. */
  remove: { name: string; reason: 'extra' | 'orphan' }[];
  /** Extras kept because a staying package depends on them. */
  kept: { name: string; required_by: string[] }[];
}

const own = (rec: Readonly<Record<string, StatePackage>>, name: string): StatePackage | undefined =>
  Object.prototype.hasOwnProperty.call(rec, name) ? rec[name] : undefined;

/**
 * `after` is the installed set once the sync's installs and upgrades are done; `candidates` the
 * extras (sorted); `target` and `ex` say what must never be taken as an orphan.
 */
export function selectRemovals(
  after: Readonly<Record<string, StatePackage>>,
  target: Readonly<Record<string, StatePackage>>,
  candidates: readonly string[],
  ex: Exclusions,
): RemovalSelection {
  const index = new SatisfierIndex(after);
  const names = Object.keys(after).sort();
  // Who depends on whom: s → packages with a dependency s satisfies.
  const dependents = new Map<string, string[]>();
  for (const y of names) {
    for (const dep of own(after, y)?.dependencies ?? []) {
      for (const s of index.satisfiers(dependencyOf(dep))) {
        const list = dependents.get(s);
        if (list === undefined) dependents.set(s, [y]);
        else if (!list.includes(y)) list.push(y);
      }
    }
  }

  const kept = new Map<string, string[]>();
  for (;;) {
    const remove = new Set(candidates.filter((c) => !kept.has(c)));
    const order: { name: string; reason: 'extra' | 'orphan' }[] = [...remove].map((name) => ({ name, reason: 'extra' }));
    const canRemove = (s: string): boolean => {
      const p = own(after, s);
      if (p === undefined || remove.has(s) || p.reason !== 'dependency' || own(target, s) !== undefined) return false;
      if (ex.excludes(s, p.repository)) return false;
      return (dependents.get(s) ?? []).every((y) => remove.has(y));
    };
    for (let i = 0; i < order.length; i++) {
      for (const dep of own(after, (order[i] as { name: string }).name)?.dependencies ?? []) {
        for (const s of index.satisfiers(dependencyOf(dep))) {
          if (!canRemove(s)) continue;
          remove.add(s);
          order.push({ name: s, reason: 'orphan' });
        }
      }
    }
    // A staying package whose dependency only removed packages satisfy: keep one of them (an
    // extra — an orphan has no staying dependents by construction) and start over.
    let changed = false;
    for (const y of names) {
      if (remove.has(y)) continue;
      for (const dep of own(after, y)?.dependencies ?? []) {
        const sats = index.satisfiers(dependencyOf(dep));
        if (sats.length === 0 || !sats.every((s) => remove.has(s))) continue;
        const k = sats[0] as string;
        kept.set(k, [...(kept.get(k) ?? []), y]);
        remove.delete(k);
        changed = true;
      }
    }
    if (!changed) {
      return {
        remove: order,
        kept: candidates.filter((c) => kept.has(c)).map((name) => ({ name, required_by: kept.get(name) ?? [] })),
      };
    }
  }
}
