// The work behind `pacsync register` (see register.command.ts; loaded only when the command runs).
import { readFileSync } from 'node:fs';
import { hostname, machine, release } from 'node:os';
import type { Command } from 'commander';
import { isUuid } from '../../core/names.js';
import { ENDPOINT_NAME_PATTERN, HOSTNAME_PATTERN, type SystemInfo } from '../../contracts/endpoint.contract.js';
import { ApiClient, ApiError } from '../api-client.js';
import type { AgentConfig } from '../config.js';
import { writeConfigValues } from '../config.js';
import { warn } from '../command-support.js';
import { CliError, ConfigError, messageFor } from '../errors.js';
import { printJson, say, outputMode, type OutputMode } from '../output.js';
import { listLocalDb } from '../pacman/local-db.reader.js';
import { capture, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor, transportOf } from '../session.js';

export interface RegisterOptions {
  server?: string;
  enrollKey?: string;
  name?: string;
  pool?: string;
  /** Take over the endpoint of that name (admin key). */
  replace?: boolean;
  /** A new key for this machine's endpoint; the old one is revoked. */
  rotate?: boolean;
  json?: boolean;
}

/** The machine's host name as the API accepts it (RFC 1123), or null. */
function hostName(): string {
  const h = hostname();
  if (new RegExp(HOSTNAME_PATTERN).test(h)) return h;
  const cleaned = h.replace(/[^A-Za-z0-9.-]/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return new RegExp(HOSTNAME_PATTERN).test(cleaned) ? cleaned : 'localhost';
}

function osRelease(): string | undefined {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return m?.[1]?.slice(0, 255);
  } catch {
    return undefined;
  }
}

async function clientVersion(): Promise<string | undefined> {
  try {
    return (await import('../../server/version.js')).VERSION;
  } catch {
    return undefined;
  }
}

/**
 * --replace: this machine takes over the endpoint of that name (an admin key may; an enroll key
 * may not read other endpoints): a new key for it, its previous key revoked, its history kept.
 */
async function adopt(client: ApiClient, name: string): Promise<{ id: string; name: string; pool_id: string | null; api_key: string }> {
  const page = await client.request<{ items: { id: string; name: string; pool_id: string | null }[] }>('GET', '/endpoints', undefined, {
    search: name,
    limit: 200,
  });
  const existing = page.items.find((e) => e.name === name);
  if (!existing) throw new CliError(`--replace: no endpoint named '${name}' was found`);
  const rotated = await client.request<{ api_key: string }>('POST', `/endpoints/${encodeURIComponent(existing.id)}/rotate-key`, {});
  return { ...existing, api_key: rotated.api_key };
}

/**
 * --rotate: a new key for this machine's endpoint, written into the configuration; the old one is
 * revoked. With the machine's own key while it still works, or an admin key (`--enroll-key`) when
 * it was revoked or lost.
 */
async function rotateOwnKey(opts: RegisterOptions, config: AgentConfig, mode: OutputMode): Promise<void> {
  const url = opts.server?.replace(/\/+$/, '') ?? config.server.url;
  const id = config.client.endpointId;
  const where = config.file ?? config.writeTarget;
  if (url === null || id === null)
    throw new ConfigError(`--rotate: this machine is not registered (no [server] url or [client] endpoint_id in ${where})`, where);
  const key = opts.enrollKey?.trim() || config.server.apiKey;
  if (!key) throw new ConfigError(`--rotate: no key to ask with: give an admin key with --enroll-key`, where);
  const client = new ApiClient({ url, apiKey: key, timeoutMs: config.server.timeout * 1000, transport: transportOf(config) });
  const rotated = await client.request<{ api_key: string; revoked_key_ids: string[] }>('POST', `/endpoints/${encodeURIComponent(id)}/rotate-key`, {});
  writeConfigValues(config.writeTarget, { server: { url, api_key: rotated.api_key } });
  if (mode === 'json') printJson({ endpoint_id: id, config_file: config.writeTarget, revoked_key_ids: rotated.revoked_key_ids });
  else
    say(mode, `new key for endpoint ${id} written to ${config.writeTarget} (mode 0600); ${rotated.revoked_key_ids.length} previous key(s) revoked`);
}

