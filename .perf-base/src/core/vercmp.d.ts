/** A comparison result as `vercmp` prints it. */
export type VercmpResult = -1 | 0 | 1;
/** Dependency comparison operators (libalpm's alpm_depmod_t, without "any"). */
export type VersionOperator = '<' | '<=' | '=' | '>=' | '>';
/**
 * Compares two pacman versions `[epoch:]pkgver[-pkgrel]` exactly like libalpm's
 * `alpm_pkg_vercmp` (and pacman's `vercmp` tool): -1 when `a` is older, 1 when newer, 0 when
 * equal. A missing pkgrel on either side compares equal to any pkgrel (`1.0` = `1.0-5`);
 * a missing epoch is `0`.
 */
export declare function vercmp(a: string, b: string): VercmpResult;
/** Alias of {@link vercmp}, usable as an `Array.prototype.sort` comparator. */
export declare const compareVersions: typeof vercmp;
/**
 * Whether `version` satisfies `op required`, as libalpm's dependency check does (`dep_vercmp`):
 * a plain vercmp, so a requirement without pkgrel (`=2.0`) accepts every pkgrel (`2.0-3`), and
 * one with a pkgrel (`=2.0-1`) only that release. Without an operator anything satisfies.
 */
export declare function satisfies(version: string, op: VersionOperator | undefined, required?: string): boolean;
