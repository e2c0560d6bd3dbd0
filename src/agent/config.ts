// The agent's configuration (SPEC §6): an INI file plus environment overrides.
//
// File: `--config FILE`, else $PACSYNC_CONFIG, else ~/.config/pacman-sync/client.conf, else
// /etc/pacman-sync/client.conf (the first that exists; none is fine: defaults and environment).
// A file named explicitly (flag or variable) must exist, except for writers (`register`).
// Precedence per key: PACSYNC_<SECTION>_<KEY> > short form (PACSYNC_SERVER, PACSYNC_API_KEY) >
// file > default. Every value is validated; a bad one is a ConfigError naming the key and where it
// came from (exit 2). Unknown keys in our sections are errors too (a typo must not be silently
// ignored); unknown sections are left alone.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import type * as Ini from 'ini';
import { ConfigError } from './errors.js';

// `ini` (CommonJS) is required, not imported, and only when a file is read or written: every
// agent command loads this module, and `pacsync query`/`repo-list` must start about as fast as
// pacman; importing a CommonJS package from ESM runs Node's export scanner over it first
// (measured: ~2 ms of start-up saved with no configuration file, ~1 ms with one).
const requireCjs = createRequire(import.meta.url);
let iniModule: typeof Ini | undefined;
const ini = (): typeof Ini => (iniModule ??= requireCjs('ini') as typeof Ini);

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
    /** Package names or globs this machine never syncs (SPEC §4 per-endpoint exclusions). */
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

type Kind = 'string' | 'url' | 'seconds' | 'list' | 'path' | 'bool' | 'size';

/** Every key the agent knows, by section. */
export const CONFIG_KEYS = {
  server: { url: 'url', api_key: 'string', timeout: 'seconds', allow_insecure_http: 'bool', ca_file: 'path' },
  client: { endpoint_name: 'string', endpoint_id: 'string', pool_id: 'string', exclude: 'list', state_dir: 'path' },
  daemon: { heartbeat_interval: 'seconds', poll_interval: 'seconds', watch_interval: 'seconds', max_backoff: 'seconds' },
  pacman: {
    command: 'string',
    root: 'path',
    dbpath: 'path',
    config_path: 'path',
    cache_dir: 'path',
    archive_url: 'url',
    archive_mirrors: 'list',
    use_sudo: 'bool',
    max_download_size: 'size',
  },
} as const satisfies Record<string, Record<string, Kind>>;

export type ConfigSection = keyof typeof CONFIG_KEYS;

