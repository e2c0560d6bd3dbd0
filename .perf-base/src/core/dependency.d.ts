import type { Dependency } from './pacman/types.js';
/** Longest optdepends description accepted. */
export declare const MAX_DESCRIPTION_LENGTH = 1000;
/**
 * Splits a dependency string exactly as libalpm does, without judging it: the description
 * starts at the first `": "`, then the first `<` (or `<=`), else the first `>` (or `>=`), else the
 * first `=` separates name and version. Never throws — for reading what pacman itself wrote.
 */
export declare function splitDependency(s: string): Dependency;
/**
 * Parses and validates a dependency string: a dependency name (see validateDependencyName),
 * optionally an operator and a version (pkgrel optional), optionally `: description`.
 * Throws a ValidationError naming `field` when any part is malformed.
 */
export declare function parseDependency(value: unknown, field?: string): Dependency;
export declare function isValidDependency(value: unknown): value is string;
/** The dependency as pacman writes it (libalpm's alpm_dep_compute_string). */
export declare function formatDependency(dep: Dependency): string;
/** What a dependency can be satisfied by: a package's name, version and provisions. */
export interface DependencyCandidate {
    name: string;
    version: string;
    /** Provision strings as in the package's %PROVIDES% (`sh`, `libfoo.so=1-64`). */
    provides?: readonly string[];
}
/**
 * Whether `pkg` satisfies `dep` as pacman decides it (libalpm's _alpm_depcmp): by its own name and
 * version, or by a provision of that name — an unversioned dependency accepts any such provision,
 * a versioned one only a provision carrying `=version` that satisfies the constraint.
 */
export declare function dependencySatisfiedBy(dep: Dependency | string, pkg: DependencyCandidate): boolean;
