#!/usr/bin/env node

// dist/src/agent/cli.js
var argv = process.argv.slice(2);
var operands = (args, flags = []) => args.every((a) => !a.startsWith("-") || flags.includes(a));
if (argv[0] === "query" && operands(argv.slice(1), ["-i", "--info"])) {
  const { runQueryCommand } = await import("./query.command-2ELPGGB3.js");
  const info = argv.includes("-i") || argv.includes("--info");
  await runQueryCommand(argv.slice(1).filter((a) => a !== "-i" && a !== "--info"), { info }, void 0);
} else if (argv[0] === "repo-list" && operands(argv.slice(1))) {
  const { runRepoListCommand } = await import("./repo-list.command-ILGW6YJS.js");
  await runRepoListCommand(argv.slice(1), void 0);
} else {
  await runProgram();
}
async function runProgram() {
  const { Command } = await import("commander");
  const program = new Command();
  program.name("pacsync").description("Pacman Sync Utility agent: keeps this machine on its pool's package set").option("-c, --config <file>", "configuration file (default: $PACSYNC_CONFIG, ~/.config/pacman-sync/client.conf, /etc/pacman-sync/client.conf)").showHelpAfterError();
  (await import("./vercmp.command-ZGT6U7CY.js")).registerVercmpCommand(program);
  (await import("./query.command-2ELPGGB3.js")).registerQueryCommand(program);
  (await import("./repo-list.command-ILGW6YJS.js")).registerRepoListCommand(program);
  (await import("./register.command-AHBYYKPH.js")).registerRegisterCommand(program);
  (await import("./status.command-LH2KFN4T.js")).registerStatusCommand(program);
  (await import("./submit.command-S62HCJMK.js")).registerSubmitCommand(program);
  (await import("./sync.command-LGLF3DD2.js")).registerSyncCommand(program);
  (await import("./set-latest.command-VJ2LIT2K.js")).registerSetLatestCommand(program);
  (await import("./revert.command-GOLDTXJV.js")).registerRevertCommand(program);
  (await import("./packages.command-4EG43OLD.js")).registerPackagesCommand(program);
  (await import("./waybar.command-7DGLZNHD.js")).registerWaybarCommand(program);
  (await import("./test-connection.command-QTM6S763.js")).registerTestConnectionCommand(program);
  (await import("./daemon.command-54XZOHG2.js")).registerDaemonCommand(program);
  await program.parseAsync(process.argv);
}
