import {
  action
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/daemon.command.js
function registerDaemonCommand(program) {
  return program.command("daemon").summary("report changes and run server-started operations (foreground)").description("Run in the foreground: report the package state when it changes, send heartbeats, run sync/revert operations started by the server, and queue reports while the server is unreachable.").action(action(async (_opts, cmd) => {
    const { runDaemon } = await import("./daemon.action-BUS2JO2R.js");
    await runDaemon(cmd);
  }));
}
export {
  registerDaemonCommand
};
