import { type IncludedFile, type PacmanConf } from '../../core/pacman/pacman-conf.parser.js';
export interface LoadPacmanConfOptions {
    /** The pacman-conf binary; null to use the built-in parser only. Default 'pacman-conf'. */
    pacmanConf?: string | null;
}
type Matcher = (pattern: string) => (name: string) => boolean;
/**
 * glob(3) for an Include value: wildcards in any component, matches sorted, none is an error (as
 * in pacman 6.0). `matcher` is picomatch (loaded by the caller, only when needed).
 */
export declare function expandInclude(pattern: string, from: string, matcher: Matcher): IncludedFile[];
/** Parses `configPath` with core's parser (the fallback when pacman-conf is absent). */
export declare function parsePacmanConfFile(configPath: string): Promise<PacmanConf>;
/** pacman's configuration: via pacman-conf when installed, else the built-in parser. */
export declare function loadPacmanConf(configPath: string, opts?: LoadPacmanConfOptions): Promise<PacmanConf>;
export {};
