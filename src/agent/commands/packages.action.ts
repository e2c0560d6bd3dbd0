// The work behind `pacsync packages` (see packages.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { exclusionRule, type ExclusionReason } from '../../core/exclusions.js';
import { flushQueue, warn } from '../command-support.js';
import { DRIFT_KINDS, type DriftKind } from '../drift-words.js';
import { CliError } from '../errors.js';
import { outputMode, printJson, say } from '../output.js';
import { captureState, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor } from '../session.js';

export interface PackagesCommandOptions {
  filter?: string;
  search?: string;
  json?: boolean;
}

interface Row {
  name: string;
  status: DriftKind;
  installed_version: string | null;
  target_version: string | null;
  repository: string | null;
  reason?: { source: string; pattern: string };
}

export async function runPackages(opts: PackagesCommandOptions, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  if (opts.filter !== undefined && !(DRIFT_KINDS as readonly string[]).includes(opts.filter)) {
    throw new CliError(`--filter: '${opts.filter}' is not one of ${DRIFT_KINDS.join(', ')}`);
  }
  const session = sessionFor(commandConfig(cmd));
  await flushQueue(session, warn);
  const reply = await submitCapture(session, { state: await captureState(session.ctx) }, { details: true });
  const details = reply.drift.details;
  if (reply.target_state_id === null || details === undefined) {
    throw new CliError(
      reply.pool_id === null
        ? 'this machine is not in a pool: nothing to compare with'
        : "the pool has no target yet: run 'pacsync set-latest' on the reference machine",
    );
  }
  const search = opts.search?.toLowerCase();
  const rows: Row[] = [];
  for (const status of DRIFT_KINDS) {
    if (opts.filter !== undefined && opts.filter !== status) continue;
    for (const e of details[status]) {
      if (search !== undefined && !e.name.toLowerCase().includes(search)) continue;
      rows.push({ status, ...e });
    }
  }
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (mode === 'json') {
    printJson({ sync_status: reply.sync_status, target_state_id: reply.target_state_id, packages: rows });
    return;
  }
  for (const r of rows) {
    const v =
      r.installed_version !== null && r.target_version !== null && r.installed_version !== r.target_version
        ? `${r.installed_version} -> ${r.target_version}`
        : (r.installed_version ?? r.target_version ?? '');
    const extra = r.reason ? ` (by ${exclusionRule(r.reason as ExclusionReason)})` : r.repository ? ` [${r.repository}]` : '';
    say(mode, `${r.status.padEnd(8)} ${r.name} ${v}${extra}`);
  }
  if (rows.length === 0) say(mode, opts.filter || search ? 'no package matches' : 'every package matches the target');
}
