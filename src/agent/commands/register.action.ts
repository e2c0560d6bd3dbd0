// The work behind `pacsync register` (see register.command.ts; loaded only when the command runs).
import { readFileSync } from 'node:fs';
import { hostname, machine, release } from 'node:os';
import type { Command } from 'commander';
import { isUuid } from '../../core/names.js';
import { ENDPOINT_NAME_PATTERN, HOSTNAME_PATTERN, type SystemInfo } from '../../contracts/endpoint.contract.js';
import { ApiClient } from '../api-client.js';
import { writeConfigValues } from '../config.js';
import { warn } from '../command-support.js';
import { CliError, ConfigError, messageFor } from '../errors.js';
import { printJson, say, outputMode } from '../output.js';
import { listLocalDb } from '../pacman/local-db.reader.js';
import { capture, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor, transportOf } from '../session.js';

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

export async function runRegister(
  opts: { server: string; enrollKey: string; name?: string; pool?: string; json?: boolean },
  cmd: Command,
): Promise<void> {
  const mode = outputMode(opts.json);
  const config = commandConfig(cmd, { allowMissing: true });
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
  const ep = await client.register({ name, hostname: hostName(), ...where, system_info: info });
  const file = config.writeTarget;
  try {
    writeConfigValues(file, {
      server: { url: server, api_key: ep.api_key },
      client: { endpoint_name: ep.name, endpoint_id: ep.id },
    });
  } catch (err) {
    // Registered but not stored: the key is lost with this process. Say so plainly.
    const why = err instanceof ConfigError ? err.message : String(err);
    throw new ConfigError(`registered as ${ep.name} (id ${ep.id}) but could not save the configuration: ${why}; delete the endpoint on the server and register again`, file);
  }
  // The first report, so the server knows this machine at once. Best effort: registration stands.
  let reported: string | null = null;
  try {
    const session = sessionFor(commandConfig(cmd));
    const reply = await submitCapture(session.client, session.endpointId, await capture(session.ctx));
    reported = reply.sync_status;
  } catch (err) {
    warn(`warning: registered, but the first report was not sent: ${messageFor(err)} (run "pacsync submit")`);
  }
  if (mode === 'json') {
    printJson({ id: ep.id, name: ep.name, pool_id: ep.pool_id, approval: ep.approval, server, config_file: file, reported: reported !== null, sync_status: reported });
    return;
  }
  say(mode, `registered as ${ep.name} (endpoint ${ep.id})${ep.pool_id ? ` in pool ${ep.pool_id}` : ', not in a pool yet'}`);
  say(mode, `configuration written to ${file} (mode 0600)`);
  if (reported !== null) say(mode, `packages reported; sync status: ${reported}`);
  if (ep.approval === 'pending') {
    say(mode, `pending approval: an administrator approves it (pacsync-server endpoints approve ${ep.id}); until then its reports are kept, but it gets no operations and cannot set the target`);
  }
}
