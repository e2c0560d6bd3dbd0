import {
  action
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/submit.command.js
function registerSubmitCommand(program) {
  return program.command("submit").summary("report installed packages and repositories to the server").description("Report this machine's package state and sync repositories to the server and show its drift.").option("--json", "print the server's reply as JSON").action(action(async (opts, cmd) => {
    const { runSubmit } = await import("./submit.action-IS6BWVHZ.js");
    await runSubmit(opts, cmd);
  }));
}
export {
  registerSubmitCommand
};
