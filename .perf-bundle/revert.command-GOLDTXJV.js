import {
  action
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/revert.command.js
function registerRevertCommand(program) {
  return program.command("revert").summary("go back to the state before the last sync").description("Return this machine exactly to its own state captured just before its last sync (or to --state-id).").option("--state-id <id>", "one of this machine's earlier states (default: the one before its last sync)").option("-n, --dry-run", "show the plan, change nothing").option("-y, --yes", "do not ask for confirmation").option("--json", "print the result as JSON").action(action(async (opts, cmd) => {
    const { runRevert } = await import("./revert.action-TZGN53J2.js");
    await runRevert(opts, cmd);
  }));
}
export {
  registerRevertCommand
};
