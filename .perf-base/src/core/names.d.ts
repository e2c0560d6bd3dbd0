/** Longest name accepted (package, dependency, repository, pattern): a file name's limit. */
export declare const MAX_NAME_LENGTH = 255;
/** Longest version accepted. */
export declare const MAX_VERSION_LENGTH = 255;
/** Package name: lowercase ASCII letters, digits and `@._+-`, not starting with `-` or `.`. */
export declare function validatePackageName(value: unknown, field?: string): string;
export declare function isValidPackageName(value: unknown): value is string;
export interface VersionRules {
    /**
     * Whether `-pkgrel` is required. True (the default) for package versions — every package in a
     * pacman database has one; false for versions in dependencies (`glibc>=2.38`).
     */
    requirePkgrel?: boolean;
}
/**
 * Package version `[epoch:]pkgver-pkgrel`: epoch digits; pkgver printable ASCII without `:`, `/`,
 * `-` or whitespace; pkgrel `N` or `N.M`. The pkgrel is required unless `requirePkgrel: false`
 * (versions inside dependency strings): installed and repository packages always carry one, so
 * a state report without it is malformed.
 */
export declare function validateVersion(value: unknown, field?: string, rules?: VersionRules): string;
export declare function isValidVersion(value: unknown, rules?: VersionRules): value is string;
/** Why `value` is not a valid version (a message without the field), or null when it is. */
export declare function problemWithVersion(value: unknown, rules?: VersionRules): string | null;
/** Name part of a dependency or provision (`glibc`, `libGL.so`, `so:libc.so`). */
export declare function validateDependencyName(value: unknown, field?: string): string;
export declare function isValidDependencyName(value: unknown): value is string;
/** Why `value` is not a valid dependency name (a message without the field), or null. */
export declare function problemWithDependencyName(value: unknown): string | null;
/**
 * Sync repository name as a pacman.conf section (`core`, `extra`, `home_user_Arch`): it is also the
 * database's file name (`<name>.db`), so no spaces or `/`; `options` and `local` are reserved.
 */
export declare function validateRepositoryName(value: unknown, field?: string): string;
export declare function isValidRepositoryName(value: unknown): value is string;
/**
 * Exclusion pattern: an exact package name or an fnmatch glob over package names
 * (`linux*`, `python-?`, `lib[0-9]*`, `[!a]*`), as pacman's IgnorePkg takes them.
 */
export declare function validateExclusionPattern(value: unknown, field?: string): string;
export declare function isValidExclusionPattern(value: unknown): value is string;
