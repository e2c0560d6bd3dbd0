// The work behind `pacsync-admin events` (see events.command.ts).
import type { Command } from 'commander';
import type { EventListQuery } from '../../contracts/event.contract.js';
import { moreHint, printJson, say, table } from '../output.js';
import { endpointId, poolId } from '../resolve.js';
import { paging, runOf, type PagingOptions } from './support.js';

interface EventOptions extends PagingOptions {
  type?: string;
  severity?: EventListQuery['severity'];
  pool?: string;
  endpoint?: string;
  since?: string;
}

export async function listEvents(opts: EventOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const q: EventListQuery = {
    ...paging(opts),
    ...(opts.type !== undefined ? { event_type: opts.type } : {}),
    ...(opts.severity !== undefined ? { severity: opts.severity } : {}),
    ...(opts.pool !== undefined ? { pool_id: await poolId(api, opts.pool) } : {}),
    ...(opts.endpoint !== undefined ? { endpoint_id: await endpointId(api, opts.endpoint) } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
  };
  const page = await api.events(q);
  if (mode === 'json') return printJson(page);
  table(
    mode,
    ['TIME', 'TYPE', 'SEVERITY', 'BY', 'MESSAGE'],
    page.items.map((e) => [e.created_at, e.event_type, e.severity, e.user_id, e.message]),
  );
  if (page.items.length === 0 && mode === 'tty') say(mode, 'no events match');
  moreHint(mode, page);
}
