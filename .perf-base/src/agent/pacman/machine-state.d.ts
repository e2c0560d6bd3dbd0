import type { PackageStateData, RepositorySnapshot } from '../../core/package-state.js';
import type { PacmanConf } from '../../core/pacman/pacman-conf.parser.js';
import type { PacmanPackage } from '../../core/pacman/types.js';
import type { ExecutorContext } from './executor-context.js';
import { type LocalPackage } from './local-db.reader.js';
export interface SyncRepo {
    name: string;
    servers: string[];
    /** `<dbpath>/sync/<name>.db` */
    file: string;
    /** null when the database was never downloaded (`pacman -Sy` not run yet). */
    packages: PacmanPackage[] | null;
    byName: Map<string, PacmanPackage>;
}
export interface Machine {
    conf: PacmanConf;
    local: LocalPackage[];
    localByName: Map<string, LocalPackage>;
    /** In pacman.conf order (pacman's order of preference). */
    repos: SyncRepo[];
    /** Package architectures this machine installs: pacman.conf's (or the machine's) and `any`. */
    arches: string[];
}
/** Reads pacman.conf, the local and the sync databases. Throws PacmanFormatError naming a bad file. */
export declare function readMachine(ctx: ExecutorContext): Promise<Machine>;
/**
 * Names and patterns this machine excludes: the agent's `exclude`, pacman.conf's IgnorePkg (as
 * written: pacman matches them as globs) and every known package in an IgnoreGroup group.
 */
export declare function machineExclusions(m: Machine, exclude?: readonly string[]): string[];
/** Package name → groups, from the local and sync databases (for IgnoreGroup). */
export declare function machineGroups(m: Machine): Map<string, string[]>;
/** The sync databases the state is taken against (name, first server, hash and date of the file). */
export declare function repositorySnapshots(m: Machine): Promise<RepositorySnapshot[]>;
/** The package state of `m`. */
export declare function stateOfMachine(m: Machine, ctx: ExecutorContext): Promise<PackageStateData>;
/** Reads the machine and builds its current package state. */
export declare function readCurrentState(ctx: ExecutorContext): Promise<PackageStateData>;
