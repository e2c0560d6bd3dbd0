// What a sync would do (README "Domain rules": Plan): the operation's `details`, shown before anything changes.
// Policy: missing target packages are installed and older ones upgraded; an installed version
// newer than the target follows the pool's conflict_resolution (manual: a conflict, downgraded
// only with force; newest: kept; oldest: downgraded); only `extra` packages (explicit, not in the
// target) are removed, only with remove_extra, together with the dependencies only they needed
// (pacman -Rs) — never a target package, never an excluded one, never one still required.
import { SatisfierIndex } from './consistency.js';
import { ValidationError } from './errors.js';
import { Exclusions, type ExclusionReason, type ExclusionRules } from './exclusions.js';
import type { InstallReason, PackageStateData, StatePackage } from './package-state.js';
import { selectRemovals } from './removal.js';
import { setOwn } from './state.js';
import { vercmp } from './vercmp.js';

export type ConflictResolution = 'manual' | 'newest' | 'oldest';

export interface PlanEntry {
  name: string;
  /** Installed version before, null for an install. */
  from_version: string | null;
  /** Version after, null for a removal. */
  to_version: string | null;
  /** Repository the new version comes from (the target's), or the installed one for a removal. */
  repository: string | null;
  /** Installed size in bytes of the new version (of the removed one for a removal). */
  size: number;
  /** Install reason a newly installed package gets (`--asdeps` for dependency). */
  reason?: InstallReason;
  /** For removals: an extra package, a dependency only removed packages needed, or a revert. */
  removal_reason?: 'extra' | 'orphan' | 'revert';
}

export interface PlanConflict {
  name: string;
  installed_version: string;
  target_version: string;
  repository: string | null;
  /** `blocked`: manual resolution without force, left alone; `downgrade`: forced. */
  resolution: 'blocked' | 'downgrade';
}

/** An install reason to set (`pacman -D --asdeps/--asexplicit`): reverts restore them. */
export interface ReasonChange {
  name: string;
  from_reason: InstallReason | null;
  to_reason: InstallReason;
}

/** A package the plan deliberately leaves as it is. */
export interface KeptPackage {
  name: string;
  installed_version: string;
  target_version: string | null;
  /** `newer`: installed newer and the pool keeps the newest; `required`: an extra others depend on. */
  reason: 'newer' | 'required';
  required_by?: string[];
}

export interface SyncPlan {
  kind: 'sync' | 'revert';
  packages_to_install: PlanEntry[];
  packages_to_upgrade: PlanEntry[];
  packages_to_downgrade: PlanEntry[];
  packages_to_remove: PlanEntry[];
  /** Only reverts change install reasons; a sync leaves them to the machine. */
  reasons_to_change: ReasonChange[];
  conflicts: PlanConflict[];
  packages_kept: KeptPackage[];
  /** Target or installed packages left out by exclusions (never acted upon). */
  excluded_packages: string[];
  /** For each excluded package, the rule that excluded it (absent from older servers' plans). */
  exclusion_reasons?: Record<string, ExclusionReason>;
  excluded_count: number;
  /** Packages the plan changes (installs, upgrades, downgrades, removals, reason changes). */
  total_packages: number;
  /** Bytes of the packages installed, upgraded or downgraded. */
  estimated_size: number;
  /** Conflicts stop the sync (manual resolution without force): the agent exits 4. */
  blocked: boolean;
  dry_run: boolean;
  force: boolean;
  /** The names the sync was limited to, or null for all. */
  packages: string[] | null;
  exclude: string[];
  conflict_resolution: ConflictResolution;
  remove_extra: boolean;
}

export interface PlanOptions {
  dry_run?: boolean;
  force?: boolean;
  /** Limit to these names (and the target dependencies they pull in). */
  packages?: readonly string[] | null;
  /** Per-operation exclusions. */
  exclude?: readonly string[];
  conflict_resolution?: ConflictResolution;
  /** Pool setting `remove_extra` (default false). */
  remove_extra?: boolean;
  /** The pool's exclusions. */
  exclusions?: Exclusions | ExclusionRules;
  /** More per-endpoint exclusions (agent config); the state's `excluded_packages` always apply. */
  endpoint_exclusions?: readonly string[];
}

