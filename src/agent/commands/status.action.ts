// The work behind `pacsync status` (see status.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import type { EndpointDetail } from '../../contracts/endpoint.contract.js';
import type { OperationView } from '../../contracts/operation.contract.js';
import { NetworkError } from '../api-client.js';
import { flushQueue, queueOf, warn } from '../command-support.js';
import { outputMode, printJson, say } from '../output.js';
import { listLocalDb } from '../pacman/local-db.reader.js';
import { captureState, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor } from '../session.js';
import { driftLine, statusWhy } from '../drift-words.js';

export interface StatusCommandOptions {
  json?: boolean;
  offline?: boolean;
}

function lastSync(ep: EndpointDetail): OperationView | null {
  return ep.recent_activity.operations.find((o) => o.operation_type === 'sync_to_latest' && ['completed', 'failed'].includes(o.status)) ?? null;
}

export async function runStatus(opts: StatusCommandOptions, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  const session = sessionFor(commandConfig(cmd));
  let installed: number | null = null;
  try {
    installed = listLocalDb(session.config.pacman.dbpath).length;
  } catch {
    installed = null;
  }
  const started = Date.now();
  let ep: EndpointDetail;
  let queued = queueOf(session).size;
  try {
    // The server's counts are those of the last report: report this very moment first, so what
    // is shown is the machine now (--offline: the server's copy, said to be so).
    if (opts.offline !== true) {
      await flushQueue(session, warn);
      await submitCapture(session, { state: await captureState(session.ctx) });
      queued = queueOf(session).size;
    }
    ep = await session.client.getEndpoint(session.endpointId);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    if (mode === 'json') {
      printJson({
        endpoint: { id: session.endpointId, name: session.config.client.endpointName },
        server: { url: session.client.baseUrl, reachable: false, error: err.message },
        installed_packages: installed,
        queued_reports: queued,
      });
    } else {
      say(mode, `endpoint:       ${session.config.client.endpointName} (${session.endpointId})`);
      say(mode, `server:         ${session.client.baseUrl}: unreachable`);
      if (installed !== null) say(mode, `installed:      ${installed} package(s)`);
      say(mode, `queued reports: ${queued}`);
    }
    throw err;
  }
  const latency = Date.now() - started;
  const sync = lastSync(ep);
  const summary = (ep.package_summary ?? {}) as Record<string, number>;
  if (mode === 'json') {
    printJson({
      endpoint: { id: ep.id, name: ep.name, hostname: ep.hostname, status: ep.status, last_seen: ep.last_seen },
      server: { url: session.client.baseUrl, reachable: true, latency_ms: latency },
      pool: ep.pool,
      sync_status: ep.sync_status,
      package_summary: ep.package_summary,
      installed_packages: installed,
      last_sync: sync ? { operation_id: sync.id, status: sync.status, completed_at: sync.completed_at, error_message: sync.error_message } : null,
      queued_reports: queued,
      reported_now: opts.offline !== true,
    });
    return;
  }
  say(mode, `endpoint:       ${ep.name} (${ep.id}), ${ep.status}`);
  say(mode, `server:         ${session.client.baseUrl}: reachable (${latency} ms)`);
  say(mode, `pool:           ${ep.pool ? `${ep.pool.name} (${ep.pool.id})` : 'none'}`);
  const asOf =
    opts.offline === true
      ? ` (as the server last saw it${ep.last_seen ? `, ${ep.last_seen}` : ''}; without --offline the machine reports first)`
      : '';
  say(mode, `sync status:    ${ep.sync_status}${statusWhy(ep.sync_status, summary)}${asOf}`);
  if (Object.keys(summary).length > 0) say(mode, `packages:       ${summary.total_packages ?? installed ?? 0} installed; ${driftLine(summary)}`);
  else if (installed !== null) say(mode, `packages:       ${installed} installed`);
  say(
    mode,
    `last sync:      ${sync ? `${sync.status} ${sync.completed_at ?? ''}${sync.error_message ? `: ${sync.error_message}` : ''}`.trim() : 'never'}`,
  );
  say(mode, `queued reports: ${queued}`);
}
