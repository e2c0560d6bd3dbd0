// What the executor needs to know about this machine's pacman, built from the agent configuration.
import type { AgentConfig } from '../config.js';
import { ConfigError } from '../errors.js';
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
  /** Largest archive download accepted ([pacman] max_download_size). Default 1 GiB. */
  maxDownloadBytes?: number;
  /** The gpg binary that checks package signatures against pacman's keyring. Default 'gpg'. */
  gpg?: string;
  /** Whether sudo may prompt for a password (default: stdin is a terminal). */
  interactive?: boolean;
  /** The pacman-conf binary, or null for the built-in pacman.conf parser. Default 'pacman-conf'. */
  pacmanConf?: string | null;
  /** Where archive downloads are staged (a new directory is made inside). Default os.tmpdir(). */
  tmpDir?: string;
  signal?: AbortSignal;
}

function checkUrl(url: string, key: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`[pacman] ${key}: '${url}' is not a URL`, undefined, key);
  }
  if (!['http:', 'https:', 'file:'].includes(u.protocol)) {
    throw new ConfigError(`[pacman] ${key}: '${url}' is not an http(s) or file URL`, undefined, key);
  }
  return url.replace(/\/+$/, '');
}

/**
 * The executor context for `config`. The `archive_mirrors` URLs (a list key the configuration
 * loader only splits) are checked here: a bad one is a ConfigError naming the key.
 */
export function executorContext(config: AgentConfig, extra: Partial<ExecutorContext> = {}): ExecutorContext {
  const p = config.pacman;
  const mirrors = [...p.archiveMirrors, ...(extra.pacman?.archiveMirrors ?? [])].map((m) => checkUrl(m, 'archive_mirrors'));
  return {
    timeoutMs: config.server.timeout * 1000,
    maxDownloadBytes: p.maxDownloadSize,
    exclude: config.client.exclude,
    ...extra,
    pacman: {
      command: p.command,
      root: p.root,
      dbpath: p.dbpath,
      configPath: p.configPath,
      cacheDir: p.cacheDir,
      useSudo: p.useSudo,
      archiveUrl: p.archiveUrl,
      ...extra.pacman,
      archiveMirrors: mirrors,
    },
  };
}

/** The archive bases to try, in order. */
export function archiveBases(ctx: ExecutorContext): string[] {
  const bases = [ctx.pacman.archiveUrl, ...(ctx.pacman.archiveMirrors ?? [])].filter((b): b is string => typeof b === 'string' && b !== '');
  return [...new Set(bases.map((b) => b.replace(/\/+$/, '')))];
}
