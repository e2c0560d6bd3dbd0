// Where `pacsync-admin` finds its server and key: flags, then the environment, then a small INI
// file. The key is never taken from the command line (argv is readable by every user through ps
// and /proc, and lands in shell history): only from a file (--key-file, PACSYNC_ADMIN_KEY_FILE,
// [server] key_file), PACSYNC_ADMIN_KEY, or [server] api_key in a configuration file that only
// its owner can read. Every problem here is a ConfigError (exit 2) and never quotes the key. The
// file is read by the shared mechanism (src/config/config-table.ts) from the table below.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { bool, text } from '../agent/config-values.js';
import type { TransportOptions } from '../agent/transport.js';
import { ConfigError } from '../config/config-error.js';
import { type ConfigSchema, type Parser, ValueRefused, describeSource, loadTable, setting } from '../config/config-table.js';
import { type IniDocument, readIniFile } from '../config/ini.parser.js';
import { printable } from '../core/printable.js';

/** The global options every command sees (program.ts defines them). */
export interface GlobalOptions {
  server?: string;
  keyFile?: string;
  caFile?: string;
  allowInsecureHttp?: boolean;
  timeout?: string;
  config?: string;
  json?: boolean;
}

export interface ConnectionSettings {
  url: string;
  apiKey: string;
  timeoutMs: number;
  transport: TransportOptions;
}

/** Names the messages use for the transport settings (src/agent/transport.ts). */
export const ADMIN_TRANSPORT_NAMES = {
  atStake: 'the admin key',
  allowInsecureHttp: 'pass --allow-insecure-http (PACSYNC_ADMIN_ALLOW_INSECURE_HTTP=true, [server] allow_insecure_http = true)',
  caFile: '--ca-file',
};

function refuse(problem: string): never {
  throw new ValueRefused(problem);
}

/** A path in the file is taken from the file's directory (as the server's); from a flag or the environment, as given. */
const adminPath: Parser<string> = (value, ctx) => (ctx.source.kind === 'file' ? path.resolve(ctx.baseDir, value) : value);

/** Seconds (0 < s <= 3600) → milliseconds. */
const timeoutMs: Parser<number> = (value) => {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 3600) refuse(`'${value}' is not a number of seconds from 0 to 3600`);
  return Math.round(n * 1000);
};

/** The one section of admin.conf, and where else each key may come from (no PACSYNC_<SECTION>_<KEY> names here). */
export const CONFIG_KEYS = {
  server: {
    url: setting(text, null, { flag: '--server', env: ['PACSYNC_ADMIN_SERVER'] }),
    key_file: setting(adminPath, null, { flag: '--key-file', env: ['PACSYNC_ADMIN_KEY_FILE'] }),
    api_key: setting(text, null, { env: ['PACSYNC_ADMIN_KEY'], secret: true }),
    ca_file: setting(adminPath, null, { flag: '--ca-file', env: ['PACSYNC_ADMIN_CA_FILE'] }),
    allow_insecure_http: setting(bool, 'false', { flag: '--allow-insecure-http', env: ['PACSYNC_ADMIN_ALLOW_INSECURE_HTTP'] }),
    timeout: setting(timeoutMs, '30', { flag: '--timeout', env: ['PACSYNC_ADMIN_TIMEOUT'] }),
  },
};

const ADMIN_CONFIG: ConfigSchema<typeof CONFIG_KEYS> = {
  keys: CONFIG_KEYS,
  envName: null,
  refusal: ({ source, problem }) => `${describeSource(source)}: ${problem}`,
};

/** The configuration file: --config, $PACSYNC_ADMIN_CONFIG, else ~/.config/pacman-sync/admin.conf when it exists. */
export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv): { file: string; explicit: boolean } {
  const given = flag ?? nonEmpty(env.PACSYNC_ADMIN_CONFIG);
  if (given !== undefined) return { file: given, explicit: true };
  const base = nonEmpty(env.XDG_CONFIG_HOME) ?? path.join(nonEmpty(env.HOME) ?? homedir(), '.config');
  return { file: path.join(base, 'pacman-sync', 'admin.conf'), explicit: false };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** The configuration file, read; null when the usual one does not exist. ConfigError for a named one that cannot be read. */
function readConfigFile(flag: string | undefined, env: NodeJS.ProcessEnv): IniDocument | null {
  const where = configPath(flag, env);
  if (!where.explicit && !existsSync(where.file)) return null;
  const doc = readIniFile(where.file);
  // The key in the file itself only when nobody else may read it (its owner's laptop).
  if (doc.sections.get('server')?.entries.get('api_key')?.value) {
    const mode = statSync(where.file).mode;
    if ((mode & 0o077) !== 0) {
      throw new ConfigError(
        `configuration file ${where.file} holds [server] api_key but other users may ` +
          `read it (mode ${(mode & 0o777).toString(8)}): chmod 600 it, or use key_file`,
        where.file,
        'server.api_key',
      );
    }
  }
  return doc;
}

/** Reads a key file: its first line, trimmed. The key itself is never part of a message. */
export function readKeyFile(file: string, from: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${from} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file);
  }
  const key = (text.split('\n')[0] ?? '').trim();
  if (key === '') throw new ConfigError(`${from} ${file}: the file is empty (it should hold the API key on its first line)`, file);
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0)
    process.stderr.write(`warning: ${printable(file)} (${from}) may be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it\n`);
  return key;
}

/** The server, key and transport for this run (see the file comment for the order). */
export function connectionSettings(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const doc = readConfigFile(opts.config, env);
  const { values, sources } = loadTable(ADMIN_CONFIG, {
    file: doc,
    env,
    flags: {
      '--server': opts.server,
      '--key-file': opts.keyFile,
      '--ca-file': opts.caFile,
      '--allow-insecure-http': opts.allowInsecureHttp === true ? 'true' : undefined,
      '--timeout': opts.timeout,
    },
    cwd: process.cwd(),
  });
  const { url, key_file: keyFile, api_key: inlineKey } = values.server;
  if (url === null) {
    throw new ConfigError('no server given: pass --server URL, set PACSYNC_ADMIN_SERVER, or write [server] url in ~/.config/pacman-sync/admin.conf');
  }

  // The key: --key-file, then PACSYNC_ADMIN_KEY, then PACSYNC_ADMIN_KEY_FILE, then the file's
  // key_file, then its api_key.
  const keySource = sources['server.key_file'];
  const inlineSource = sources['server.api_key'];
  const fromKeyFile = (): string | undefined => {
    if (keyFile === null || keySource === undefined) return undefined;
    return readKeyFile(keyFile, keySource.kind === 'file' ? `[server] key_file in ${keySource.file}` : describeSource(keySource));
  };
  const apiKey =
    keySource?.kind === 'flag' ? fromKeyFile() : inlineSource?.kind === 'env' || keySource === undefined ? (inlineKey ?? undefined) : fromKeyFile();
  if (apiKey === undefined || apiKey === '') {
    throw new ConfigError(
      'no API key given: pass --key-file FILE, set PACSYNC_ADMIN_KEY_FILE or ' +
        'PACSYNC_ADMIN_KEY, or write [server] key_file in ~/.config/pacman-sync/admin.conf',
    );
  }

  return {
    url,
    apiKey,
    timeoutMs: values.server.timeout,
    transport: { allowInsecureHttp: values.server.allow_insecure_http, caFile: values.server.ca_file, names: ADMIN_TRANSPORT_NAMES },
  };
}
