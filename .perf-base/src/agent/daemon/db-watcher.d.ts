/** True while pacman holds its lock on `dbpath`. */
export declare function databaseLocked(dbpath: string): boolean;
/** Signature of the local database, or null while it is locked. */
export declare function localDbSignature(dbpath: string): string | null;
/** Signature of the sync databases (a `pacman -Sy` changes it). */
export declare function syncDbSignature(dbpath: string): string;
