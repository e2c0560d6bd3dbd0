import {
  action
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/set-latest.command.js
function registerSetLatestCommand(program) {
  return program.command("set-latest").summary("make this machine's packages the pool's target").description("Make this machine's current package set (or only --packages of it) the pool's target state.").option("-m, --message <text>", "a note stored with the target").option("-p, --packages <names>", "promote only these packages (comma-separated) onto the previous target").option("-n, --dry-run", "show what would change, store nothing").option("-f, --force", "store a partial promotion even when it leaves dependencies unsatisfied (flagged)").option("--json", "print the result as JSON").action(action(async (opts, cmd) => {
    const { runSetLatest } = await import("./set-latest.action-TKQNBQCJ.js");
    await runSetLatest(opts, cmd);
  }));
}
export {
  registerSetLatestCommand
};
