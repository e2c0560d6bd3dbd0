// `pacsync hook [--timeout SECONDS]`: what the pacman hook runs after every transaction
// (packaging/arch/zz-pacsync.hook, When = PostTransaction). It tells the agent that the local
// database changed — a running daemon is nudged (state-dir/nudge.ts), else the new state is queued
// and sent within the time bound — and it never holds up or fails pacman: always exit 0, silent
// unless something went wrong, never longer than --timeout (see hook.action.ts).
import type { Command } from 'commander';
import { action } from '../errors.js';

export function registerHookCommand(program: Command): Command {
  return program
    .command('hook')
    .summary('tell the agent pacman changed packages (run by the pacman hook)')
    .description(
      'Run by the pacman hook after every transaction: nudges a running pacsync daemon, or else reports the new package ' +
        'state itself. Always exits 0 within --timeout seconds; prints nothing unless something went wrong. Stays quiet ' +
        "while the agent's own sync or revert runs (that one reports itself).",
    )
    .option('--timeout <seconds>', 'longest the hook may take', '5')
    .action(
      action(async (opts: { timeout: string }, cmd: Command) => {
        const { runHook } = await import('./hook.action.js');
        await runHook(opts, cmd);
      }),
    );
}
