import type { PacmanPackage } from '../../core/pacman/types.js';
export interface PackageConflict {
    /** The incoming package. */
    incoming: string;
    /** The other package: installed (and not replaced), or incoming too. */
    other: string;
    installed: boolean;
}
type Pkg = Pick<PacmanPackage, 'name' | 'version' | 'provides' | 'conflicts'>;
/** Package conflicts pacman would raise when installing `incoming` onto `installed`. */
export declare function findConflicts(incoming: readonly Pkg[], installed: readonly Pkg[]): PackageConflict[];
/**
 * The removals HoldPkg keeps: every package matching a HoldPkg pattern (pacman matches them as
 * globs), and — so the removal stays consistent — every package in `removals` the kept ones need,
 * transitively (`deps` gives a package's dependency strings, `installed` who can satisfy them).
 */
export declare function heldRemovals(removals: readonly string[], holdPkg: readonly string[], installed: ReadonlyMap<string, Pkg & {
    depends: readonly string[];
}>): string[];
export {};
