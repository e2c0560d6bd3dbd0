import { Exclusions, type ExclusionRules } from './exclusions.js';
import type { InstallReason, PackageStateData } from './package-state.js';
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
/** The exclusions a plan for `current` applies: pool's, the endpoint's own, the operation's. */
export declare function planExclusions(current: PackageStateData | null, options: PlanOptions): Exclusions;
/** What syncing `current` to `target` would do under `options`. */
export declare function planSync(current: PackageStateData, target: PackageStateData, options?: PlanOptions): SyncPlan;
/**
 * The plan that brings `current` back exactly to `previous` (endpoint revert): packages added
 * since are removed — dependencies included —, removed ones installed again, changed versions
 * restored up or down, install reasons restored. Only the operation's `exclude` is honoured.
 */
export declare function planRevert(current: PackageStateData, previous: PackageStateData, options?: Pick<PlanOptions, 'dry_run' | 'exclude'>): SyncPlan;
