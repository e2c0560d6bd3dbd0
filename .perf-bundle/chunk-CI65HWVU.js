import {
  flushQueue,
  warn
} from "./chunk-DX3RTFEB.js";
import {
  commandConfig,
  sessionFor
} from "./chunk-XF2QI3ZZ.js";
import {
  capture,
  submitCapture
} from "./chunk-HXI4R6PT.js";
import {
  outputMode,
  printJson,
  say
} from "./chunk-AW2CFVCP.js";

// dist/src/agent/commands/submit.action.js
function driftLine(d) {
  const keys = ["missing", "behind", "ahead", "extra", "foreign", "excluded"];
  return keys.map((k) => `${d[k] ?? 0} ${k}`).join(", ");
}
async function runSubmit(opts, cmd) {
  const mode = outputMode(opts.json);
  const session = sessionFor(commandConfig(cmd));
  await flushQueue(session, warn);
  const c = await capture(session.ctx);
  const reply = await submitCapture(session.client, session.endpointId, c);
  if (mode === "json") {
    printJson(reply);
    return;
  }
  const n = Object.keys(c.state.packages).length;
  say(mode, `reported ${n} package(s) and ${c.repositories.repositories.length} repositor${c.repositories.repositories.length === 1 ? "y" : "ies"}${reply.changed ? "" : " (unchanged since the last report)"}`);
  if (reply.target_state_id === null) {
    say(mode, `sync status: ${reply.sync_status} (${reply.pool_id === null ? "not in a pool" : "the pool has no target yet"})`);
  } else {
    say(mode, `sync status: ${reply.sync_status}: ${driftLine(reply.drift)}`);
  }
}

export {
  driftLine,
  runSubmit
};
