import {
  action,
  quietOnBrokenPipe
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/repo-list.command.js
var runRepoListCommand = action(async (repos, configFlag) => {
  quietOnBrokenPipe();
  const [{ runRepoList }, { loadConfig }] = await Promise.all([import("./repo-list.action-EBBEFDMZ.js"), import("./config-5AQQ26TV.js")]);
  const config = loadConfig({ configFlag });
  await runRepoList(config.pacman, repos);
});
function registerRepoListCommand(program) {
  return program.command("repo-list").summary("list the packages of the sync repositories like pacman -Sl").description("List the packages of every configured sync repository (or the named ones) exactly like `pacman -Sl`.").argument("[repos...]", "repositories to list (default: all, in pacman.conf order)").action((repos, _opts, cmd) => runRepoListCommand(repos, cmd.optsWithGlobals().config));
}
export {
  registerRepoListCommand,
  runRepoListCommand
};
