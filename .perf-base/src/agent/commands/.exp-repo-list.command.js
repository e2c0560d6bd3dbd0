import { action, quietOnBrokenPipe } from '../errors.js';
/**
 * The command itself, shared by the commander registration below and cli.ts's start-up fast path
 * (which calls it without loading commander). Errors become one line and an exit code.
 */
export const runRepoListCommand = action(async (repos, configFlag) => {
    quietOnBrokenPipe();
    const [{ runRepoList }, { loadConfig }] = await Promise.all([import('./.exp-repo-list.action.js'), import('../config.js')]);
    const config = loadConfig({ configFlag });
    await runRepoList(config.pacman, repos);
});
export function registerRepoListCommand(program) {
    return program
        .command('repo-list')
        .summary('list the packages of the sync repositories like pacman -Sl')
        .description('List the packages of every configured sync repository (or the named ones) exactly like `pacman -Sl`.')
        .argument('[repos...]', 'repositories to list (default: all, in pacman.conf order)')
        .action((repos, _opts, cmd) => runRepoListCommand(repos, cmd.optsWithGlobals().config));
}
//# sourceMappingURL=repo-list.command.js.map