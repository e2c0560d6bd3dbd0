import {
  action
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/status.command.js
function registerStatusCommand(program) {
  return program.command("status").summary("show this machine's pool, sync status and drift").description("Show this machine's pool, sync status, drift counts, last sync and whether the server is reachable.").option("--json", "print the status as JSON").action(action(async (opts, cmd) => {
    const { runStatus } = await import("./status.action-SEUC3WW5.js");
    await runStatus(opts, cmd);
  }));
}
export {
  registerStatusCommand
};
