import type { StatePackage, UnsatisfiedDependency } from './package-state.js';
import type { Dependency } from './pacman/types.js';
/** splitDependency with a cache: the same few thousand strings recur in every state. */
export declare function dependencyOf(s: string): Dependency;
/** The packages of a set indexed for dependency questions. */
export declare class SatisfierIndex {
    readonly packages: Readonly<Record<string, StatePackage>>;
    private readonly provisions;
    constructor(packages: Readonly<Record<string, StatePackage>>);
    private own;
    /** Whether package `name` of the set satisfies `dep` (by its name or one of its provisions). */
    satisfiedBy(name: string, dep: Dependency): boolean;
    /** Every package of the set satisfying `dep`: the package of that name first, then providers by name. */
    satisfiers(dep: Dependency | string): string[];
    /** Whether anything in the set satisfies `dep`. */
    isSatisfied(dep: Dependency | string): boolean;
    /** Why `dep` (of `pkg`) is not satisfied, or null when it is. */
    check(pkg: string, depText: string): UnsatisfiedDependency | null;
}
/**
 * The dependencies of `packages` not satisfied inside `packages`, sorted by package, in the
 * order each package lists them. An empty list means the set is consistent.
 */
export declare function checkConsistency(packages: Readonly<Record<string, StatePackage>>): UnsatisfiedDependency[];
