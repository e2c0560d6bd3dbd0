// The work behind `pacsync-admin targets …` (see targets.command.ts).
import type { Command } from 'commander';
import { moreHint, printJson, say, table } from '../output.js';
import { poolId } from '../resolve.js';
import { paging, runOf, type PagingOptions } from './support.js';

export async function targetHistory(ref: string, opts: PagingOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const page = await api.poolStates(await poolId(api, ref), { ...paging(opts), kind: 'target' });
  if (mode === 'json') return printJson(page);
  table(
    mode,
    ['STATE', 'CURRENT', 'CREATED', 'BY', 'PACKAGES', 'MESSAGE'],
    page.items.map((s) => [s.id, s.is_target ? '*' : '', s.created_at, s.created_by, s.total_packages, s.message]),
  );
  if (page.items.length === 0 && mode === 'tty') say(mode, 'no target yet (an endpoint sets one: pacsync set-latest)');
  moreHint(mode, page);
}

export async function targetDiff(from: string, to: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const d = await api.diff(from, to);
  if (mode === 'json') return printJson(d);
  table(
    mode,
    ['CHANGE', 'PACKAGE', 'FROM', 'TO'],
    [
      ...d.added.map((p) => ['added', p.name, null, p.version]),
      ...d.removed.map((p) => ['removed', p.name, p.version, null]),
      ...d.changed.map((p) => [p.direction, p.name, p.from_version, p.to_version]),
    ],
  );
  if (mode === 'tty') say(mode, `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`);
}

export async function revertTarget(ref: string, opts: { to?: string; message?: string }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const r = await api.revertTarget(await poolId(api, ref), {
    ...(opts.to !== undefined ? { state_id: opts.to } : {}),
    ...(opts.message !== undefined ? { message: opts.message } : {}),
  });
  if (mode === 'json') return printJson(r);
  say(mode, `pool ${ref}: target reverted to ${r.restored_state_id} (new target ${r.target_state.id}, ${r.target_state.total_packages} package(s))`);
}
