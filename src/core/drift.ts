// Drift of an endpoint against its pool's target (README "Domain rules": Drift). A set-latest recomputes it for
// every member of the pool, so the target is prepared once (prepareTarget) and each endpoint is
// one pass over its own packages: a map lookup, a string comparison for the common case of an
// identical version, and vercmp — cached per (package, installed version) — only where they differ.
import { Exclusions, type ExclusionReason, type ExclusionRules } from './exclusions.js';
import { type DriftPackage, type DriftState, isPackageList } from './package-index.js';
import type { PackageStateData, StatePackage } from './package-state.js';
import { vercmp, type VercmpResult } from './vercmp.js';

export type SyncStatus = 'in_sync' | 'behind' | 'ahead' | 'sync_pending' | 'unknown';

/** The endpoint's `package_summary`. */
export interface DriftCounts {
  /** Packages installed on the endpoint. */
  total_packages: number;
  /** Target packages the endpoint is compared against (after exclusions). */
  target_packages: number;
  /** Installed at exactly the target's version (vercmp-equal). */
  in_sync: number;
  /** In the target, not installed. */
  missing: number;
  /** Installed older than the target. */
  behind: number;
  /** Installed newer than the target. */
  ahead: number;
  /** Installed explicitly and not in the target. */
  extra: number;
  /** Installed and in no sync database (`pacman -Qm`), excluded packages aside. */
  foreign: number;
  /** Target or installed packages left out by an exclusion. */
  excluded: number;
}

export interface DriftEntry {
  name: string;
  installed_version: string | null;
  target_version: string | null;
  /** The target's repository for a target package, else the installed package's. */
  repository: string | null;
}

export interface DriftDetails {
  missing: DriftEntry[];
  behind: DriftEntry[];
  ahead: DriftEntry[];
  extra: DriftEntry[];
  foreign: DriftEntry[];
  excluded: (DriftEntry & { reason: ExclusionReason })[];
}

export interface DriftResult extends DriftCounts {
  sync_status: SyncStatus;
  /** Per-package lists, only when asked for (`details: true`), sorted by name. */
  details?: DriftDetails;
}

interface TargetEntry {
  version: string;
  repository: string | null;
  /** Excluded by the pool's rules (name or the target's repository). */
  poolExcluded: boolean;
  /** vercmp(installed, target) by installed version, filled on demand. */
  cmp: Map<string, VercmpResult> | null;
}

export interface PrepareTargetOptions {
  /** The pool's exclusions (`excluded_packages`, `excluded_repos`), compiled or as rules. */
  exclusions?: Exclusions | ExclusionRules;
  /** The pool's `remove_extra`: extras then keep an endpoint from being in_sync. */
  remove_extra?: boolean;
}

/** A target ready to be compared with many endpoints. */
export class PreparedTarget {
  readonly entries = new Map<string, TargetEntry>();
  /** Target names in `<` order with their entries, for a merge walk over sorted states. */
  readonly sortedNames: string[];
  readonly sortedEntries: TargetEntry[];
  readonly exclusions: Exclusions;
  readonly removeExtra: boolean;
  /** Target packages not excluded by the pool. */
  readonly includedCount: number;
  private readonly endpointCache = new Map<string, { matcher: Exclusions; targetExcluded: number }>();

