import type { PacmanPackage } from '../../core/pacman/types.js';
/** Package file extensions, preferred first (zstd is Arch's default since 2020, xz before). */
export declare const PACKAGE_EXTENSIONS: readonly [".pkg.tar.zst", ".pkg.tar.xz", ".pkg.tar.gz", ".pkg.tar.bz2", ".pkg.tar"];
/** `name-version-arch.pkg.tar.zst`. */
export declare function packageFileName(name: string, version: string, arch: string, ext?: string): string;
/**
 * The arch part of `file` when it is a package file of exactly `name` and `version` with one of
 * the package extensions (signatures and partial downloads are not); null otherwise.
 */
export declare function matchPackageFile(file: string, name: string, version: string): {
    arch: string;
    ext: string;
} | null;
/**
 * Checks that `file` starts like a package compressed as its extension says and is not too small
 * to be one. Returns the problem, or null when it looks right.
 */
export declare function checkPackageBytes(file: string): Promise<string | null>;
/** The package's `.PKGINFO`, read with bsdtar (libarchive: every compression pacman reads). */
export declare function readPackageInfo(file: string): Promise<PacmanPackage>;
/**
 * Checks `file` is package `name` `version` (bytes, then .PKGINFO) and returns its metadata.
 * Throws PacmanFormatError naming the file and the problem.
 */
export declare function verifyPackageFile(file: string, name: string, version: string): Promise<PacmanPackage>;
