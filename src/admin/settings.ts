// Where `pacsync-admin` finds its server and key: flags, then the environment, then a small INI
// file. The key is never taken from the command line (argv is readable by every user through ps
// and /proc, and lands in shell history): only from a file (--key-file, PACSYNC_ADMIN_KEY_FILE,
// [server] key_file), PACSYNC_ADMIN_KEY, or [server] api_key in a configuration file that only
// its owner can read. Every problem here is a ConfigError (exit 2) and never quotes the key.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse as parseIni } from 'ini';
import { ConfigError } from '../agent/errors.js';
import { printable } from '../core/printable.js';
import type { TransportOptions } from '../agent/transport.js';

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

const FILE_KEYS = new Set(['url', 'key_file', 'api_key', 'ca_file', 'allow_insecure_http', 'timeout']);

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

interface FileSettings {
  file: string;
  values: Record<string, string>;
}

function readConfigFile(flag: string | undefined, env: NodeJS.ProcessEnv): FileSettings | null {
  const where = configPath(flag, env);
  let text: string;
  try {
    text = readFileSync(where.file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !where.explicit) return null;
    throw new ConfigError(`configuration file ${where.file}: cannot read it (${code ?? String(err)})`, where.file);
  }
  const parsed = parseIni(text) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [section, body] of Object.entries(parsed)) {
    if (section !== 'server' || typeof body !== 'object' || body === null) {
      throw new ConfigError(`configuration file ${where.file}: unknown section or key '${section}' (only [server] is read)`, where.file);
    }
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (!FILE_KEYS.has(k))
        throw new ConfigError(`configuration file ${where.file}: unknown key [server] ${k} (known: ${[...FILE_KEYS].join(', ')})`, where.file, k);
      values[k] = String(v).trim();
    }
  }
  if (values.api_key !== undefined) {
    const mode = statSync(where.file).mode & 0o077;
    if (mode !== 0) {
      throw new ConfigError(
        `configuration file ${where.file} holds [server] api_key but other users may read it (mode ${(statSync(where.file).mode & 0o777).toString(8)}): chmod 600 it, or use key_file`,
        where.file,
        'api_key',
      );
    }
  }
  return { file: where.file, values };
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

function parseBoolean(value: string, from: string): boolean {
  const v = value.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new ConfigError(`${from}: '${value}' is not a boolean (true/false)`);
}

function parseTimeout(value: string, from: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 3600) throw new ConfigError(`${from}: '${value}' is not a number of seconds from 0 to 3600`);
  return Math.round(n * 1000);
}

/** The server, key and transport for this run (see the file comment for the order). */
export function connectionSettings(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const file = readConfigFile(opts.config, env);
  const inFile = (k: string): { value: string; from: string } | undefined =>
    file?.values[k] !== undefined && file.values[k] !== '' ? { value: file.values[k] as string, from: `[server] ${k} in ${file.file}` } : undefined;
  const pick = (flag: string | undefined, flagName: string, envName: string, fileKey: string): { value: string; from: string } | undefined => {
    if (flag !== undefined) return { value: flag, from: flagName };
    const e = nonEmpty(env[envName]);
    if (e !== undefined) return { value: e, from: envName };
    return inFile(fileKey);
  };

  const url = pick(opts.server, '--server', 'PACSYNC_ADMIN_SERVER', 'url');
  if (url === undefined) {
    throw new ConfigError('no server given: pass --server URL, set PACSYNC_ADMIN_SERVER, or write [server] url in ~/.config/pacman-sync/admin.conf');
  }

  let apiKey: string | undefined;
  if (opts.keyFile !== undefined) apiKey = readKeyFile(opts.keyFile, '--key-file');
  else if (nonEmpty(env.PACSYNC_ADMIN_KEY) !== undefined) apiKey = (env.PACSYNC_ADMIN_KEY as string).trim();
  else if (nonEmpty(env.PACSYNC_ADMIN_KEY_FILE) !== undefined) apiKey = readKeyFile(env.PACSYNC_ADMIN_KEY_FILE as string, 'PACSYNC_ADMIN_KEY_FILE');
  else if (inFile('key_file')) apiKey = readKeyFile(resolveFrom(file, inFile('key_file')!.value), `[server] key_file in ${file!.file}`);
  else if (inFile('api_key')) apiKey = inFile('api_key')!.value;
  if (apiKey === undefined || apiKey === '') {
    throw new ConfigError(
      'no API key given: pass --key-file FILE, set PACSYNC_ADMIN_KEY_FILE or PACSYNC_ADMIN_KEY, or write [server] key_file in ~/.config/pacman-sync/admin.conf',
    );
  }

  const insecure =
    opts.allowInsecureHttp === true
      ? true
      : (() => {
          const e = nonEmpty(env.PACSYNC_ADMIN_ALLOW_INSECURE_HTTP);
          if (e !== undefined) return parseBoolean(e, 'PACSYNC_ADMIN_ALLOW_INSECURE_HTTP');
          const f = inFile('allow_insecure_http');
          return f ? parseBoolean(f.value, f.from) : false;
        })();
  const ca = pick(opts.caFile, '--ca-file', 'PACSYNC_ADMIN_CA_FILE', 'ca_file');
  const timeout = pick(opts.timeout, '--timeout', 'PACSYNC_ADMIN_TIMEOUT', 'timeout');

  return {
    url: url.value,
    apiKey,
    timeoutMs: timeout ? parseTimeout(timeout.value, timeout.from) : 30_000,
    transport: {
      allowInsecureHttp: insecure,
      caFile: ca ? (ca.from.startsWith('[server]') ? resolveFrom(file, ca.value) : ca.value) : null,
      names: ADMIN_TRANSPORT_NAMES,
    },
  };
}

/** A relative path in the configuration file is taken from the file's directory (as the server's). */
function resolveFrom(file: FileSettings | null, p: string): string {
  return file === null || path.isAbsolute(p) ? p : path.resolve(path.dirname(file.file), p);
}
