import {
  action,
  quietOnBrokenPipe
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/query.command.js
var runQueryCommand = action(async (names, opts, configFlag) => {
  quietOnBrokenPipe();
  const [{ runQuery }, { loadConfig }] = await Promise.all([import("./query.action-4GBKLQTT.js"), import("./config-5AQQ26TV.js")]);
  const config = loadConfig({ configFlag });
  runQuery(config.pacman.dbpath, names, { info: opts.info === true });
});
function registerQueryCommand(program) {
  return program.command("query").summary("list installed packages like pacman -Q").description("List installed packages (or the named ones) exactly like `pacman -Q`; with --info like `pacman -Qi`.").option("-i, --info", "show each package's details like pacman -Qi").argument("[names...]", "package names (or provisions) to show").action((names, opts, cmd) => runQueryCommand(names, opts, cmd.optsWithGlobals().config));
}
export {
  registerQueryCommand,
  runQueryCommand
};
