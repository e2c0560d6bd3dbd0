import type { Dependency } from './types.js';
/**
 * Parses a dependency string. Like libalpm: the description starts at the first `": "`; the
 * operator is the first `<`/`<=`, else `>`/`>=`, else `=`; everything before it is the name.
 */
export declare function parseDependency(text: string): Dependency;
/** A package as far as dependency resolution cares. */
export interface Satisfier {
    name: string;
    version: string;
    provides: readonly string[];
}
/**
 * Whether `pkg` satisfies `dep`: its own name and version, or a provision of the same name that
 * is unversioned (satisfies only unversioned dependencies) or `name=version` (compared).
 */
export declare function packageSatisfies(pkg: Satisfier, dep: Dependency): boolean;
/** Whether one of `provides` satisfies `dep` (libalpm's _alpm_depcmp_provides). */
export declare function provisionsSatisfy(provides: readonly string[], dep: Dependency): boolean;
/**
 * libalpm's alpm_find_satisfier: the first package (in the given order) satisfying `dep` by its
 * own name, else the first satisfying it through `provides`.
 */
export declare function findSatisfier<T extends Satisfier>(packages: readonly T[], dep: Dependency): T | undefined;