export async function runRegister(opts: RegisterOptions, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  const config = commandConfig(cmd, { allowMissing: true });
  if (opts.rotate === true) return rotateOwnKey(opts, config, mode);
  if (opts.server === undefined || opts.enrollKey === undefined) throw new CliError('register needs --server URL and --enroll-key KEY (or --rotate)');
  let url: URL;
  try {
    url = new URL(opts.server);
  } catch {
    throw new CliError(`--server: '${opts.server}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--server: '${opts.server}' is not an http(s) URL`);
  const server = opts.server.replace(/\/+$/, '');
  const name = opts.name ?? config.client.endpointName;
  if (!new RegExp(ENDPOINT_NAME_PATTERN).test(name) || name.length > 255) {
    throw new CliError(`--name: '${name}' is not a valid endpoint name (letters, digits and ._@+-, starting with a letter or digit)`);
  }
  const pool = opts.pool ?? config.client.poolId ?? undefined;
  const key = opts.enrollKey.trim();
  if (key === '') throw new CliError('--enroll-key must not be empty');

  const info: SystemInfo = { architecture: machine(), kernel: release().slice(0, 255) };
  const version = await clientVersion();
  if (version) info.client_version = version;
  const os = osRelease();
  if (os) info.os_release = os;
  try {
    info.total_packages = listLocalDb(config.pacman.dbpath).length;
  } catch {
    // Not fatal: the first state report tells the server everything.
  }

  const client = new ApiClient({ url: server, apiKey: key, timeoutMs: config.server.timeout * 1000, transport: transportOf(config) });
  // --pool takes the pool's id or its name.
  const where = pool === undefined ? {} : isUuid(pool) ? { pool_id: pool } : { pool };
  let ep: { id: string; name: string; pool_id: string | null; api_key: string; approval?: string };
  try {
    ep = await client.register({ name, hostname: hostName(), ...where, system_info: info });
  } catch (err) {
    const taken = err instanceof ApiError && err.status === 409 && (err.details as { field?: unknown } | null)?.field === 'name';
    if (!taken) throw err;
    if (opts.replace !== true) {
      throw new CliError(
        `${messageFor(err)}: if it is this machine (reinstalled, its configuration lost), run again with --replace ` +
          `and an admin key to take it over (its history is kept, its old key revoked), or choose another --name`,
      );
    }
    ep = await adopt(client, name);
  }
  const file = config.writeTarget;
  try {
    writeConfigValues(file, {
      server: { url: server, api_key: ep.api_key },
      client: { endpoint_name: ep.name, endpoint_id: ep.id },
    });
  } catch (err) {
    // Registered but not stored: the key is lost with this process. Say so plainly.
    const why = err instanceof ConfigError ? err.message : String(err);
    throw new ConfigError(
      `registered as ${ep.name} (id ${ep.id}) but could not save the configuration: ${why}; delete the endpoint on the server and register again`,
      file,
    );
  }
  // The first report, so the server knows this machine at once. Best effort: registration stands.
  let reported: string | null = null;
  try {
    const session = sessionFor(commandConfig(cmd));
    const reply = await submitCapture(session, await capture(session.ctx));
    reported = reply.sync_status;
  } catch (err) {
    warn(`warning: registered, but the first report was not sent: ${messageFor(err)} (run "pacsync submit")`);
  }
  if (mode === 'json') {
    printJson({
      id: ep.id,
      name: ep.name,
      pool_id: ep.pool_id,
      approval: ep.approval,
      server,
      config_file: file,
      reported: reported !== null,
      sync_status: reported,
    });
    return;
  }
  say(mode, `registered as ${ep.name} (endpoint ${ep.id})${ep.pool_id ? ` in pool ${ep.pool_id}` : ', not in a pool yet'}`);
  say(mode, `configuration written to ${file} (mode 0600)`);
  if (reported !== null) say(mode, `packages reported; sync status: ${reported}`);
  if (ep.approval === 'pending') {
    say(
      mode,
      `pending approval: an administrator approves it (pacsync-server endpoints approve ${ep.id}); ` +
        `until then its reports are kept, but it gets no operations and cannot set the target`,
    );
  }
}
