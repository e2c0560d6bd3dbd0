// `pacsync repo-list [REPO...]`: every package of the configured sync databases, printed exactly
// like `pacman -Sl` (`repo name version`, plus ` [installed]` or ` [installed: <local version>]`),
// in pacman.conf's repository order (or the order given). Repositories come from pacman-conf (or
// the pacman.conf parser), databases are read from [pacman] dbpath without a pacman process.
// An unknown REPO: `error: repository "REPO" was not found.` and exit 1 before any output; a
// repository never synced: a warning, like pacman; a damaged database: one error line, exit 1.
import type { Command } from 'commander';
import { action } from '../errors.js';

/**
 * The command itself, shared by the commander registration below and pacsync.cts's start-up
 * fast path (which calls it without loading commander). Errors become one line and an exit code.
 */
export const runRepoListCommand = action(async (repos: string[], configFlag: string | undefined) => {
  const [{ runRepoList }, { loadConfig }] = await Promise.all([import('./repo-list.action.js'), import('../config.js')]);
  const config = loadConfig({ configFlag });
  await runRepoList(config.pacman, repos);
});

export function registerRepoListCommand(program: Command): Command {
  return program
    .command('repo-list')
    .summary('list the packages of the sync repositories like pacman -Sl')
    .description('List the packages of every configured sync repository (or the named ones) exactly like `pacman -Sl`.')
    .argument('[repos...]', 'repositories to list (default: all, in pacman.conf order)')
    .action((repos: string[], _opts: unknown, cmd: Command) => runRepoListCommand(repos, cmd.optsWithGlobals<{ config?: string }>().config));
}
