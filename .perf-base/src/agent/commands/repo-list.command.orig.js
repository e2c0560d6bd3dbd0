import { action, quietOnBrokenPipe } from "../errors.js";
function registerRepoListCommand(program) {
  return program.command("repo-list").summary("list the packages of the sync repositories like pacman -Sl").description("List the packages of every configured sync repository (or the named ones) exactly like `pacman -Sl`.").argument("[repos...]", "repositories to list (default: all, in pacman.conf order)").action(
    action(async (repos, _opts, cmd) => {
      quietOnBrokenPipe();
      const { runRepoList } = await import("./repo-list.action.js");
      const { loadConfig } = await import("../config.js");
      const config = loadConfig({ configFlag: cmd.optsWithGlobals().config });
      await runRepoList(config.pacman, repos);
    })
  );
}
export {
  registerRepoListCommand
};