const SHORT_ENV: Record<string, [ConfigSection, string]> = {
  PACSYNC_SERVER: ['server', 'url'],
  PACSYNC_API_KEY: ['server', 'api_key'],
  PACSYNC_STATE_DIR: ['client', 'state_dir'],
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

type Raw = Record<string, unknown>;

function readIni(file: string): Record<string, Raw> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read configuration file ${file}: ${code === 'ENOENT' ? 'not found' : (code ?? String(err))}`, file);
  }
  const parsed = ini().parse(text) as Raw;
  const out: Record<string, Raw> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out[k] = v as Raw;
    else throw new ConfigError(`${file}: key '${k}' is outside a section`, file, k);
  }
  return out;
}

function validate(kind: Kind, value: unknown, where: string, file?: string, key?: string): string | number | boolean | string[] {
  const bad = (why: string): ConfigError => new ConfigError(`${where}: ${why}`, file, key);
  if (kind === 'list') {
    const items = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/);
    return items.map((s) => s.trim()).filter((s) => s !== '');
  }
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value;
    const s = String(value).trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(s)) return true;
    if (['false', 'no', 'off', '0'].includes(s)) return false;
    throw bad(`'${String(value)}' is not a boolean (true/false)`);
  }
  if (typeof value !== 'string') throw bad('expected a single value');
  const s = value.trim();
  if (s === '') throw bad('must not be empty');
  switch (kind) {
    case 'url': {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        throw bad(`'${s}' is not a URL`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:' && !(key === 'archive_url' && u.protocol === 'file:')) {
        throw bad(`'${s}' is not an http(s) URL`);
      }
      return s.replace(/\/+$/, '');
    }
    case 'seconds': {
      const n = Number(s);
      if (!Number.isFinite(n) || n <= 0) throw bad(`'${s}' is not a positive number of seconds`);
      return n;
    }
    case 'size': {
      // Bytes, or with a binary unit: 1073741824, 512M, 1G, 1GiB (K, M, G, T; case-insensitive).
      const m = /^(\d+)\s*(?:([kmgt])(?:i?b)?|b)?$/i.exec(s);
      const unit = m?.[2] === undefined ? 0 : 'kmgt'.indexOf(m[2].toLowerCase()) + 1;
      const n = m ? Number(m[1]) * 1024 ** unit : NaN;
      if (!Number.isSafeInteger(n) || n <= 0) throw bad(`'${s}' is not a size (bytes, or a number with K, M, G or T)`);
      return n;
    }
    case 'path':
      if (!path.isAbsolute(s)) throw bad(`'${s}' is not an absolute path`);
      return path.normalize(s);
    default:
      return s;
  }
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

/** `unknown section [x] (did you mean [y]?; the sections are …)`. */
function unknownSection(section: string): string {
  const known = Object.keys(CONFIG_KEYS);
  const near = known.find((k) => k === section.toLowerCase() || editDistance(k, section.toLowerCase()) <= 2);
  return `unknown section [${section}] (${near !== undefined ? `did you mean [${near}]?; ` : ''}the sections are ${known.map((k) => `[${k}]`).join(', ')})`;
}

/** Levenshtein distance, for "did you mean" (short words only). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
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

  const fromFile = file !== null ? readIni(file) : {};
  for (const section of Object.keys(fromFile)) {
    // A misspelled section must not be skipped: its keys (a dbpath, a server) would silently
    // fall back to the defaults, and the agent would read and report another database.
    if (!Object.prototype.hasOwnProperty.call(CONFIG_KEYS, section))
      throw new ConfigError(`${file}: ${unknownSection(section)}`, file ?? undefined, section);
  }
  const values: Record<string, Record<string, unknown>> = {};
  for (const section of Object.keys(CONFIG_KEYS) as ConfigSection[]) {
    const known: Record<string, Kind> = CONFIG_KEYS[section];
    const out: Record<string, unknown> = (values[section] = {});
    for (const [key, raw] of Object.entries(fromFile[section] ?? {})) {
      const kind = known[key];
      if (kind === undefined) throw new ConfigError(`${file}: unknown key '${key}' in [${section}]`, file ?? undefined, key);
      out[key] = validate(kind, raw, `${file} [${section}] ${key}`, file ?? undefined, key);
    }
  }
  const fromEnv = (name: string, section: ConfigSection, key: string): void => {
    const v = env[name];
    if (v === undefined || v === '') return;
    const kind = (CONFIG_KEYS[section] as Record<string, Kind>)[key] as Kind;
    (values[section] as Record<string, unknown>)[key] = validate(kind, v, name, undefined, key);
  };
  for (const [name, [section, key]] of Object.entries(SHORT_ENV)) fromEnv(name, section, key);
  for (const section of Object.keys(CONFIG_KEYS) as ConfigSection[]) {
    for (const key of Object.keys(CONFIG_KEYS[section])) fromEnv(`PACSYNC_${section.toUpperCase()}_${key.toUpperCase()}`, section, key);
  }

  const s = values.server ?? {};
  const c = values.client ?? {};
  const p = values.pacman ?? {};
  const d = values.daemon ?? {};
  const root = (p.root as string | undefined) ?? '/';
  return {
    file,
    writeTarget,
    server: {
      url: (s.url as string | undefined) ?? null,
      apiKey: (s.api_key as string | undefined) ?? null,
      timeout: (s.timeout as number | undefined) ?? 30,
      allowInsecureHttp: (s.allow_insecure_http as boolean | undefined) ?? false,
      caFile: (s.ca_file as string | undefined) ?? null,
    },
    client: {
      endpointName: (c.endpoint_name as string | undefined) ?? hostname(),
      endpointId: (c.endpoint_id as string | undefined) ?? null,
      poolId: (c.pool_id as string | undefined) ?? null,
      exclude: (c.exclude as string[] | undefined) ?? [],
      stateDir: (c.state_dir as string | undefined) ?? defaultStateDir(named !== undefined ? writeTarget : null, env, opts.home),
    },
    daemon: {
      heartbeatInterval: (d.heartbeat_interval as number | undefined) ?? 60,
      pollInterval: (d.poll_interval as number | undefined) ?? 15,
      watchInterval: (d.watch_interval as number | undefined) ?? 5,
      maxBackoff: (d.max_backoff as number | undefined) ?? 300,
    },
    pacman: {
      command: (p.command as string | undefined) ?? 'pacman',
      root,
      dbpath: (p.dbpath as string | undefined) ?? path.join(root, 'var/lib/pacman'),
      configPath: (p.config_path as string | undefined) ?? '/etc/pacman.conf',
      cacheDir: (p.cache_dir as string | undefined) ?? '/var/cache/pacman/pkg',
      archiveUrl: (p.archive_url as string | undefined) ?? null,
      archiveMirrors: (p.archive_mirrors as string[] | undefined) ?? [],
      useSudo: (p.use_sudo as boolean | undefined) ?? process.getuid?.() !== 0,
      maxDownloadSize: (p.max_download_size as number | undefined) ?? DEFAULT_MAX_DOWNLOAD_SIZE,
    },
  };
}

/**
 * Sets keys in the configuration file (creating it and its directory if needed), keeping every
 * other line — comments included — as it was. The file is replaced atomically and left with mode
 * 0600: it holds the endpoint's API key. Values are validated like loadConfig does.
 */
export function writeConfigValues(file: string, updates: Partial<Record<ConfigSection, Record<string, string>>>): void {
  for (const [section, kv] of Object.entries(updates) as [ConfigSection, Record<string, string>][]) {
    for (const [key, value] of Object.entries(kv)) {
      const kind = (CONFIG_KEYS[section] as Record<string, Kind> | undefined)?.[key];
      if (kind === undefined) throw new ConfigError(`unknown configuration key [${section}] ${key}`, file, key);
      validate(kind, value, `[${section}] ${key}`, file, key);
    }
  }
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`cannot read configuration file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
    }
  }
  const pending = new Map(Object.entries(updates).map(([s, kv]) => [s, new Map(Object.entries(kv ?? {}))]));
  const out: string[] = [];
  let section: string | null = null;
  const flush = (): void => {
    const rest = section !== null ? pending.get(section) : undefined;
    if (!rest) return;
    // Keep a section's trailing blank lines after the keys we add.
    let blanks = 0;
    while (out.length > 0 && out[out.length - 1]?.trim() === '') {
      out.pop();
      blanks++;
    }
    for (const [k, v] of rest) out.push(`${k} = ${ini().safe(v)}`);
    rest.clear();
    for (let i = 0; i < blanks; i++) out.push('');
  };
  for (const line of lines) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      flush();
      section = (header[1] as string).trim();
      out.push(line);
      continue;
    }
    const kv = /^\s*([^=;#[\s][^=]*?)\s*=/.exec(line);
    const want = section !== null && kv ? pending.get(section)?.get(kv[1] as string) : undefined;
    if (want !== undefined && section !== null && kv) {
      out.push(`${kv[1]} = ${ini().safe(want)}`);
      pending.get(section)?.delete(kv[1] as string);
    } else {
      out.push(line);
    }
  }
  flush();
  for (const [s, rest] of pending) {
    if (rest.size === 0) continue;
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    out.push(`[${s}]`);
    for (const [k, v] of rest) out.push(`${k} = ${ini().safe(v)}`);
  }
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, `${out.join('\n')}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600); // exactly 0600 whatever the umask
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ConfigError(`cannot write configuration file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
  }
}
