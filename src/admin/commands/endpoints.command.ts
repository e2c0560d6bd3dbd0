// `pacsync-admin endpoints list|show|move|approve|reject|delete`: the machines of /api/v1/endpoints.
// An endpoint is given by name or id, a pool too.
import { type Command, Option } from 'commander';
import { action, addPaging } from './support.js';

export function registerEndpointsCommand(program: Command): Command {
  const endpoints = program
    .command('endpoints')
    .summary('list, show, move, approve and delete endpoints')
    .description('Endpoints: the machines running the agent.');
  const run = async () => import('./endpoints.action.js');

  addPaging(
    endpoints
      .command('list')
      .summary('list endpoints (filters, paging)')
      .option('--pool <pool>', 'only members of this pool (name or id)')
      .addOption(new Option('--status <status>', 'only endpoints with this status').choices(['online', 'offline', 'error']))
      .addOption(
        new Option('--sync-status <status>', 'only endpoints with this sync status').choices([
          'in_sync',
          'behind',
          'ahead',
          'sync_pending',
          'unknown',
        ]),
      )
      .addOption(new Option('--approval <approval>', 'only endpoints with this approval').choices(['pending', 'approved', 'rejected']))
      .option('--pending', 'only endpoints waiting for approval (--approval pending)')
      .option('--search <text>', 'only names or host names containing this'),
  ).action(action(async (opts, cmd: Command) => (await run()).listEndpoints(opts, cmd)));

  endpoints
    .command('show')
    .summary('an endpoint: pool, status, drift, system info, recent activity')
    .argument('<endpoint>', 'endpoint name or id')
    .action(action(async (ref: string, _o, cmd: Command) => (await run()).showEndpoint(ref, cmd)));

  endpoints
    .command('move')
    .summary('move an endpoint into a pool (--none: out of its pool)')
    .argument('<endpoint>', 'endpoint name or id')
    .argument('[pool]', 'pool name or id')
    .option('--none', 'leave its pool (no pool)')
    .action(action(async (ref: string, pool: string | undefined, opts, cmd: Command) => (await run()).moveEndpoint(ref, pool, opts, cmd)));

  endpoints
    .command('approve')
    .summary('approve an endpoint pending approval')
    .argument('<endpoint>', 'endpoint name or id')
    .action(action(async (ref: string, _o, cmd: Command) => (await run()).approveEndpoint(ref, cmd)));

  endpoints
    .command('reject')
    .summary('reject an endpoint: its keys are revoked')
    .argument('<endpoint>', 'endpoint name or id')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(action(async (ref: string, opts, cmd: Command) => (await run()).rejectEndpoint(ref, opts, cmd)));

  endpoints
    .command('delete')
    .summary('delete an endpoint with its key, states and operations')
    .argument('<endpoint>', 'endpoint name or id')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(action(async (ref: string, opts, cmd: Command) => (await run()).deleteEndpoint(ref, opts, cmd)));

  return endpoints;
}
