// The work behind `pacsync hook` (see hook.command.ts). Order of the checks, cheapest first:
//   1. configuration: unreadable → one line; not registered yet (the pacsync package itself was
//      just installed) → nothing to do, silently
//   2. an operation of the agent's own is running (state-dir/operation-lock.ts) → silent: that
//      operation reports the state it reached with its result
//   3. a daemon listens on the state directory's socket → nudged, done (it reports once pacman
//      has released its lock)
//   4. otherwise the state is read — pacman still holds db.lck while hooks run, but a
//      PostTransaction hook runs after every change was written — queued (so it is never lost and
//      goes after anything queued before it) and the queue replayed within what is left of the
//      bound. A server that cannot be reached costs at most the bound: one line, the report stays
//      queued for the daemon or the next command.
// A watchdog ends the process with exit 0 when the bound is reached, whatever is still pending.
import type { Command } from 'commander';
import { ApiClient } from '../api-client.js';
import { loadConfig, type AgentConfig } from '../config.js';
import { nudgeDaemon } from '../state-dir/nudge.js';
import { operationRunning } from '../state-dir/operation-lock.js';
import { ReportQueue } from '../state-dir/report-queue.js';
import { CliError, messageFor } from '../errors.js';
import { printable } from '../../core/printable.js';
import { captureState, stateBody } from '../reporting.js';
import { configFlag, sessionFor, transportOf } from '../session.js';

/** Longest the daemon may take to answer a nudge (it answers from its event loop at once). */
const NUDGE_TIMEOUT_MS = 1000;

function warn(line: string): void {
  process.stderr.write(`pacsync hook: ${printable(line)}\n`);
}

function parseBound(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 600) throw new CliError(`--timeout: '${value}' is not a number of seconds from 0 to 600`);
  return n * 1000;
}

export async function runHook(opts: { timeout: string }, cmd: Command): Promise<void> {
  let boundMs: number;
  try {
    boundMs = parseBound(opts.timeout);
  } catch (err) {
    warn(messageFor(err));
    boundMs = 5000;
  }
  const started = Date.now();
  const watchdog = setTimeout(() => {
    warn(`gave up after ${boundMs / 1000} s; the change is noticed by the daemon or the next pacsync command`);
    process.exit(0);
  }, boundMs);
  try {
    await report(cmd, () => boundMs - (Date.now() - started));
  } catch (err) {
    warn(messageFor(err));
  } finally {
    clearTimeout(watchdog);
    process.exitCode = 0;
  }
}

async function report(cmd: Command, remainingMs: () => number): Promise<void> {
  const config = loadConfig({ configFlag: configFlag(cmd) });
  if (config.server.url === null || config.server.apiKey === null || config.client.endpointId === null) return; // not registered yet
  const stateDir = config.client.stateDir;
  if (operationRunning(stateDir) !== null) return;
  if (await nudgeDaemon(stateDir, Math.min(NUDGE_TIMEOUT_MS, remainingMs()))) return;

  const session = sessionFor(config);
  const queue = new ReportQueue(stateDir);
  queue.push({ kind: 'state', endpoint_id: session.endpointId, body: stateBody(await captureState(session.ctx)) });
  // Requests get what is left of the bound (less a margin to write the queue and exit).
  const client = boundedClient(config, remainingMs() - 300);
  const r = await queue.replay(client, { waitMs: Math.max(0, Math.min(1000, remainingMs() - 500)) });
  for (const d of r.dropped) warn(`the server refused a queued ${d.item.kind} report, dropped: ${d.reason}`);
  if (r.stoppedBy !== null) warn(`${messageFor(r.stoppedBy)}; the report is queued in ${queue.file} and sent when the server is back`);
}

function boundedClient(config: AgentConfig, ms: number): ApiClient {
  const timeoutMs = Math.max(200, Math.min(ms, config.server.timeout * 1000));
  return new ApiClient({ url: config.server.url as string, apiKey: config.server.apiKey, timeoutMs, transport: transportOf(config) });
}
