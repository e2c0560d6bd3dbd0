import type { AgentConfig } from '../config.js';
import type { PacmanSettings } from './pacman-runner.js';
export interface ExecutorContext {
    pacman: PacmanSettings & {
        /** Arch Linux Archive layout base URL, or null. */
        archiveUrl: string | null;
        /** Further bases of the same layout, tried after archiveUrl in order. */
        archiveMirrors?: string[];
    };
    /** The agent's own exclusions (config [client] exclude): reported in the state. */
    exclude?: string[];
    /** Environment for pacman, sudo and the snapper lookup (PATH). Default process.env. */
    env?: NodeJS.ProcessEnv;
    /** Archive request timeout (headers, and silence during a download). Default 30 s. */
    timeoutMs?: number;
    /** Whether sudo may prompt for a password (default: stdin is a terminal). */
    interactive?: boolean;
    /** The pacman-conf binary, or null for the built-in pacman.conf parser. Default 'pacman-conf'. */
    pacmanConf?: string | null;
    /** Where archive downloads are staged (a new directory is made inside). Default os.tmpdir(). */
    tmpDir?: string;
    signal?: AbortSignal;
}
/**
 * The executor context for `config`. The `archive_mirrors` URLs (a list key the configuration
 * loader only splits) are checked here: a bad one is a ConfigError naming the key.
 */
export declare function executorContext(config: AgentConfig, extra?: Partial<ExecutorContext>): ExecutorContext;
/** The archive bases to try, in order. */
export declare function archiveBases(ctx: ExecutorContext): string[];
