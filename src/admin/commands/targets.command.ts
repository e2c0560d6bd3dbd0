// `pacsync-admin targets history|diff|revert`: a pool's target states (/pools/{id}/states with
// kind=target, /states/{a}/diff/{b}, /pools/{id}/revert-target).
import type { Command } from 'commander';
import { action, addPaging, uuid } from './support.js';

export function registerTargetsCommand(program: Command): Command {
  const targets = program
    .command('targets')
    .summary("a pool's targets: history, diff, revert")
    .description("A pool's target states: the package sets its members are held to.");
  const run = async () => import('./targets.action.js');

  addPaging(targets.command('history').summary("a pool's current and former targets, newest first").argument('<pool>', 'pool name or id')).action(
    action(async (ref: string, opts, cmd: Command) => (await run()).targetHistory(ref, opts, cmd)),
  );

  targets
    .command('diff')
    .summary('packages added, removed and changed from one state to another')
    .argument('<from>', 'state id (targets history lists them)', uuid)
    .argument('<to>', 'state id', uuid)
    .action(action(async (from: string, to: string, _o, cmd: Command) => (await run()).targetDiff(from, to, cmd)));

  targets
    .command('revert')
    .summary('make an earlier target the target again (default: the one before the current)')
    .argument('<pool>', 'pool name or id')
    .option('--to <state>', 'the earlier target to restore (a state id)', uuid)
    .option('--message <text>', 'why (kept with the new target)')
    .action(action(async (ref: string, opts, cmd: Command) => (await run()).revertTarget(ref, opts, cmd)));

  return targets;
}