const own = (rec: Readonly<Record<string, StatePackage>>, name: string): StatePackage | undefined =>
  Object.prototype.hasOwnProperty.call(rec, name) ? rec[name] : undefined;

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The exclusions a plan for `current` applies: pool's, the endpoint's own, the operation's. */
export function planExclusions(current: PackageStateData | null, options: PlanOptions): Exclusions {
  const ex = options.exclusions;
  let rules = ex instanceof Exclusions ? ex : Exclusions.compile(ex ?? {});
  const endpoint = [...(current?.metadata?.excluded_packages ?? []), ...(options.endpoint_exclusions ?? [])];
  const operation = options.exclude ?? [];
  if (endpoint.length > 0 || operation.length > 0) rules = rules.with({ endpoint, operation });
  return rules;
}

/** The names a `packages` limit covers: those named plus the target dependencies they pull in. */
function selection(names: readonly string[], cur: Readonly<Record<string, StatePackage>>, tgt: Readonly<Record<string, StatePackage>>): Set<string> {
  const unknown = names.filter((n) => own(tgt, n) === undefined && own(cur, n) === undefined);
  if (unknown.length > 0) {
    throw new ValidationError('packages', `not in the target and not installed: ${unknown.join(', ')}`);
  }
  const index = new SatisfierIndex(tgt);
  const set = new Set(names);
  const queue = names.filter((n) => own(tgt, n) !== undefined);
  for (let i = 0; i < queue.length; i++) {
    for (const dep of own(tgt, queue[i] as string)?.dependencies ?? []) {
      const s = index.satisfiers(dep)[0];
      if (s !== undefined && !set.has(s)) {
        set.add(s);
        queue.push(s);
      }
    }
  }
  return set;
}

/** A plan that changes nothing, carrying `options`; also the defaults for a plan read off the wire. */
export function emptyPlan(kind: SyncPlan['kind'], options: PlanOptions = {}): SyncPlan {
  return {
    kind,
    packages_to_install: [],
    packages_to_upgrade: [],
    packages_to_downgrade: [],
    packages_to_remove: [],
    reasons_to_change: [],
    conflicts: [],
    packages_kept: [],
    excluded_packages: [],
    excluded_count: 0,
    total_packages: 0,
    estimated_size: 0,
    blocked: false,
    dry_run: options.dry_run ?? false,
    force: options.force ?? false,
    packages: options.packages ? [...options.packages] : null,
    exclude: [...(options.exclude ?? [])],
    conflict_resolution: options.conflict_resolution ?? 'manual',
    remove_extra: options.remove_extra ?? false,
  };
}

/** Sorts the lists and fills the totals; `why` names the rule behind each exclusion. */
function finish(plan: SyncPlan, excluded: Set<string>, why: (name: string) => ExclusionReason | null): SyncPlan {
  for (const list of [plan.packages_to_install, plan.packages_to_upgrade, plan.packages_to_downgrade, plan.packages_to_remove]) {
    list.sort(byName);
  }
  plan.reasons_to_change.sort(byName);
  plan.conflicts.sort(byName);
  plan.packages_kept.sort(byName);
  plan.excluded_packages = [...excluded].sort();
  const reasons: Record<string, ExclusionReason> = {};
  for (const n of plan.excluded_packages) {
    const r = why(n);
    if (r !== null) setOwn(reasons, n, r);
  }
  plan.exclusion_reasons = reasons;
  plan.excluded_count = excluded.size;
  plan.total_packages =
    plan.packages_to_install.length +
    plan.packages_to_upgrade.length +
    plan.packages_to_downgrade.length +
    plan.packages_to_remove.length +
    plan.reasons_to_change.length;
  plan.estimated_size = [...plan.packages_to_install, ...plan.packages_to_upgrade, ...plan.packages_to_downgrade].reduce((sum, e) => sum + e.size, 0);
  plan.blocked = plan.conflicts.some((c) => c.resolution === 'blocked');
  return plan;
}

function change(name: string, from: StatePackage | undefined, to: StatePackage): PlanEntry {
  return {
    name,
    from_version: from?.version ?? null,
    to_version: to.version,
    repository: to.repository,
    size: to.size ?? 0,
    reason: from?.reason ?? to.reason ?? 'explicit',
  };
}

