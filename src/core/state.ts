// Building a machine's package state (README "Domain rules": Package state; seed `state_data`) from what the
// agent read in pacman's databases, and the canonical text that identifies a package set.
import { ValidationError } from './errors.js';
import type { PackageStateData, RepositorySnapshot, StateMetadata, StatePackage } from './package-state.js';
import type { PacmanPackage } from './pacman/types.js';

/** A sync database, in pacman.conf order: its name and the package names it holds. */
export interface SyncRepoIndex {
  name: string;
  /** A Set of names, or a Map keyed by name (e.g. the parsed sync db). */
  packages: { has(name: string): boolean };
}

export interface BuildStateOptions {
  /** Seed `metadata.capture_method`; the agent reads the databases directly. */
  capture_method?: string;
  /** What this machine excludes (agent config `exclude`, IgnorePkg, IgnoreGroup members). */
  excluded_packages?: readonly string[];
  /** The sync databases the state was taken against. */
  repositories?: RepositorySnapshot[];
}

export const DEFAULT_CAPTURE_METHOD = 'pacman_database';

/** `rec[name] = value` that also works for a package called `__proto__`. */
export function setOwn<T>(rec: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(rec, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Unix seconds → ISO-8601 UTC like the seed writes it (`2024-01-15T10:30:00Z`). */
export function unixToIso(seconds: number | undefined): string | null {
  if (seconds === undefined || !Number.isFinite(seconds)) return null;
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The state of a machine: every installed package (local database) with the first sync
 * repository that has a package of that name — pacman's own rule for which repository a name
 * comes from — or null when none does (foreign, like `pacman -Qm`).
 */
export function buildPackageState(
  installed: readonly PacmanPackage[],
  syncRepos: readonly SyncRepoIndex[],
  options: BuildStateOptions = {},
): PackageStateData {
  const packages: Record<string, StatePackage> = {};
  // Sorted by name so that two captures of one system serialise identically.
  const sorted = [...installed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of sorted) {
    if (Object.prototype.hasOwnProperty.call(packages, p.name)) {
      throw new ValidationError(`packages.${p.name}`, 'package is installed twice in the local database');
    }
    const repo = syncRepos.find((r) => r.packages.has(p.name));
    const entry: StatePackage = {
      version: p.version,
      repository: repo ? repo.name : null,
      size: p.size ?? 0,
      dependencies: [...p.depends],
      install_date: unixToIso(p.installdate),
      // libalpm: a missing %REASON% means explicitly installed.
      reason: p.reason === 1 ? 'dependency' : 'explicit',
      provides: [...p.provides],
    };
    if (p.arch !== undefined) entry.arch = p.arch;
    setOwn(packages, p.name, entry);
  }
  const metadata: StateMetadata = {
    ...totals(packages),
    capture_method: options.capture_method ?? DEFAULT_CAPTURE_METHOD,
    excluded_packages: [...new Set(options.excluded_packages ?? [])].sort(),
  };
  if (options.repositories !== undefined) metadata.repositories = options.repositories;
  return { packages, metadata };
}

/** `total_packages` and `total_size` of a package map. */
export function totals(packages: Readonly<Record<string, StatePackage>>): { total_packages: number; total_size: number } {
  let n = 0;
  let size = 0;
  for (const name in packages) {
    n++;
    size += packages[name]?.size ?? 0;
  }
  return { total_packages: n, total_size: size };
}

/**
 * A copy of `state` with new packages and recomputed totals. What described the old packages —
 * content hash, consistency flags, the target it was a revert copy of — is dropped.
 */
export function withPackages(state: PackageStateData, packages: Record<string, StatePackage>): PackageStateData {
  const meta: StateMetadata = { ...state.metadata, ...totals(packages) };
  delete meta.content_hash;
  delete meta.inconsistent;
  delete meta.unsatisfied_dependencies;
  delete meta.reverted_from;
  return { packages, metadata: meta };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when `list` is in `<` order already (agents send sorted states: no sort, no copy). */
export function isSorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i - 1] as string) > (list[i] as string)) return false;
  return true;
}

/** `list` sorted: itself when it is already (never modified), else a sorted copy. */
function sortedList(list: readonly string[]): readonly string[] {
  return isSorted(list) ? list : [...list].sort(compareStrings);
}

/**
 * The canonical text of a state's content, for a content hash: the server and the agent store
 * `metadata.content_hash = sha256(canonicalStateText(state))` as lower-case hex (core has no
 * crypto). It covers what defines the package set — per package name, version, repository,
 * install reason, architecture, size, dependencies and provisions — and the machine's own
 * exclusions. It leaves out install dates (a reinstall of the same version is the same set),
 * the totals (derived), the capture method and the sync database snapshot, so a re-capture of an
 * unchanged system gives the same text, and any change to versions, reasons, repositories or
 * membership gives a different one. Independent of key order and of the order of lists.
 */
export function canonicalStateText(state: PackageStateData): string {
  const names = sortedList(Object.keys(state.packages));
  const rows = new Array<unknown[]>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const p = state.packages[name] as StatePackage;
    rows[i] = [
      name,
      p.version,
      p.repository ?? null,
      p.reason ?? null,
      p.arch ?? null,
      p.size ?? 0,
      sortedList(p.dependencies ?? []),
      sortedList(p.provides ?? []),
    ];
  }
  const excluded = [...new Set(state.metadata?.excluded_packages ?? [])].sort(compareStrings);
  return `pacsync-state/1\n${JSON.stringify({ packages: rows, excluded })}`;
}
