import type { Exclusions } from './exclusions.js';
import type { StatePackage } from './package-state.js';
export interface RemovalSelection {
    /** In removal order: the extras first, then the orphans they leave. */
    remove: {
        name: string;
        reason: 'extra' | 'orphan';
    }[];
    /** Extras kept because a staying package depends on them. */
    kept: {
        name: string;
        required_by: string[];
    }[];
}
/**
 * `after` is the installed set once the sync's installs and upgrades are done; `candidates` the
 * extras (sorted); `target` and `ex` say what must never be taken as an orphan.
 */
export declare function selectRemovals(after: Readonly<Record<string, StatePackage>>, target: Readonly<Record<string, StatePackage>>, candidates: readonly string[], ex: Exclusions): RemovalSelection;
