import { Exclusions, type ExclusionReason, type ExclusionRules } from './exclusions.js';
import type { PackageStateData } from './package-state.js';
import { type VercmpResult } from './vercmp.js';
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
    excluded: (DriftEntry & {
        reason: ExclusionReason;
    })[];
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
export declare class PreparedTarget {
    readonly target: PackageStateData;
    readonly entries: Map<string, TargetEntry>;
    /** Target names in `<` order with their entries, for a merge walk over sorted states. */
    readonly sortedNames: string[];
    readonly sortedEntries: TargetEntry[];
    readonly exclusions: Exclusions;
    readonly removeExtra: boolean;
    /** Target packages not excluded by the pool. */
    readonly includedCount: number;
    private readonly endpointCache;
    constructor(target: PackageStateData, options?: PrepareTargetOptions);
    /** vercmp(installed, target) for a target package, remembered for the next endpoint. */
    compare(entry: TargetEntry, installed: string): VercmpResult;
    /**
     * The endpoint's own exclusion patterns compiled, and how many pool-included target packages
     * they exclude. Endpoints mostly share a handful of lists, so they are cached by content.
     */
    endpointRules(patterns: readonly string[]): {
        matcher: Exclusions;
        targetExcluded: number;
    };
}
export declare function prepareTarget(target: PackageStateData, options?: PrepareTargetOptions): PreparedTarget;
export interface DriftOptions {
    /** More per-endpoint exclusions (agent config `exclude`); the state's own list always applies. */
    endpoint_exclusions?: readonly string[];
    /** An operation is running for the endpoint: status `sync_pending`. */
    sync_pending?: boolean;
    /** Also return the per-package lists. */
    details?: boolean;
}
/** SPEC §4: in_sync / behind / ahead from the counts; the flags take precedence. */
export declare function syncStatusOf(counts: DriftCounts | null, flags: {
    has_target: boolean;
    sync_pending?: boolean;
    remove_extra?: boolean;
}): SyncStatus;
/**
 * Drift of `state` (the endpoint's last report, or null before the first one) against a prepared
 * target (or null when the pool has none). Extra means installed explicitly and not in the
 * target; a dependency not in the target (or one of unknown reason) is the machine's business.
 */
export declare function computeDrift(target: PreparedTarget | null, state: PackageStateData | null, options?: DriftOptions): DriftResult;
export {};
