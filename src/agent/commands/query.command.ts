// `pacsync query [--info] [NAME...]`: the installed packages, printed exactly like `pacman -Q`
// (`name version` lines) or `pacman -Qi` (the info block), read straight from the local database
// configured for the agent ([pacman] dbpath) — no pacman process. Like pacman: NAME may be a
// provision or a dependency string (`sh`, `glibc>=2.38`); an unknown NAME prints
// "error: package 'NAME' was not found" and the command ends with exit code 1 after showing the
// others; listing an empty database also exits 1. Plain `query` uses the entry names only, as
// pacman -Q does; `--info` reads every desc and reports a damaged one (exit 1, one line).
import type { Command } from 'commander';
import { action } from '../errors.js';

export interface QueryOptions {
  info?: boolean;
}

/**
 * The command itself, shared by the commander registration below and pacsync.cts's start-up
 * fast path (which calls it without loading commander). Errors become one line and an exit code.
 */
export const runQueryCommand = action(async (names: string[], opts: QueryOptions, configFlag: string | undefined) => {
  // Heavy modules load only when the command runs (keeps `pacsync --help` and other commands fast).
  const [{ runQuery }, { loadConfig }] = await Promise.all([import('./query.action.js'), import('../config.js')]);
  const config = loadConfig({ configFlag });
  runQuery(config.pacman.dbpath, names, { info: opts.info === true });
});

export function registerQueryCommand(program: Command): Command {
  return program
    .command('query')
    .summary('list installed packages like pacman -Q')
    .description('List installed packages (or the named ones) exactly like `pacman -Q`; with --info like `pacman -Qi`.')
    .option('-i, --info', "show each package's details like pacman -Qi")
    .argument('[names...]', 'package names (or provisions) to show')
    .action((names: string[], opts: QueryOptions, cmd: Command) => runQueryCommand(names, opts, cmd.optsWithGlobals<{ config?: string }>().config));
}
