import { type PackageId } from '../../core/pacman/sync-db.parser.js';
import type { PacmanPackage } from '../../core/pacman/types.js';
export declare function syncDbFile(dbpath: string, repo: string): string;
/** Every package of `repo` with its full desc, sorted by name; null when the db file is absent. */
export declare function readSyncDb(dbpath: string, repo: string): Promise<PacmanPackage[] | null>;
/** Names and versions of `repo` (the fast path for `repo-list`); null when the db file is absent. */
export declare function listSyncDbPackages(dbpath: string, repo: string): Promise<PackageId[] | null>;
