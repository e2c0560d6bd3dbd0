import type { PackageStateData } from './package-state.js';
import type { SyncPlan } from './plan.js';
/**
 * Applies `plan` to `state`. `source` is the state the plan was made from (the target, or the
 * previous state for a revert): new versions take their record (dependencies, provisions, arch)
 * from it. Without it, or when it holds another version, the record is built from the plan entry
 * alone (no dependencies known). Upgrades and downgrades keep the installed reason, as pacman
 * does; install dates of changed packages become unknown until the agent reports again.
 */
export declare function applyPlan(state: PackageStateData, plan: SyncPlan, source?: PackageStateData): PackageStateData;
