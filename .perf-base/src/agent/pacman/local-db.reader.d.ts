import { type PackageId } from '../../core/pacman/sync-db.parser.js';
import type { PacmanPackage } from '../../core/pacman/types.js';
export interface LocalPackage extends PacmanPackage {
    /** The entry directory name, `<name>-<version>`. */
    entry: string;
    /** Whether the entry has an `install` scriptlet (only when asked for: one more stat each). */
    hasScriptlet?: boolean;
}
/**
 * Installed packages' names and versions from the entry names alone — what `pacman -Q` shows,
 * and how libalpm itself names local packages — sorted by name.
 */
export declare function listLocalDb(dbpath: string): PackageId[];
export interface ReadLocalDbOptions {
    /** Only these entries (`<name>-<version>` directory names); default all. */
    entries?: string[];
    /** Also check each entry for an `install` scriptlet (pacman -Qi's "Install Script"). */
    scriptlets?: boolean;
}
/**
 * Every installed package with its full desc, sorted by name. A desc that is missing, truncated
 * or disagrees with its directory name is a PacmanFormatError naming the file.
 */
export declare function readLocalDb(dbpath: string, opts?: ReadLocalDbOptions): LocalPackage[];
