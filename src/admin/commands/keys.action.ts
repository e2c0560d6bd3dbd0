// The work behind `pacsync-admin keys …` (see keys.command.ts).
import type { Command } from 'commander';
import type { CreateKeyBody, KeyRole, KeyView } from '../../contracts/key.contract.js';
import { fields, printJson, say, table, type Mode } from '../output.js';
import { endpointId, poolId } from '../resolve.js';
import { runOf } from './support.js';

function keyFields(mode: Mode, k: KeyView): void {
  fields(mode, [
    ['id', k.id],
    ['name', k.name],
    ['role', k.role],
    ['pool', k.pool_id],
    ['endpoint', k.endpoint_id],
    ['active', k.is_active],
    ['expires', k.expires_at],
    ['uses', k.max_uses === null ? k.uses : `${k.uses}/${k.max_uses}`],
    ['auto approve', k.auto_approve],
  ]);
}

export async function listKeys(opts: { all?: boolean; role?: KeyRole }, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const keys = await api.listKeys({ ...(opts.all ? { include_revoked: true } : {}), ...(opts.role !== undefined ? { role: opts.role } : {}) });
  if (mode === 'json') return printJson(keys);
  table(
    mode,
    ['ID', 'NAME', 'ROLE', 'ACTIVE', 'POOL', 'ENDPOINT', 'USES', 'EXPIRES', 'LAST USED'],
    keys.map((k) => [
      k.id,
      k.name,
      k.role,
      k.is_active ? 'yes' : 'no',
      k.pool_id,
      k.endpoint_id,
      k.max_uses === null ? k.uses : `${k.uses}/${k.max_uses}`,
      k.expires_at,
      k.last_used,
    ]),
  );
}

interface CreateOptions {
  role: KeyRole;
  name: string;
  pool?: string;
  endpoint?: string;
  expires?: string;
  autoApprove?: boolean;
  maxUses?: number;
}

export async function createKey(opts: CreateOptions, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const body: CreateKeyBody = {
    role: opts.role,
    name: opts.name,
    ...(opts.pool !== undefined ? { pool_id: await poolId(api, opts.pool) } : {}),
    ...(opts.endpoint !== undefined ? { endpoint_id: await endpointId(api, opts.endpoint) } : {}),
    ...(opts.expires !== undefined ? { expires_at: opts.expires } : {}),
    ...(opts.autoApprove ? { auto_approve: true } : {}),
    ...(opts.maxUses !== undefined ? { max_uses: opts.maxUses } : {}),
  };
  const k = await api.createKey(body);
  if (mode === 'json') return printJson(k);
  keyFields(mode, k);
  // The one time the secret exists outside the server: on stdout, so it can go into a file.
  say(mode, `api_key: ${k.api_key}`);
  process.stderr.write('store this key now: it is not shown again\n');
}

export async function revokeKey(id: string, cmd: Command): Promise<void> {
  const { api, mode } = runOf(cmd);
  const k = await api.revokeKey(id);
  if (mode === 'json') return printJson(k);
  say(mode, `key ${k.id} (${k.name ?? 'unnamed'}, ${k.role}) revoked`);
}
