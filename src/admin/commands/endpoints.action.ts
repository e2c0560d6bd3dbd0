// The work behind `pacsync-admin endpoints …` (see endpoints.command.ts).
import type { Command } from 'commander';
import { CliError } from '../../agent/errors.js';
import type { EndpointListQuery, EndpointView } from '../../contracts/endpoint.contract.js';
import { confirm, fields, moreHint, printJson, say, table, type Mode } from '../output.js';
import { endpointId, poolId } from '../resolve.js';
import { paging, runOf, type PagingOptions } from './support.js';

interface ListOptions extends PagingOptions {
  pool?: string;
  status?: EndpointListQuery['status'];
  syncStatus?: EndpointListQuery['sync_status'];
  approval?: EndpointListQuery['approval'];
  pending?: boolean;
  search?: string;
}

/** Drift counts as one short text: `behind 3, missing 1`. */
export function driftText(summary: Record<string, unknown> | null): string {
  if (summary === null) return '-';
  const parts = ['behind', 'ahead', 'missing', 'extra']
    .map((k) => [k, summary[k]] as const)
    .filter(([, v]) => typeof v === 'number' && v > 0)
    .map(([k, v]) => `${k} ${String(v)}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

export async function listEndpoints(opts: ListOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  if (opts.pending && opts.approval !== undefined && opts.approval !== 'pending') throw new CliError('--pending and --approval disagree', 2);
  const q: EndpointListQuery = {
    ...paging(opts),
    ...(opts.pool !== undefined ? { pool_id: await poolId(api, opts.pool) } : {}),
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...(opts.syncStatus !== undefined ? { sync_status: opts.syncStatus } : {}),
    ...(opts.pending ? { approval: 'pending' as const } : opts.approval !== undefined ? { approval: opts.approval } : {}),
    ...(opts.search !== undefined ? { search: opts.search } : {}),
  };
  const page = await api.listEndpoints(q);
  if (mode === 'json') return printJson(page);
  table(
    mode,
    ['ID', 'NAME', 'HOSTNAME', 'POOL', 'STATUS', 'SYNC STATUS', 'APPROVAL', 'DRIFT', 'LAST SEEN'],
    page.items.map((e) => [e.id, e.name, e.hostname, e.pool_id, e.status, e.sync_status, e.approval, driftText(e.package_summary), e.last_seen]),
  );
  if (page.items.length === 0 && mode === 'tty') say(mode, 'no endpoints match');
  moreHint(mode, page);
}

function endpointFields(mode: Mode, e: EndpointView, pool?: string | null): void {
  fields(mode, [
    ['id', e.id],
    ['name', e.name],
    ['hostname', e.hostname],
    ['pool', pool ?? e.pool_id],
    ['status', e.status],
    ['sync status', e.sync_status],
    ['approval', e.approval],
    ['drift', driftText(e.package_summary)],
    ['last seen', e.last_seen],
    ['created', e.created_at],
  ]);
}

export async function showEndpoint(ref: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const e = await api.getEndpoint(await endpointId(api, ref));
  if (mode === 'json') return printJson(e);
  endpointFields(mode, e, e.pool ? `${e.pool.name} (${e.pool.id})` : null);
  fields(mode, [['current state', e.current_state_id]]);
  const info = Object.entries(e.system_info);
  if (info.length > 0)
    fields(
      mode,
      info.map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string)]),
    );
  if (e.recent_activity.operations.length > 0) {
    say(mode, '');
    table(
      mode,
      ['OPERATION', 'TYPE', 'STATUS', 'CREATED'],
      e.recent_activity.operations.map((o) => [o.id, o.operation_type, o.status, o.created_at]),
    );
  }
}

export async function moveEndpoint(ref: string, pool: string | undefined, opts: { none?: boolean }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  if ((pool === undefined) === (opts.none !== true)) throw new CliError('give the pool to move it into, or --none to take it out of its pool', 2);
  const id = await endpointId(api, ref);
  let moved: EndpointView;
  if (pool !== undefined) {
    moved = await api.assign(await poolId(api, pool), id);
  } else {
    const current = await api.getEndpoint(id);
    if (current.pool_id === null) throw new CliError(`endpoint ${ref} is in no pool`);
    moved = await api.unassign(current.pool_id, id);
  }
  if (mode === 'json') return printJson(moved);
  say(mode, pool !== undefined ? `endpoint ${ref} moved to pool ${pool} (sync status ${moved.sync_status})` : `endpoint ${ref} is in no pool now`);
}

export async function approveEndpoint(ref: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const e = await api.approve(await endpointId(api, ref));
  if (mode === 'json') return printJson(e);
  say(mode, `endpoint ${e.name} approved`);
}

export async function rejectEndpoint(ref: string, opts: { yes?: boolean }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const id = await endpointId(api, ref);
  if (opts.yes !== true && !(await confirm(`Reject endpoint ${ref} (its keys are revoked for good)?`))) throw new CliError('not rejected');
  const e = await api.reject(id);
  if (mode === 'json') return printJson(e);
  say(mode, `endpoint ${e.name} rejected: its keys are revoked`);
}

export async function deleteEndpoint(ref: string, opts: { yes?: boolean }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const id = await endpointId(api, ref);
  if (opts.yes !== true && !(await confirm(`Delete endpoint ${ref} with its states and operations?`))) throw new CliError('not deleted');
  const r = await api.deleteEndpoint(id);
  if (mode === 'json') return printJson(r);
  say(mode, `endpoint ${ref} deleted`);
}
