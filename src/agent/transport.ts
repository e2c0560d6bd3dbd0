// How the agent reaches its server (issue #10, "Transport"). The API key and every plan the agent
// runs as root cross this connection, so:
//   - plain http only to this machine itself (loopback), unless [server] allow_insecure_http says
//     the administrator accepts it (a lab network); the refusal names the setting;
//   - https always verifies the server's certificate — against the system's CAs, or the private
//     CA of [server] ca_file — whatever NODE_TLS_REJECT_UNAUTHORIZED says (an explicit
//     `rejectUnauthorized: true` on our own connection pool, undici's Agent);
//   - no redirects: the API never answers with one, and following one could carry the request
//     to another scheme or host.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ConfigError } from './errors.js';

export interface TransportOptions {
  /** Accept http:// to a host other than this machine ([server] allow_insecure_http). */
  allowInsecureHttp?: boolean;
  /** PEM file of the CA that signed the server's certificate ([server] ca_file). */
  caFile?: string | null;
  /**
   * How this program's user sets those two, for the messages (default: the agent's settings). The
   * admin command line (src/admin) has flags and variables of its own.
   */
  names?: TransportNames;
}

export interface TransportNames {
  /** What would cross the network in the clear (`the API key and the plans …`). */
  atStake: string;
  /** How to accept plain http (`set [server] allow_insecure_http = true (…)`). */
  allowInsecureHttp: string;
  /** The CA file setting (`[server] ca_file`). */
  caFile: string;
}

const AGENT_NAMES: TransportNames = {
  atStake: 'the API key and the plans this machine runs as root',
  allowInsecureHttp: 'set [server] allow_insecure_http = true (PACSYNC_SERVER_ALLOW_INSECURE_HTTP=true)',
  caFile: '[server] ca_file',
};

/** Whether `hostname` (as URL.hostname gives it) is this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** Throws ConfigError (exit 2) unless the agent may talk to `url` (see the file comment). */
export function checkServerUrl(url: string, opts: TransportOptions): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`server URL '${url}' is not a URL`, undefined, 'url');
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol !== 'http:')
    throw new ConfigError(`server URL ${u.origin}: only https:// (or http:// on this machine) is accepted`, undefined, 'url');
  if (isLoopbackHost(u.hostname) || opts.allowInsecureHttp === true) return u;
  const names = opts.names ?? AGENT_NAMES;
  throw new ConfigError(
    `refusing plain http to ${u.host}: ${names.atStake} would cross the network unencrypted and unauthenticated; ` +
      `use https:// (with ${names.caFile} for a private CA), or ${names.allowInsecureHttp} to accept the risk`,
    undefined,
    'url',
  );
}

/**
 * A fetch for the server and the archive: https through a connection pool that always verifies certificates (with
 * the CA of `caFile` when given), http through Node's own fetch; never following redirects.
 */
export function verifiedFetch(opts: TransportOptions): typeof fetch {
  let ca: string | undefined;
  if (opts.caFile) {
    try {
      ca = readFileSync(opts.caFile, 'utf8');
    } catch (err) {
      throw new ConfigError(
        `${(opts.names ?? AGENT_NAMES).caFile} ${opts.caFile}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        undefined,
        'ca_file',
      );
    }
  }
  let secure: Promise<typeof fetch> | null = null;
  // undici is loaded only for https: a command on plain http (loopback) does not pay for it.
  const https = (): Promise<typeof fetch> =>
    (secure ??= import('undici').then(({ Agent, fetch: undiciFetch }) => {
      const dispatcher = new Agent({ connect: { rejectUnauthorized: true, ...(ca !== undefined ? { ca } : {}) } });
      return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
    }));
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const f = url.startsWith('https:') ? await https() : fetch;
    return f(input, { ...init, redirect: 'manual' });
  };
}
