// `pacsync-server keys create --role R [--name N] [--pool ID] [--endpoint ID] [--expires ISO]
// [--auto-approve] [--max-uses N] | list [--all] [--json] | revoke ID`: the same key management as
// /api/v1/keys, for the machine's administrator (bootstrap, lost admin key). The secret of a
// created key is printed once.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { KeyRole, KeyView } from '../../contracts/key.contract.js';
import { systemClock } from '../../core/clock.js';
import { ValidationError } from '../../core/errors.js';
import { isUuid } from '../../core/names.js';
import { ApiKeyService } from '../services/api-key.service.js';
import { action, addConfigOption, cliActor, withCurrentSchema } from './support.js';

const OPTION_FOR: Record<string, string> = {
  endpoint_id: '--endpoint',
  pool_id: '--pool',
  pool: '--pool',
  expires_at: '--expires',
  name: '--name',
  auto_approve: '--auto-approve',
  max_uses: '--max-uses',
};

interface CreateOptions {
  role: KeyRole;
  name?: string;
  pool?: string;
  endpoint?: string;
  expires?: string;
  autoApprove?: boolean;
  maxUses?: number;
  json?: boolean;
  config?: string;
}

async function withKeys<T>(configFlag: string | undefined, fn: (keys: ApiKeyService) => Promise<T>): Promise<T> {
  return withCurrentSchema(configFlag, (database) => fn(new ApiKeyService({ db: database.db, clock: systemClock })));
}

/** `--max-uses N`: a whole number from 1 (the API checks the upper bound). */
function parseMaxUses(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number of at least 1`);
  return Number(value);
}

export function checkUuid(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !isUuid(value)) throw new ValidationError(option, `"${value}" is not a UUID`);
  return value;
}

function parseExpires(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Date-only or full ISO-8601; anything Date cannot read exactly is refused.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new ValidationError('--expires', `"${value}" is not an ISO-8601 date or time (e.g. 2025-12-31 or 2025-12-31T23:59:00Z)`);
  }
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw new ValidationError('--expires', `"${value}" is not a valid date`);
  return t.toISOString();
}

export function formatKeyTable(keys: readonly KeyView[]): string {
  const lines = [['ID', 'ROLE', 'NAME', 'SCOPE', 'STATE', 'LAST USED', 'EXPIRES', 'USES'].join('\t')];
  for (const k of keys) {
    const scope = k.endpoint_id ? `endpoint ${k.endpoint_id}` : k.pool_id ? `pool ${k.pool_id}` : '-';
    const expired = k.expires_at !== null && Date.parse(k.expires_at) <= Date.now();
    const state = !k.is_active ? 'revoked' : expired ? 'expired' : 'active';
    // Enroll keys: registrations so far, of max_uses; `auto-approve` when they skip approval.
    const uses = k.role !== 'enroll' ? '-' : `${k.uses}/${k.max_uses ?? 'unlimited'}${k.auto_approve ? ' auto-approve' : ''}`;
    lines.push([k.id, k.role, k.name ?? '-', scope, state, k.last_used ?? 'never', k.expires_at ?? 'never', uses].join('\t'));
  }
  lines.push(`${keys.length} key${keys.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('create, list and revoke API keys');

  addConfigOption(
    keys
      .command('create')
      .description('create an API key and print it once')
      .addOption(new Option('--role <role>', 'what the key may do').choices(['admin', 'read', 'enroll', 'endpoint']).makeOptionMandatory())
      .option('--name <name>', 'a label shown in lists and the audit log')
      .option('--pool <name|id>', 'enroll keys: register endpoints into this pool only (its name or id)')
      .option('--endpoint <id>', 'endpoint keys: the endpoint the key acts as')
      .option('--expires <iso>', 'expiry, e.g. 2025-12-31T23:59:00Z')
      .option('--auto-approve', 'enroll keys: endpoints they register are approved at once (default: pending until an admin approves)')
      .option('--max-uses <n>', 'enroll keys: how many endpoints they may register', parseMaxUses)
      .option('--json', 'print the created key as JSON'),
  ).action(
    action(async (opts: CreateOptions) => {
      const name = (opts.name ?? `${opts.role} key`).trim();
      if (name.length === 0 || name.length > 255) throw new ValidationError('--name', 'must be 1 to 255 characters');
      const body = {
        role: opts.role,
        name,
        // --pool takes the pool's id or its name (the service resolves a name).
        ...(opts.pool !== undefined && !isUuid(opts.pool) ? { pool: opts.pool } : { pool_id: checkUuid(opts.pool, '--pool') }),
        endpoint_id: checkUuid(opts.endpoint, '--endpoint'),
        expires_at: parseExpires(opts.expires),
        ...(opts.autoApprove ? { auto_approve: true } : {}),
        ...(opts.maxUses !== undefined ? { max_uses: opts.maxUses } : {}),
      };
      const created = await withKeys(opts.config, (s) => s.create(body, cliActor())).catch((err: unknown) => {
        // The service names API fields; say which option is meant.
        if (err instanceof ValidationError && OPTION_FOR[err.field])
          throw new ValidationError(OPTION_FOR[err.field] ?? err.field, err.message.replace(/^[^:]+: /, ''));
        throw err;
      });
      if (opts.json) {
        console.log(JSON.stringify(created, null, 2));
        return;
      }
      console.log(`created ${created.role} key ${created.id} (${created.name ?? ''})`);
      console.log('the key is shown ONCE; store it now:');
      console.log(`  ${created.api_key}`);
    }),
  );

  addConfigOption(
    keys.command('list').description('list API keys (never their secrets)').option('--all', 'include revoked keys').option('--json', 'print JSON'),
  ).action(
    action(async (opts: { all?: boolean; json?: boolean; config?: string }) => {
      const list = await withKeys(opts.config, (s) => s.list({ include_revoked: opts.all ?? false }));
      console.log(opts.json ? JSON.stringify(list, null, 2) : formatKeyTable(list));
    }),
  );

  addConfigOption(keys.command('revoke').description('revoke an API key').argument('<id>', 'the key id (from keys list)')).action(
    action(async (id: string, opts: { config?: string }) => {
      checkUuid(id, 'id');
      const revoked = await withKeys(opts.config, (s) => s.revoke(id, cliActor()));
      console.log(`revoked ${revoked.role} key ${revoked.id} (${revoked.name ?? ''})`);
    }),
  );
}