  constructor(
    readonly target: PackageStateData,
    options: PrepareTargetOptions = {},
  ) {
    const ex = options.exclusions;
    this.exclusions = ex instanceof Exclusions ? ex : Exclusions.compile(ex ?? {});
    this.removeExtra = options.remove_extra ?? false;
    let included = 0;
    for (const name in target.packages) {
      const p = target.packages[name] as StatePackage;
      const poolExcluded = this.exclusions.excludes(name, p.repository);
      if (!poolExcluded) included++;
      this.entries.set(name, { version: p.version, repository: p.repository, poolExcluded, cmp: null });
    }
    this.includedCount = included;
    this.sortedNames = [...this.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.sortedEntries = this.sortedNames.map((n) => this.entries.get(n) as TargetEntry);
  }

  /** vercmp(installed, target) for a target package, remembered for the next endpoint. */
  compare(entry: TargetEntry, installed: string): VercmpResult {
    if (installed === entry.version) return 0;
    let cache = entry.cmp;
    if (cache === null) cache = entry.cmp = new Map();
    let r = cache.get(installed);
    if (r === undefined) {
      r = vercmp(installed, entry.version);
      cache.set(installed, r);
    }
    return r;
  }

  /**
   * The endpoint's own exclusion patterns compiled, and how many pool-included target packages
   * they exclude. Endpoints mostly share a handful of lists, so they are cached by content.
   */
  endpointRules(patterns: readonly string[]): { matcher: Exclusions; targetExcluded: number } {
    const key = patterns.join('\n');
    let hit = this.endpointCache.get(key);
    if (hit === undefined) {
      const matcher = Exclusions.compile({ endpoint: patterns });
      let targetExcluded = 0;
      for (const [name, e] of this.entries) if (!e.poolExcluded && matcher.excludes(name)) targetExcluded++;
      hit = { matcher, targetExcluded };
      if (this.endpointCache.size > 1000) this.endpointCache.clear();
      this.endpointCache.set(key, hit);
    }
    return hit;
  }
}

export function prepareTarget(target: PackageStateData, options: PrepareTargetOptions = {}): PreparedTarget {
  return new PreparedTarget(target, options);
}

export interface DriftOptions {
  /** More per-endpoint exclusions (agent config `exclude`); the state's own list always applies. */
  endpoint_exclusions?: readonly string[];
  /** An operation is running for the endpoint: status `sync_pending`. */
  sync_pending?: boolean;
  /** Also return the per-package lists. */
  details?: boolean;
}

const ZERO: DriftCounts = {
  total_packages: 0,
  target_packages: 0,
  in_sync: 0,
  missing: 0,
  behind: 0,
  ahead: 0,
  extra: 0,
  foreign: 0,
  excluded: 0,
};

/** README "Domain rules", Drift: in_sync / behind / ahead from the counts; the flags take precedence. */
export function syncStatusOf(counts: DriftCounts | null, flags: { has_target: boolean; sync_pending?: boolean; remove_extra?: boolean }): SyncStatus {
  if (flags.sync_pending) return 'sync_pending';
  if (counts === null || !flags.has_target) return 'unknown';
  if (counts.missing + counts.behind > 0) return 'behind';
  if (counts.ahead > 0 || (flags.remove_extra && counts.extra > 0)) return 'ahead';
  return 'in_sync';
}

/**
 * Drift of `state` (the endpoint's last report — the full state or its decoded package index, see
 * package-index.ts — or null before the first one) against a prepared
 * target (or null when the pool has none). Extra means installed explicitly and not in the
 * target; a dependency not in the target (or one of unknown reason) is the machine's business.
 */
export function computeDrift(target: PreparedTarget | null, state: DriftState | null, options: DriftOptions = {}): DriftResult {
  if (target === null || state === null) {
    const total = state === null ? 0 : isPackageList(state) ? state.names.length : Object.keys(state.packages).length;
    return {
      ...ZERO,
      total_packages: total,
      sync_status: syncStatusOf(null, { has_target: target !== null, sync_pending: options.sync_pending }),
    };
  }
  const own = state.metadata?.excluded_packages ?? [];
  const more = options.endpoint_exclusions ?? [];
  const endpoint = own.length + more.length > 0 ? target.endpointRules(more.length ? [...own, ...more] : own) : null;
  const pool = target.exclusions;
  const poolEmpty = pool.empty;
  const repoRules = pool.hasRepoRules;
  const entries = target.entries;
  const tNames = target.sortedNames;
  const tEntries = target.sortedEntries;
  const tCount = tNames.length;
  let ti = 0;
  const details: DriftDetails | undefined = options.details
    ? { missing: [], behind: [], ahead: [], extra: [], foreign: [], excluded: [] }
    : undefined;

  let total = 0;
  let inSync = 0;
  let behind = 0;
  let ahead = 0;
  let extra = 0;
  let foreign = 0;
  let excluded = 0;
  let targetSideInstalled = 0; // installed target packages not excluded on the target side
  let targetSideExcludedInstalled = 0;
  // A list is walked by index; an object (the dictionary-mode one JSON.parse makes of a state) by
  // its keys with a keyed load, as cheap as for-in there (Object.values/entries are several times slower).
  const list = isPackageList(state) ? state : null;
  const packages = list === null ? (state as { packages: Record<string, DriftPackage> }).packages : null;
  const names = list !== null ? list.names : Object.keys(packages as object);
  const count = names.length;
  for (let i = 0; i < count; i++) {
    const name = names[i] as string;
    total++;
    const p = (packages !== null ? packages[name] : (list as { entries: DriftPackage[] }).entries[i]) as DriftPackage;
    // Agents send names sorted, like the target's: walk both in step, and fall back to a map
    // lookup for a name out of order. Property names are internalized, so === is cheap.
    let t: TargetEntry | undefined;
    if (ti < tCount && name === tNames[ti]) {
      t = tEntries[ti++];
    } else if (ti < tCount && name > (tNames[ti] as string)) {
      while (ti < tCount && name > (tNames[ti] as string)) ti++;
      t = ti < tCount && name === tNames[ti] ? tEntries[ti++] : undefined;
    } else {
      t = entries.get(name);
    }
    if (t !== undefined) {
      const targetSide = t.poolExcluded || (endpoint !== null && endpoint.matcher.excludes(name));
      if (targetSide) targetSideExcludedInstalled++;
      else targetSideInstalled++;
      // The target's repository was checked when preparing; the installed one only if it differs.
      if (targetSide || (repoRules && p.repository !== t.repository && pool.excludesRepo(p.repository))) {
        excluded++;
        if (details) details.excluded.push(excludedEntry(target, endpoint?.matcher, name, p, t.version));
        continue;
      }
      if (p.repository === null) {
        foreign++;
        if (details) details.foreign.push(entry(name, p, t.version, t.repository));
      }
      const c = p.version === t.version ? 0 : target.compare(t, p.version);
      if (c === 0) inSync++;
      else if (c < 0) {
        behind++;
        if (details) details.behind.push(entry(name, p, t.version, t.repository));
      } else {
        ahead++;
        if (details) details.ahead.push(entry(name, p, t.version, t.repository));
      }
    } else {
      if ((!poolEmpty && pool.excludes(name, p.repository)) || (endpoint !== null && endpoint.matcher.excludes(name))) {
        excluded++;
        if (details) details.excluded.push(excludedEntry(target, endpoint?.matcher, name, p, null));
        continue;
      }
      if (p.repository === null) {
        foreign++;
        if (details) details.foreign.push(entry(name, p, null));
      }
      if (p.reason === 'explicit') {
        extra++;
        if (details) details.extra.push(entry(name, p, null));
      }
    }
  }
  const targetSideExcluded = target.entries.size - target.includedCount + (endpoint?.targetExcluded ?? 0);
  const included = target.includedCount - (endpoint?.targetExcluded ?? 0);
  const counts: DriftCounts = {
    total_packages: total,
    target_packages: included,
    in_sync: inSync,
    missing: included - targetSideInstalled,
    behind,
    ahead,
    extra,
    foreign,
    excluded: excluded + (targetSideExcluded - targetSideExcludedInstalled),
  };
  if (details) {
    const nameSet = new Set(packages === null ? names : []);
    const installed =
      packages !== null ? (name: string) => Object.prototype.hasOwnProperty.call(packages, name) : (name: string) => nameSet.has(name);
    collectMissing(target, endpoint?.matcher, installed, details);
  }
  const result: DriftResult = {
    ...counts,
    sync_status: syncStatusOf(counts, {
      has_target: true,
      sync_pending: options.sync_pending,
      remove_extra: target.removeExtra,
    }),
  };
  if (details) {
    for (const list of Object.values(details) as DriftEntry[][]) list.sort((a, b) => (a.name < b.name ? -1 : 1));
    result.details = details;
  }
  return result;
}

/** `repo`: the target's repository when the package is in the target (where a sync gets it). */
function entry(name: string, p: DriftPackage | null, targetVersion: string | null, repo?: string | null): DriftEntry {
  return {
    name,
    installed_version: p?.version ?? null,
    target_version: targetVersion,
    repository: repo !== undefined ? repo : (p?.repository ?? null),
  };
}

function excludedEntry(
  target: PreparedTarget,
  endpoint: Exclusions | undefined,
  name: string,
  p: DriftPackage | null,
  targetVersion: string | null,
): DriftEntry & { reason: ExclusionReason } {
  const t = target.entries.get(name);
  const reason = target.exclusions.reason(name, t?.repository, p?.repository) ?? endpoint?.reason(name) ?? { source: 'endpoint', pattern: name };
  return { ...entry(name, p, targetVersion, t?.repository), reason };
}

/** Missing target packages, and the excluded ones that are not installed either. */
function collectMissing(target: PreparedTarget, endpoint: Exclusions | undefined, installed: (name: string) => boolean, details: DriftDetails): void {
  for (const [name, t] of target.entries) {
    if (installed(name)) continue;
    if (t.poolExcluded || (endpoint !== undefined && endpoint.excludes(name))) {
      details.excluded.push(excludedEntry(target, endpoint, name, null, t.version));
    } else {
      details.missing.push(entry(name, null, t.version, t.repository));
    }
  }
}
