import type { Dependency } from '../../core/pacman/types.js';
import type { LocalPackage } from './local-db.reader.js';
type Candidate = {
    name: string;
    version: string;
    provides: readonly string[];
};
/**
 * libalpm's alpm_find_satisfier over a list of packages, indexed once: the first package (in
 * list order) satisfying a dependency by its own name and version, else the first satisfying it
 * through a provision.
 */
export declare class SatisfierIndex<T extends Candidate> {
    private byName;
    private byProvision;
    constructor(packages: readonly T[]);
    find(dep: Dependency): T | undefined;
    /** Packages that may satisfy a dependency named `name` (by name or provision), list order. */
    candidates(name: string): T[];
}
/**
 * Columns to wrap -Qi output at, as pacman's getcols(): $COLUMNS when it is a number, else the
 * terminal's width when stdout is a terminal, else 0 (no wrapping).
 */
export declare function outputColumns(env?: NodeJS.ProcessEnv, stdout?: NodeJS.WriteStream): number;
/**
 * pacman's humanize_size + printf("%.2f %s"): the unit grows while the value exceeds 2048, and
 * the value is rounded to two decimals exactly as glibc does (from the exact binary value, ties
 * to even), so e.g. 1.125 prints "1.12" like pacman, not "1.13". Exact in doubles: bytes·100 stays
 * below 2^53 for any real size and the divisor is a power of two.
 */
export declare function humanizeSize(bytes: number): string;
/** strftime("%c") in the C locale, local time ($TZ): `Tue Nov 14 22:13:20 2023`. */
export declare function formatCDate(unixSeconds: number): string;
/** util.c indentprint: word-wraps `str` at `cols`, continuing lines at column `indent`. */
export declare function indentprint(str: string, indent: number, cols: number): string;
/**
 * Reverse dependencies over the local database, computed once for all packages (pacman scans the
 * whole database per package): for each package, the names of the packages whose `depends`
 * (or `optdepends`) it satisfies, in name order.
 */
export declare function reverseDependencies(all: readonly LocalPackage[], index: SatisfierIndex<LocalPackage>, field: 'depends' | 'optdepends'): Map<string, string[]>;
export interface QiContext {
    /** All installed packages (for "[installed]" optional deps). */
    installed: SatisfierIndex<LocalPackage>;
    requiredBy: Map<string, string[]>;
    optionalFor: Map<string, string[]>;
    cols: number;
}
/** One package's `pacman -Qi` block, trailing blank line included. */
export declare function formatQi(p: LocalPackage, ctx: QiContext): string;
export {};
