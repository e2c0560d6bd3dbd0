import type { PackageStateData, RepositorySnapshot, StatePackage } from './package-state.js';
import type { PacmanPackage } from './pacman/types.js';
/** A sync database, in pacman.conf order: its name and the package names it holds. */
export interface SyncRepoIndex {
    name: string;
    /** A Set of names, or a Map keyed by name (e.g. the parsed sync db). */
    packages: {
        has(name: string): boolean;
    };
}
export interface BuildStateOptions {
    /** Seed `metadata.capture_method`; the agent reads the databases directly. */
    capture_method?: string;
    /** What this machine excludes (agent config `exclude`, IgnorePkg, IgnoreGroup members). */
    excluded_packages?: readonly string[];
    /** The sync databases the state was taken against. */
    repositories?: RepositorySnapshot[];
}
export declare const DEFAULT_CAPTURE_METHOD = "pacman_database";
/** `rec[name] = value` that also works for a package called `__proto__`. */
export declare function setOwn<T>(rec: Record<string, T>, name: string, value: T): void;
/** Unix seconds → ISO-8601 UTC like the seed writes it (`2024-01-15T10:30:00Z`). */
export declare function unixToIso(seconds: number | undefined): string | null;
/**
 * The state of a machine: every installed package (local database) with the first sync
 * repository that has a package of that name — pacman's own rule for which repository a name
 * comes from — or null when none does (foreign, like `pacman -Qm`).
 */
export declare function buildPackageState(installed: readonly PacmanPackage[], syncRepos: readonly SyncRepoIndex[], options?: BuildStateOptions): PackageStateData;
/** `total_packages` and `total_size` of a package map. */
export declare function totals(packages: Readonly<Record<string, StatePackage>>): {
    total_packages: number;
    total_size: number;
};
/**
 * A copy of `state` with new packages and recomputed totals. What described the old packages —
 * content hash, consistency flags, the target it was a revert copy of — is dropped.
 */
export declare function withPackages(state: PackageStateData, packages: Record<string, StatePackage>): PackageStateData;
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
export declare function canonicalStateText(state: PackageStateData): string;
