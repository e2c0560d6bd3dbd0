import { action, quietOnBrokenPipe } from '../errors.js';
/**
 * The command itself, shared by the commander registration below and cli.ts's start-up fast path
 * (which calls it without loading commander). Errors become one line and an exit code.
 */
export const runQueryCommand = action(async (names, opts, configFlag) => {
    // Heavy modules load only when the command runs (keeps `pacsync --help` and other commands fast).
    quietOnBrokenPipe();
    const [{ runQuery }, { loadConfig }] = await Promise.all([import('./query.action.js'), import('../config.js')]);
    const config = loadConfig({ configFlag });
    runQuery(config.pacman.dbpath, names, { info: opts.info === true });
});
export function registerQueryCommand(program) {
    return program
        .command('query')
        .summary('list installed packages like pacman -Q')
        .description('List installed packages (or the named ones) exactly like `pacman -Q`; with --info like `pacman -Qi`.')
        .option('-i, --info', 'show each package\'s details like pacman -Qi')
        .argument('[names...]', 'package names (or provisions) to show')
        .action((names, opts, cmd) => runQueryCommand(names, opts, cmd.optsWithGlobals().config));
}
//# sourceMappingURL=query.command.js.map