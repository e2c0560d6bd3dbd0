import type { ExecutorContext } from './executor-context.js';
import { type ExecutorStep, type SnapperSnapshot } from './executor-errors.js';
import { type ExcludedPackage, type ItemAction, type PreparedPlan, type ProgressCallback } from './plan-preparation.js';
export { executorContext, type ExecutorContext } from './executor-context.js';
export { PacmanFailure, StepsStopped, VersionUnavailableError, type ExecutorStep, type SnapperSnapshot, type UnavailableVersion } from './executor-errors.js';
export { readCurrentState, readMachine, type Machine } from './machine-state.js';
export { preparePlan, releasePrepared, resolvePlan, type ExcludedPackage, type PreparedItem, type PreparedPlan, type PrepareOptions, type ProgressCallback, type ProgressEvent, type ResolvedItem, type ResolvedPlan, type ResolveOptions, } from './plan-preparation.js';
export type { PackageSource } from './package-source.js';
export interface AppliedChange {
    name: string;
    action: ItemAction;
    from_version: string | null;
    to_version: string;
}
export interface ApplyResult {
    changed: AppliedChange[];
    /** Pulled in by pacman to satisfy dependencies (installed as dependencies). */
    pulled_in: {
        name: string;
        version: string;
    }[];
    removed: string[];
    reasons_changed: {
        name: string;
        reason: 'dependency' | 'explicit';
    }[];
    excluded: ExcludedPackage[];
    held: string[];
    /** Steps run, in order. */
    steps: ExecutorStep[];
    /** snap-pac's snapshots, or null when snapper with snap-pac is not installed. */
    snapshots: SnapperSnapshot[] | null;
}
/** Applies a prepared plan. Removes the staging directory when done, whatever happens. */
export declare function applyPlan(prepared: PreparedPlan, ctx: ExecutorContext, onProgress?: ProgressCallback): Promise<ApplyResult>;
