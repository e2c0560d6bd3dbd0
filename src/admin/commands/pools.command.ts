// `pacsync-admin pools list|show|create|update|delete`: the pools of /api/v1/pools. A pool is given
// by name or id.
import type { Command } from 'commander';
import { addPoolSettingOptions } from './pool-settings.options.js';
import { action, addPaging } from './support.js';

export function registerPoolsCommand(program: Command): Command {
  const pools = program
    .command('pools')
    .summary('list, show, create, update and delete pools')
    .description('Pools: groups of endpoints held to one target package set.');

  addPaging(pools.command('list').summary('list pools with their member counts').option('--search <text>', 'only names containing this')).action(
    action(async (opts, cmd: Command) => (await import('./pools.action.js')).listPools(opts, cmd)),
  );

  pools
    .command('show')
    .summary('a pool: settings, target, members, statistics')
    .argument('<pool>', 'pool name or id')
    .action(action(async (ref: string, _opts, cmd: Command) => (await import('./pools.action.js')).showPool(ref, cmd)));

  addPoolSettingOptions(
    pools.command('create').summary('create a pool').argument('<name>', "the new pool's name").option('--description <text>', 'what the pool is for'),
  ).action(action(async (name: string, opts, cmd: Command) => (await import('./pools.action.js')).createPool(name, opts, cmd)));

  addPoolSettingOptions(
    pools
      .command('update')
      .summary('rename a pool, or change its description or settings (merged)')
      .argument('<pool>', 'pool name or id')
      .option('--name <name>', 'new name')
      .option('--description <text>', 'new description ("" removes it)'),
  ).action(action(async (ref: string, opts, cmd: Command) => (await import('./pools.action.js')).updatePool(ref, opts, cmd)));

  pools
    .command('delete')
    .summary('delete a pool (--force when it has members: they are left without a pool)')
    .argument('<pool>', 'pool name or id')
    .option('--force', 'delete it even when it has members')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(action(async (ref: string, opts, cmd: Command) => (await import('./pools.action.js')).deletePool(ref, opts, cmd)));

  return pools;
}
