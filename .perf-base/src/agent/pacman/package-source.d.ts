import type { PacmanPackage } from '../../core/pacman/types.js';
import { type ExecutorContext } from './executor-context.js';
import type { Machine } from './machine-state.js';
export type PackageSource = {
    kind: 'repository';
    repository: string;
    filename: string;
    package: PacmanPackage;
} | {
    kind: 'cache';
    path: string;
}
/** `url` answered; `fallbacks` are the other candidate URLs, tried if its download is not the package. */
 | {
    kind: 'archive';
    url: string;
    fallbacks: string[];
};
export interface NeededVersion {
    name: string;
    version: string;
    /** The package's architecture when known (from the target state), tried first. */
    arch?: string | null;
    /** The sync repository the target has it from (null: foreign, in no repository). */
    repository?: string | null;
}
export interface Resolution {
    source: PackageSource | null;
    /** What was looked at, for the error message when nothing had it. */
    tried: string[];
    /**
     * The sync databases look out of date for this package: not downloaded yet, or holding an older
     * version than wanted. A `pacman -Sy` may make it available from the repository.
     */
    stale: boolean;
}
export declare class SourceResolver {
    private readonly machine;
    private readonly ctx;
    private readonly cacheDirs;
    private listings;
    constructor(machine: Machine, ctx: ExecutorContext);
    /** Architectures to look for, preferred first. */
    private arches;
    private fromRepos;
    private listCaches;
    private fromCache;
    /** Every archive URL for `need`, in the order they are tried. */
    archiveCandidates(need: NeededVersion): string[];
    private fromArchive;
    resolve(need: NeededVersion): Promise<Resolution>;
}
