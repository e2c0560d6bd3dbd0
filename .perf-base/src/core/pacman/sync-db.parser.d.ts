import { type TarEntry } from './tar.reader.js';
import type { PacmanPackage } from './types.js';
/** A package's identity: what `pacman -Sl` prints. */
export interface PackageId {
    name: string;
    version: string;
}
/** Sorts by name in byte order (libalpm's strcmp), in place. */
export declare function sortByName<T extends {
    name: string;
}>(packages: T[]): T[];
/** Consumes the entries of one sync database. */
export interface SyncDbConsumer<T> {
    add(entry: TarEntry): void;
    /** After the last entry: the packages, sorted by name. */
    finish(): T[];
}
/** Every package with its whole desc. */
export declare class SyncDbPackages implements SyncDbConsumer<PacmanPackage> {
    private readonly file;
    private byEntry;
    constructor(file: string);
    add(entry: TarEntry): void;
    finish(): PacmanPackage[];
}
/** Names and versions only (see the file comment). */
export declare class SyncDbIds implements SyncDbConsumer<PackageId> {
    private readonly file;
    private out;
    private dependsOnly;
    constructor(file: string);
    add(entry: TarEntry): void;
    finish(): PackageId[];
}
/** Parses the tar bytes of a sync database: every package, desc in full, sorted by name. */
export declare function parseSyncDb(tar: Uint8Array, file: string): PacmanPackage[];
/** Names and versions of a sync database, sorted by name, without parsing whole descs. */
export declare function listSyncDb(tar: Uint8Array, file: string): PackageId[];