/** What syncing `current` to `target` would do under `options`. */
export function planSync(current: PackageStateData, target: PackageStateData, options: PlanOptions = {}): SyncPlan {
  const plan = emptyPlan('sync', options);
  const cur = current.packages;
  const tgt = target.packages;
  const ex = planExclusions(current, options);
  const scope = options.packages ? selection(options.packages, cur, tgt) : null;
  const inScope = (n: string): boolean => scope === null || scope.has(n);
  const excluded = new Set<string>();
  // The installed set once installs, upgrades and downgrades are done: removals are judged on it.
  const after: Record<string, StatePackage> = { ...cur };

  for (const name of Object.keys(tgt).sort()) {
    const t = tgt[name] as StatePackage;
    const c = own(cur, name);
    if (ex.excludes(name, t.repository, c?.repository)) {
      excluded.add(name);
      continue;
    }
    if (!inScope(name)) continue;
    const cmp = c === undefined ? -1 : c.version === t.version ? 0 : vercmp(c.version, t.version);
    if (cmp === 0) continue;
    if (c === undefined) {
      plan.packages_to_install.push({ ...change(name, undefined, t), reason: t.reason ?? 'explicit' });
    } else if (cmp < 0) {
      plan.packages_to_upgrade.push(change(name, c, t));
    } else {
      const resolution = plan.conflict_resolution;
      if (resolution === 'newest') {
        plan.packages_kept.push({ name, installed_version: c.version, target_version: t.version, reason: 'newer' });
        continue;
      }
      if (resolution === 'manual') {
        plan.conflicts.push({
          name,
          installed_version: c.version,
          target_version: t.version,
          repository: t.repository,
          resolution: plan.force ? 'downgrade' : 'blocked',
        });
        if (!plan.force) continue;
      }
      plan.packages_to_downgrade.push(change(name, c, t));
    }
    setOwn(after, name, { ...t, reason: c?.reason ?? t.reason });
  }

  const candidates: string[] = [];
  for (const name of Object.keys(cur).sort()) {
    if (own(tgt, name) !== undefined) continue;
    const c = cur[name] as StatePackage;
    if (ex.excludes(name, c.repository)) {
      excluded.add(name);
      continue;
    }
    if (plan.remove_extra && c.reason === 'explicit' && inScope(name)) candidates.push(name);
  }
  if (candidates.length > 0) {
    const { remove, kept } = selectRemovals(after, tgt, candidates, ex);
    for (const { name, reason } of remove) {
      const p = after[name] as StatePackage;
      plan.packages_to_remove.push({
        name,
        from_version: p.version,
        to_version: null,
        repository: p.repository,
        size: p.size ?? 0,
        removal_reason: reason,
      });
    }
    for (const { name, required_by } of kept) {
      const c = after[name] as StatePackage;
      plan.packages_kept.push({ name, installed_version: c.version, target_version: null, reason: 'required', required_by });
    }
  }
  return finish(plan, excluded, (n) => ex.reason(n, own(tgt, n)?.repository, own(cur, n)?.repository));
}

/**
 * The plan that brings `current` back exactly to `previous` (endpoint revert): packages added
 * since are removed — dependencies included —, removed ones installed again, changed versions
 * restored up or down, install reasons restored. Only the operation's `exclude` is honoured.
 */
export function planRevert(current: PackageStateData, previous: PackageStateData, options: Pick<PlanOptions, 'dry_run' | 'exclude'> = {}): SyncPlan {
  const plan = emptyPlan('revert', { ...options, force: true });
  const ex = Exclusions.compile({ operation: options.exclude ?? [] });
  const cur = current.packages;
  const prev = previous.packages;
  const excluded = new Set<string>();
  for (const name of Object.keys(prev).sort()) {
    const p = prev[name] as StatePackage;
    const c = own(cur, name);
    if (ex.excludes(name)) {
      excluded.add(name);
      continue;
    }
    if (c === undefined) {
      plan.packages_to_install.push({ ...change(name, undefined, p), reason: p.reason ?? 'explicit' });
      continue;
    }
    if (p.reason !== undefined && c.reason !== p.reason) {
      plan.reasons_to_change.push({ name, from_reason: c.reason ?? null, to_reason: p.reason });
    }
    if (c.version === p.version) continue;
    const cmp = vercmp(c.version, p.version);
    if (cmp < 0) plan.packages_to_upgrade.push(change(name, c, p));
    else if (cmp > 0) plan.packages_to_downgrade.push(change(name, c, p));
  }
  for (const name of Object.keys(cur).sort()) {
    if (own(prev, name) !== undefined) continue;
    if (ex.excludes(name)) {
      excluded.add(name);
      continue;
    }
    const c = cur[name] as StatePackage;
    plan.packages_to_remove.push({
      name,
      from_version: c.version,
      to_version: null,
      repository: c.repository,
      size: c.size ?? 0,
      removal_reason: 'revert',
    });
  }
  return finish(plan, excluded, (n) => ex.reason(n));
}
