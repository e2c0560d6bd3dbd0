// The shapes of a plan on this machine, shared by its resolution and preparation
// (plan-preparation.ts), the downloads (package-fetch.ts), the executor and the sync pipeline:
// declared apart so that none imports another for its types.
import type { PacmanPackage } from '../../core/pacman/types.js';
import type { SyncPlan } from '../../core/plan.js';
import type { ExecutorStep } from './executor-errors.js';
import type { SignatureVerdict } from './package-signature.js';
import type { PackageSource } from './package-source.js';

export type ItemAction = 'install' | 'upgrade' | 'downgrade';

/** One package the transaction installs, upgrades or downgrades, and where its version comes from. */
export interface ResolvedItem {
  action: ItemAction;
  name: string;
  from_version: string | null;
  version: string;
  source: PackageSource;
}

export interface PreparedItem extends ResolvedItem {
  /** The package file given to `pacman -U`. */
  file: string;
  /** Its metadata (.PKGINFO, or the sync database entry for repository files). */
  package: PacmanPackage;
  /** Archive downloads: their signature check (only verified files are kept in the package cache). */
  signature?: SignatureVerdict;
}

/** A plan entry this machine leaves alone because of pacman.conf. */
export interface ExcludedPackage {
  name: string;
  source: 'ignore_pkg' | 'ignore_group';
  pattern: string;
}

export interface ResolvedPlan {
  /** The plan as it will be carried out: IgnorePkg/IgnoreGroup and HoldPkg applied. */
  plan: SyncPlan;
  excluded: ExcludedPackage[];
  /**
   * For the packages the server's plan already excluded: this machine's own reason (pacman.conf
   * IgnorePkg/IgnoreGroup, the agent's `exclude`), else the pool's or the operation's.
   */
  excludedWhy: Map<string, string>;
  /** Removals HoldPkg kept (the held packages and what they need). */
  held: string[];
  items: ResolvedItem[];
  /** `pacman -R` targets, in plan order. */
  removals: string[];
  /** `pacman -D --asdeps` / `--asexplicit` after the transaction. */
  asdeps: string[];
  asexplicit: string[];
  /** Whether `pacman -Sy` ran (preparation only). */
  refreshed: boolean;
  /** Some version would come from the sync databases after a `pacman -Sy`. */
  refresh_recommended: boolean;
  /**
   * Resolution only: versions found nowhere now, whose sync database looks out of date — the
   * `pacman -Sy` preparation runs first will likely bring them (they are not in `items`).
   */
  after_refresh: { name: string; version: string }[];
}

export interface PreparedPlan extends Omit<ResolvedPlan, 'items'> {
  items: PreparedItem[];
  /** Planned removals pacman carries out inside the transaction: incoming packages conflict with them. */
  conflict_removals: string[];
  /** Packages pacman adds to the transaction to satisfy dependencies (from the repositories). */
  pulled_in: { name: string; version: string }[];
  /** snapper + snap-pac are installed: snapshots will be recorded. */
  snapper: boolean;
  /** Holds archive downloads until applyPlan (or releasePrepared) removes it. */
  staging_dir: string | null;
  /** `--overwrite` options for packages a killed pacman left half-installed (interrupted-install.ts). */
  overwrite: string[];
}

/** What the executor takes from the state a plan came from (a PackageStateData is one): package architectures. */
export interface SourcePackages {
  packages: Readonly<Record<string, { arch?: string }>>;
}

export interface ResolveOptions {
  /** The state the plan came from (the target, or the previous state of a revert): package arches. */
  source?: SourcePackages;
}

export interface ProgressEvent {
  step: ExecutorStep;
  /** 1-based index of the step among those run, and their count. */
  step_index: number;
  step_count: number;
  package: string | null;
  /** Human text: `upgrading glibc`, `downloading curl-8.6-1-x86_64`. */
  message: string;
  done: number;
  total: number;
  /** 0–100 over the whole call (prepare or apply). */
  percent: number;
}

export type ProgressCallback = (event: ProgressEvent) => void;

export interface PrepareOptions extends ResolveOptions {
  /** `pacman -Sy` first: 'auto' (default) only when a needed version is missing from stale databases. */
  refresh?: 'auto' | 'always' | 'never';
  onProgress?: ProgressCallback;
}
