import type { PacmanPackage } from './types.js';
/** Which database the entry comes from: %SIZE% means installed size locally, %CSIZE% elsewhere. */
export type DescSource = 'local' | 'sync';
/** A package with every list empty and no name/version yet. */
export declare function emptyPackage(): PacmanPackage;
/**
 * Adds the fields of one desc (or old-style `depends`) text to `pkg`. Lists append, single values
 * overwrite. Does not check that a name and version were found: see {@link parseDesc}.
 */
export declare function parseDescInto(pkg: PacmanPackage, text: string, file: string, source: DescSource): PacmanPackage;
/** Throws unless `pkg` has a name and version and, when given, they match the entry directory name. */
export declare function checkIdentity(pkg: PacmanPackage, file: string, entry?: string): PacmanPackage;
/**
 * Parses one desc text into a package. `file` names it in errors; `entry` is the directory name
 * (`<name>-<version>`) it was found under, checked against %NAME% and %VERSION%.
 */
export declare function parseDesc(text: string, file: string, source: DescSource, entry?: string): PacmanPackage;
/**
 * Splits a database entry name `<name>-<pkgver>-<pkgrel>` at its last two dashes, as libalpm does
 * (names may contain dashes, versions may not). Null when it has fewer than two dashes.
 */
export declare function splitEntryName(entry: string): {
    name: string;
    version: string;
} | null;
