// `pacsync-server endpoints list [--pending] [--json] | approve ID | reject ID | rotate-key ID`:
// enrollment approval and endpoint keys from the server machine, the same rules as
// /api/v1/endpoints (enrollment.service.ts, api-key.service.ts). A rotated key is printed once;
// nothing else printed is secret. Run on the server machine, these act on the database directly:
// a server process already running learns of a revoked key at the key's next request.
import type { Command } from 'commander';
import type { EndpointView } from '../../contracts/endpoint.contract.js';
import { systemClock } from '../../core/clock.js';
import { MAX_PAGE_LIMIT } from '../../contracts/common.contract.js';
import { Notifier } from '../events/notifier.js';
import { ApiKeyService } from '../services/api-key.service.js';
import type { ServiceContext } from '../services/context.js';
import { DriftTracker } from '../services/drift-tracker.service.js';
import { EndpointService } from '../services/endpoint.service.js';
import { EnrollmentService } from '../services/enrollment.service.js';
import { checkUuid } from './keys.command.js';
import { action, addConfigOption, cliActor, withCurrentSchema } from './support.js';

interface CliServices {
  apiKeys: ApiKeyService;
  endpoints: EndpointService;
  enrollment: EnrollmentService;
}

async function withServices<T>(configFlag: string | undefined, fn: (s: CliServices) => Promise<T>): Promise<T> {
  return withCurrentSchema(configFlag, (database) => {
    const ctx: ServiceContext = { db: database.db, clock: systemClock };
    // No subscribers in this process: real-time messages go nowhere.
    const notifier = new Notifier(systemClock);
    const apiKeys = new ApiKeyService(ctx);
    return fn({
      apiKeys,
      endpoints: new EndpointService(ctx, apiKeys, new DriftTracker(ctx, notifier), notifier),
      enrollment: new EnrollmentService(ctx, apiKeys, notifier),
    });
  });
}

export function formatEndpointTable(endpoints: readonly EndpointView[]): string {
  const lines = [['ID', 'NAME', 'HOSTNAME', 'POOL', 'APPROVAL', 'STATUS', 'LAST SEEN'].join('\t')];
  for (const e of endpoints) lines.push([e.id, e.name, e.hostname, e.pool_id ?? '-', e.approval, e.status, e.last_seen ?? 'never'].join('\t'));
  lines.push(`${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}

export function registerEndpointsCommand(program: Command): void {
  const endpoints = program.command('endpoints').description('list endpoints, approve or reject enrolled ones, rotate their keys');

  addConfigOption(
    endpoints
      .command('list')
      .description('list endpoints with their approval')
      .option('--pending', 'only endpoints waiting for approval')
      .option('--json', 'print JSON'),
  ).action(
    action(async (opts: { pending?: boolean; json?: boolean; config?: string }) => {
      const all = await withServices(opts.config, async ({ endpoints: s }) => {
        const out: EndpointView[] = [];
        for (let offset = 0; ; offset += MAX_PAGE_LIMIT) {
          const page = await s.list({ limit: MAX_PAGE_LIMIT, offset, ...(opts.pending ? { approval: 'pending' as const } : {}) });
          out.push(...page.items);
          if (!page.has_more) return out;
        }
      });
      console.log(opts.json ? JSON.stringify(all, null, 2) : formatEndpointTable(all));
    }),
  );

  addConfigOption(
    endpoints.command('approve').description('approve an endpoint pending approval').argument('<id>', 'the endpoint id (from endpoints list)'),
  ).action(
    action(async (id: string, opts: { config?: string }) => {
      checkUuid(id, 'id');
      const ep = await withServices(opts.config, (s) => s.enrollment.approve(id, cliActor()));
      console.log(`approved endpoint ${ep.id} (${ep.name})`);
    }),
  );

  addConfigOption(
    endpoints.command('reject').description('reject an endpoint: its API key is revoked').argument('<id>', 'the endpoint id (from endpoints list)'),
  ).action(
    action(async (id: string, opts: { config?: string }) => {
      checkUuid(id, 'id');
      const ep = await withServices(opts.config, (s) => s.enrollment.reject(id, cliActor()));
      console.log(`rejected endpoint ${ep.id} (${ep.name}): its API key is revoked`);
    }),
  );

  addConfigOption(
    endpoints
      .command('rotate-key')
      .description('issue an endpoint a new API key and print it once; its previous key is revoked')
      .argument('<id>', 'the endpoint id (from endpoints list)')
      .option('--json', 'print the new key as JSON'),
  ).action(
    action(async (id: string, opts: { json?: boolean; config?: string }) => {
      checkUuid(id, 'id');
      const rotated = await withServices(opts.config, (s) => s.apiKeys.rotateEndpointKey(id, cliActor()));
      if (opts.json) {
        console.log(JSON.stringify(rotated, null, 2));
        return;
      }
      console.log(`new API key ${rotated.api_key_id} for endpoint ${rotated.endpoint_id}; revoked ${rotated.revoked_key_ids.length} previous key(s)`);
      console.log('the key is shown ONCE; put it in the agent configuration ([server] api_key) now:');
      console.log(`  ${rotated.api_key}`);
    }),
  );
}
