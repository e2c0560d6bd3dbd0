// The work behind `pacsync-admin operations …` (see operations.command.ts).
import type { Command } from 'commander';
import { CliError } from '../../agent/errors.js';
import { planLines } from '../../agent/output.js';
import { kindOf, parsePlan, planInDetails } from '../../agent/sync/server-plan.js';
import type { OperationListQuery, OperationView } from '../../contracts/operation.contract.js';
import type { SyncPlan } from '../../core/plan.js';
import { fields, moreHint, printJson, say, table, type Mode } from '../output.js';
import { endpointId, poolId } from '../resolve.js';
import { paging, runOf, type PagingOptions } from './support.js';

interface ListOptions extends PagingOptions {
  pool?: string;
  endpoint?: string;
  status?: OperationListQuery['status'];
  type?: OperationListQuery['operation_type'];
}

export async function listOperations(opts: ListOptions, cmd: Command): Promise<void> {
  if ((opts.pool === undefined) === (opts.endpoint === undefined))
    throw new CliError('give --pool or --endpoint (the server keeps an operation log per pool and per endpoint)', 2);
  const { api, mode } = runOf(cmd);
  const q: OperationListQuery = {
    ...paging(opts),
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...(opts.type !== undefined ? { operation_type: opts.type } : {}),
  };
  const page =
    opts.pool !== undefined
      ? await api.poolOperations(await poolId(api, opts.pool), q)
      : await api.endpointOperations(await endpointId(api, opts.endpoint as string), q);
  if (mode === 'json') return printJson(page);
  table(
    mode,
    ['ID', 'TYPE', 'STATUS', 'PROGRESS', 'ENDPOINT', 'CREATED', 'ERROR'],
    page.items.map((o) => [o.id, o.operation_type, o.status, `${o.progress}%`, o.endpoint_id, o.created_at, o.error_message]),
  );
  if (page.items.length === 0 && mode === 'tty') say(mode, 'no operations');
  moreHint(mode, page);
}

function operationFields(mode: Mode, o: OperationView): void {
  fields(mode, [
    ['id', o.id],
    ['type', o.operation_type],
    ['status', o.status],
    ['progress', `${o.progress}%`],
    ['pool', o.pool_id],
    ['endpoint', o.endpoint_id],
    ['created', o.created_at],
    ['started', o.started_at],
    ['completed', o.completed_at],
    ['error', o.error_message],
  ]);
}

/** The plan an operation carries (sync and revert operations do), read as the agent reads it; null when none. */
function planOf(o: OperationView): SyncPlan | null {
  try {
    return parsePlan(planInDetails(o), kindOf(o));
  } catch {
    return null; // other operations (set-latest, analyses) carry none
  }
}

export async function showOperation(id: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const o = await api.getOperation(id);
  if (mode === 'json') return printJson(o);
  operationFields(mode, o);
  const plan = planOf(o);
  if (plan) {
    say(mode, 'plan:');
    for (const l of planLines(plan)) say(mode, l);
  }
}

export async function cancelOperation(id: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const o = await api.cancelOperation(id);
  if (mode === 'json') return printJson(o);
  say(mode, `operation ${o.id} ${o.status}`);
}
