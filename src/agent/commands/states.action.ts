// The work behind `pacsync states` (see states.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { CliError, ConfigError } from '../errors.js';
import { outputMode, printJson, say } from '../output.js';
import { commandConfig, sessionFor } from '../session.js';

export interface StatesCommandOptions {
  limit?: string;
  json?: boolean;
}

export async function runStates(opts: StatesCommandOptions, cmd: Command): Promise<void> {
  const limit = Number(opts.limit ?? '20');
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliError(`--limit: '${opts.limit}' is not a number from 1 to 200`);
  const mode = outputMode(opts.json);
  const session = sessionFor(commandConfig(cmd));
  const ep = await session.client.getEndpoint(session.endpointId);
  if (ep.pool_id === null) throw new ConfigError(`endpoint ${ep.name} is in no pool: the server keeps its states with a pool`);
  const page = await session.client.poolStates(ep.pool_id, { endpoint_id: session.endpointId, kind: 'report', limit });
  // The state `revert` returns to by default: the one captured before the last sync.
  const lastSync = ep.recent_activity.operations.find(
    (o) => o.operation_type === 'sync_to_latest' && !((o.details as { dry_run?: unknown }).dry_run === true),
  );
  const before = (lastSync?.details as { pre_sync_state_id?: unknown } | undefined)?.pre_sync_state_id ?? null;
  if (mode === 'json') {
    printJson({ endpoint_id: session.endpointId, pre_sync_state_id: before, states: page.items });
    return;
  }
  if (page.items.length === 0) say(mode, 'no states stored for this machine yet (pacsync submit reports one)');
  for (const s of page.items) {
    say(
      mode,
      `${s.id}  ${s.created_at}  ${String(s.total_packages).padStart(5)} ` +
        `package(s)${s.id === before ? '  (before the last sync: the default of revert)' : ''}`,
    );
  }
  if (page.total > page.items.length) say(mode, `… ${page.total - page.items.length} older (--limit)`);
}
