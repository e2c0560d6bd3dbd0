import {
  action
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/test-connection.command.js
function registerTestConnectionCommand(program) {
  return program.command("test-connection").summary("check that the server answers and accepts this machine's key").description("Check that the configured server answers and accepts this machine's API key.").option("--json", "print the result as JSON").action(action(async (opts, cmd) => {
    const { runTestConnection } = await import("./test-connection.action-OU2RPWNV.js");
    await runTestConnection(opts, cmd);
  }));
}
export {
  registerTestConnectionCommand
};
