// The work behind `pacsync-admin pools …` (see pools.command.ts).
import type { Command } from 'commander';
import { CliError } from '../../agent/errors.js';
import type { PoolView } from '../../contracts/pool.contract.js';
import { confirm, fields, moreHint, printJson, say, table, type Mode } from '../output.js';
import { poolId } from '../resolve.js';
import { poolSettingsFrom } from './pool-settings.options.js';
import { paging, runOf, type PagingOptions } from './support.js';

export async function listPools(opts: PagingOptions & { search?: string }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const page = await api.listPools({ ...paging(opts), ...(opts.search !== undefined ? { search: opts.search } : {}) });
  if (mode === 'json') return printJson(page);
  table(
    mode,
    ['ID', 'NAME', 'MEMBERS', 'TARGET', 'AUTO SYNC', 'CONFLICTS'],
    page.items.map((p) => [p.id, p.name, p.endpoint_count, p.target_state_id, p.settings.auto_sync ? 'on' : 'off', p.settings.conflict_resolution]),
  );
  if (page.items.length === 0 && mode === 'tty') say(mode, 'no pools (pacsync-admin pools create NAME)');
  moreHint(mode, page);
}

function poolFields(mode: Mode, p: PoolView): void {
  const s = p.settings;
  fields(mode, [
    ['id', p.id],
    ['name', p.name],
    ['description', p.description],
    ['members', p.endpoint_count],
    ['target state', p.target_state_id],
    ['auto_sync', s.auto_sync],
    ['sync_schedule', s.sync_schedule],
    ['conflict_resolution', s.conflict_resolution],
    ['remove_extra', s.remove_extra],
    ['set_latest_by', s.set_latest_by],
    ['excluded_packages', s.excluded_packages],
    ['excluded_repos', s.excluded_repos],
    ['max_history', s.max_history],
    ['created', p.created_at],
    ['updated', p.updated_at],
  ]);
}

export async function showPool(ref: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const p = await api.getPool(await poolId(api, ref));
  if (mode === 'json') return printJson(p);
  poolFields(mode, p);
  const t = p.target_state;
  if (t) say(mode, `target: ${t.total_packages} package(s), set ${t.created_at} by ${t.created_by ?? '-'}${t.message ? `: ${t.message}` : ''}`);
  const counts = Object.entries(p.statistics.by_sync_status)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  say(mode, `sync status: ${counts}`);
  if (p.members.length > 0) {
    say(mode, '');
    table(
      mode,
      ['MEMBER', 'ID', 'HOSTNAME', 'STATUS', 'SYNC STATUS', 'LAST SEEN'],
      p.members.map((m) => [m.name, m.id, m.hostname, m.status, m.sync_status, m.last_seen]),
    );
  }
}

interface PoolOptions extends Record<string, unknown> {
  name?: string;
  description?: string;
}

export async function createPool(name: string, opts: PoolOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const settings = poolSettingsFrom(opts);
  const p = await api.createPool({
    name,
    ...(opts.description !== undefined ? { description: opts.description } : {}),
    ...(settings ? { settings } : {}),
  });
  if (mode === 'json') return printJson(p);
  poolFields(mode, p);
}

export async function updatePool(ref: string, opts: PoolOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const settings = poolSettingsFrom(opts);
  const body = {
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.description !== undefined ? { description: opts.description === '' ? null : opts.description } : {}),
    ...(settings ? { settings } : {}),
  };
  if (Object.keys(body).length === 0)
    throw new CliError('nothing to change: give --name, --description or a setting (pacsync-admin pools update --help)', 2);
  const p = await api.updatePool(await poolId(api, ref), body);
  if (mode === 'json') return printJson(p);
  poolFields(mode, p);
}

export async function deletePool(ref: string, opts: { force?: boolean; yes?: boolean }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const id = await poolId(api, ref);
  if (opts.yes !== true && !(await confirm(`Delete pool ${ref}${opts.force ? ' and leave its members without a pool' : ''}?`)))
    throw new CliError('not deleted');
  const r = await api.deletePool(id, opts.force === true);
  if (mode === 'json') return printJson(r);
  say(mode, `pool ${ref} deleted${r.unassigned_endpoints > 0 ? `; ${r.unassigned_endpoints} endpoint(s) left without a pool` : ''}`);
}
