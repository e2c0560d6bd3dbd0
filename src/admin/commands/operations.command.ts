// `pacsync-admin operations list|show|cancel`: the operation log of a pool or an endpoint, one
// operation, and cancelling one (/pools/{id}/operations, /endpoints/{id}/operations, /operations/{id}).
import { type Command, Option } from 'commander';
import { action, addPaging, uuid } from './support.js';

export function registerOperationsCommand(program: Command): Command {
  const ops = program
    .command('operations')
    .summary('list, show and cancel operations')
    .description('Operations: syncs, reverts, set-latest and analyses, with their plans and progress.');
  const run = async () => import('./operations.action.js');

  addPaging(
    ops
      .command('list')
      .summary("a pool's or an endpoint's operations, newest first")
      .option('--pool <pool>', "the pool's operations (name or id)")
      .option('--endpoint <endpoint>', "the endpoint's operations (name or id)")
      .addOption(
        new Option('--status <status>', 'only this status').choices(['pending', 'in_progress', 'completed', 'failed', 'cancelled', 'expired']),
      )
      .addOption(
        new Option('--type <type>', 'only this type').choices(['sync_to_latest', 'set_as_latest', 'revert_to_previous', 'repository_analysis']),
      ),
  ).action(action(async (opts, cmd: Command) => (await run()).listOperations(opts, cmd)));

  ops
    .command('show')
    .summary('one operation with its plan and progress')
    .argument('<id>', 'operation id', uuid)
    .action(action(async (id: string, _o, cmd: Command) => (await run()).showOperation(id, cmd)));

  ops
    .command('cancel')
    .summary('cancel a pending or in-progress operation')
    .argument('<id>', 'operation id', uuid)
    .action(action(async (id: string, _o, cmd: Command) => (await run()).cancelOperation(id, cmd)));

  return ops;
}
