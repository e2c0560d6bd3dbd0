import { action, quietOnBrokenPipe } from "../errors.js";
function registerQueryCommand(program) {
  return program.command("query").summary("list installed packages like pacman -Q").description("List installed packages (or the named ones) exactly like `pacman -Q`; with --info like `pacman -Qi`.").option("-i, --info", "show each package's details like pacman -Qi").argument("[names...]", "package names (or provisions) to show").action(
    action(async (names, opts, cmd) => {
      quietOnBrokenPipe();
      const { runQuery } = await import("./query.action.js");
      const { loadConfig } = await import("../config.js");
      const config = loadConfig({ configFlag: cmd.optsWithGlobals().config });
      runQuery(config.pacman.dbpath, names, { info: opts.info === true });
    })
  );
}
export {
  registerQueryCommand
};
