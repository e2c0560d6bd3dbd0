// The agent's configuration (README "Agent", Configuration): an INI file plus environment
// overrides, read by the shared mechanism (src/config/config-table.ts) from the table below.
//
// File: `--config FILE`, else $PACSYNC_CONFIG, else ~/.config/pacman-sync/client.conf, else
// /etc/pacman-sync/client.conf (the first that exists; none is fine: defaults and environment).
// A file named explicitly (flag or variable) must exist, except for writers (`register`).
// Precedence per key: PACSYNC_<SECTION>_<KEY> > short form (PACSYNC_SERVER, PACSYNC_API_KEY,
// PACSYNC_STATE_DIR) > file > default. Every value is validated; a bad one is a ConfigError naming
// the key and where it came from (exit 2). An unknown section or key is an error naming file:line
// (a typo must not be silently ignored: a misspelled [pacman] would read the host's database).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { type ConfigSchema, checkValue, describeSource, loadTable, pacsyncEnvName, setting } from '../config/config-table.js';
import { setIniValues } from '../config/ini.editor.js';
import { readIniFile } from '../config/ini.parser.js';
import { absolutePath, archiveUrl, bool, httpUrl, list, seconds, size, text } from './config-values.js';

export interface AgentConfig {
  /** The configuration file that was read, or null when none exists. */
  file: string | null;
  /** Where writeConfigValues() should write (the file read, the one named, or the default). */
  writeTarget: string;
  server: {
    url: string | null;
    apiKey: string | null;
    /** Request timeout in seconds. */
    timeout: number;
    /** Plain http to a host other than this machine is accepted (transport.ts). */
    allowInsecureHttp: boolean;
    /** PEM file of a private CA for the server's certificate, or null for the system's CAs. */
    caFile: string | null;
  };
  client: {
    endpointName: string;
    /** The endpoint's id on the server (written by `register`), or null before registration. */
    endpointId: string | null;
    poolId: string | null;
    /** Package names or globs this machine never syncs (README "Domain rules": Exclusions). */
    exclude: string[];
    /** Where the daemon keeps its report queue (PACSYNC_STATE_DIR, [client] state_dir). */
    stateDir: string;
  };
  /** `pacsync daemon` timings, in seconds. */
  daemon: {
    /** Authenticated contact with the server (keeps the endpoint online). */
    heartbeatInterval: number;
    /** Looking for operations the server started. */
    pollInterval: number;
    /** Checking the local database for changes. */
    watchInterval: number;
    /** Longest wait between retries while the server is unreachable. */
    maxBackoff: number;
  };
  pacman: {
    command: string;
    root: string;
    /** Default `<root>/var/lib/pacman`, like pacman's own --root. */
    dbpath: string;
    configPath: string;
    cacheDir: string;
    /** Arch Linux Archive layout base URL for old versions, or null. */
    archiveUrl: string | null;
    /** Mirrors of the archive layout, tried after archive_url (URLs checked by the executor). */
    archiveMirrors: string[];
    /** Run pacman through sudo (default: when not root). */
    useSudo: boolean;
    /** Largest archive download accepted, in bytes (default 1 GiB). */
    maxDownloadSize: number;
  };
}

/** `[pacman] max_download_size` by default: larger than any Arch package (the biggest are a few hundred MiB). */
export const DEFAULT_MAX_DOWNLOAD_SIZE = 2 ** 30;

/** Every key the agent knows, by section; a default of null is derived by loadConfig (or none). */
export const CONFIG_KEYS = {
  server: {
    url: setting(httpUrl, null, { env: ['PACSYNC_SERVER'] }),
    api_key: setting(text, null, { env: ['PACSYNC_API_KEY'], secret: true }),
    timeout: setting(seconds, '30'),
    allow_insecure_http: setting(bool, 'false'),
    ca_file: setting(absolutePath, null),
  },
  client: {
    /** Default: the host name. */
    endpoint_name: setting(text, null),
    endpoint_id: setting(text, null),
    pool_id: setting(text, null),
    exclude: setting(list, ''),
    /** Default: defaultStateDir(). */
    state_dir: setting(absolutePath, null, { env: ['PACSYNC_STATE_DIR'] }),
  },
  daemon: {
    heartbeat_interval: setting(seconds, '60'),
    poll_interval: setting(seconds, '15'),
    watch_interval: setting(seconds, '5'),
    max_backoff: setting(seconds, '300'),
  },
  pacman: {
    command: setting(text, 'pacman'),
    root: setting(absolutePath, '/'),
    /** Default: <root>/var/lib/pacman. */
    dbpath: setting(absolutePath, null),
    config_path: setting(absolutePath, '/etc/pacman.conf'),
    cache_dir: setting(absolutePath, '/var/cache/pacman/pkg'),
    archive_url: setting(archiveUrl, null),
    archive_mirrors: setting(list, ''),
    /** Default: when not root. */
    use_sudo: setting(bool, null),
    max_download_size: setting(size, '1G'),
  },
};

