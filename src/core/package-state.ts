// The package state of a machine (README "Domain rules": Package state; seed `package_states.state_data`). The shape is the
// seed's, plus fields the product needs: install `reason` (removal policy), `provides` and
// `arch` (consistency checks, archive downloads). Extra fields are optional so that states
// written by older agents still read.

export type InstallReason = 'explicit' | 'dependency';

export interface StatePackage {
  /** Full pacman version: [epoch:]pkgver-pkgrel. */
  version: string;
  /** Sync repository the package is found in; null when it is in none (foreign, like `pacman -Qm`). */
  repository: string | null;
  /** Installed size in bytes. */
  size: number;
  /** Dependency strings as pacman writes them: `name`, `name>=1.0`, `so:libfoo.so=1-64`. */
  dependencies: string[];
  /** ISO-8601 UTC, or null when unknown. */
  install_date: string | null;
  reason?: InstallReason;
  provides?: string[];
  arch?: string;
}

/** A sync database a state was taken against, so users can see which repo snapshot it belongs to. */
export interface RepositorySnapshot {
  name: string;
  server: string | null;
  /** Hash (sha256 hex) of the sync db file, and its modification time. */
  db_hash: string | null;
  db_date: string | null;
}

export interface StateMetadata {
  total_packages: number;
  total_size: number;
  capture_method: string;
  excluded_packages: string[];
  /** Stable content hash of `packages` (see stateHash), so unchanged reports are recognised. */
  content_hash?: string;
  repositories?: RepositorySnapshot[];
  /** Set when a target was stored with force despite failing the consistency check. */
  inconsistent?: boolean;
  unsatisfied_dependencies?: UnsatisfiedDependency[];
  /** Pool targets restored by a target revert: the id of the earlier target this is a copy of. */
  reverted_from?: string;
}

export interface PackageStateData {
  packages: Record<string, StatePackage>;
  metadata: StateMetadata;
}

export interface UnsatisfiedDependency {
  /** The package whose dependency is unsatisfied. */
  package: string;
  /** The dependency string as written (`glibc>=2.38`). */
  dependency: string;
  /** Why: not present at all, or present at a version that does not satisfy it. */
  reason: 'missing' | 'version';
  /** Versions found for the name, when reason is 'version'. */
  found?: string;
}