export type ConfigSection = keyof typeof CONFIG_KEYS;

export const AGENT_CONFIG: ConfigSchema<typeof CONFIG_KEYS> = {
  keys: CONFIG_KEYS,
  envName: pacsyncEnvName,
  refusal: ({ source, problem }) => `${describeSource(source)}: ${problem}`,
};

export interface LoadConfigOptions {
  /** The global --config flag. */
  configFlag?: string;
  env?: NodeJS.ProcessEnv;
  /** Home directory (default os.homedir()). */
  home?: string;
  /** Accept an explicitly named file that does not exist yet (writers such as `register`). */
  allowMissing?: boolean;
}

/** Candidate files in lookup order. */
export function configCandidates(home = homedir()): string[] {
  return [path.join(home, '.config', 'pacman-sync', 'client.conf'), '/etc/pacman-sync/client.conf'];
}

/**
 * The daemon's state directory when none is configured: beside a configuration file named
 * explicitly (--config, PACSYNC_CONFIG), else /var/lib/pacman-sync for root, else
 * $XDG_STATE_HOME/pacman-sync (~/.local/state/pacman-sync).
 */
function defaultStateDir(namedFile: string | null, env: NodeJS.ProcessEnv, home = homedir()): string {
  if (namedFile !== null) return path.dirname(namedFile);
  if (process.getuid?.() === 0) return '/var/lib/pacman-sync';
  const xdg = env.XDG_STATE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'state'), 'pacman-sync');
}

/** Loads and validates the configuration. Throws ConfigError. */
export function loadConfig(opts: LoadConfigOptions = {}): AgentConfig {
  const env = opts.env ?? process.env;
  const named = opts.configFlag ?? (env.PACSYNC_CONFIG || undefined);
  let file: string | null = null;
  let writeTarget: string;
  if (named !== undefined) {
    const abs = path.resolve(named);
    writeTarget = abs;
    if (existsSync(abs)) file = abs;
    else if (!opts.allowMissing) throw new ConfigError(`configuration file ${abs} not found`, abs);
  } else {
    const candidates = configCandidates(opts.home);
    file = candidates.find((c) => existsSync(c)) ?? null;
    writeTarget = file ?? (process.getuid?.() === 0 ? (candidates[1] as string) : (candidates[0] as string));
  }

  const {
    server: s,
    client: c,
    daemon: d,
    pacman: p,
  } = loadTable(AGENT_CONFIG, {
    file: file !== null ? readIniFile(file) : null,
    env,
    cwd: process.cwd(),
  }).values;
  return {
    file,
    writeTarget,
    server: { url: s.url, apiKey: s.api_key, timeout: s.timeout, allowInsecureHttp: s.allow_insecure_http, caFile: s.ca_file },
    client: {
      endpointName: c.endpoint_name ?? hostname(),
      endpointId: c.endpoint_id,
      poolId: c.pool_id,
      exclude: c.exclude,
      stateDir: c.state_dir ?? defaultStateDir(named !== undefined ? writeTarget : null, env, opts.home),
    },
    daemon: { heartbeatInterval: d.heartbeat_interval, pollInterval: d.poll_interval, watchInterval: d.watch_interval, maxBackoff: d.max_backoff },
    pacman: {
      command: p.command,
      root: p.root,
      dbpath: p.dbpath ?? path.join(p.root, 'var/lib/pacman'),
      configPath: p.config_path,
      cacheDir: p.cache_dir,
      archiveUrl: p.archive_url,
      archiveMirrors: p.archive_mirrors,
      useSudo: p.use_sudo ?? process.getuid?.() !== 0,
      maxDownloadSize: p.max_download_size,
    },
  };
}

/**
 * Sets keys in the configuration file (creating it and its directory if needed), keeping every
 * other line — comments included — as it was (src/config/ini.editor.ts). The file is replaced
 * atomically and left with mode 0600: it holds the endpoint's API key. Values are validated like
 * loadConfig does.
 */
export function writeConfigValues(file: string, updates: Partial<Record<ConfigSection, Record<string, string>>>): void {
  for (const [section, kv] of Object.entries(updates)) {
    for (const [key, value] of Object.entries(kv ?? {})) {
      try {
        checkValue(AGENT_CONFIG, section, key, value, process.cwd());
      } catch (err) {
        throw err instanceof ConfigError ? new ConfigError(err.message, file, err.key) : err;
      }
    }
  }
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`cannot read configuration file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
    }
  }
  const updated = setIniValues(text, Object.fromEntries(Object.entries(updates).map(([s, kv]) => [s, kv ?? {}])));
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, updated, { mode: 0o600 });
    chmodSync(tmp, 0o600); // exactly 0600 whatever the umask
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ConfigError(`cannot write configuration file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
  }
}
