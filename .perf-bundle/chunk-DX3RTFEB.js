import {
  ReportQueue
} from "./chunk-5AKQSSKG.js";
import {
  isRetryable
} from "./chunk-ILHKZIDB.js";
import {
  isValidExclusionPattern,
  isValidPackageName
} from "./chunk-I6OEBWSL.js";
import {
  CliError,
  messageFor
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/command-support.js
function parseNameList(value, option, opts = {}) {
  if (value === void 0)
    return void 0;
  const names = value.split(/[\s,]+/).filter((s) => s !== "");
  if (names.length === 0)
    throw new CliError(`${option}: no package name given`);
  for (const n of names) {
    const ok = opts.globs ? isValidExclusionPattern(n) : isValidPackageName(n);
    if (!ok)
      throw new CliError(`${option}: '${n}' is not a valid package name${opts.globs ? " or pattern" : ""}`);
  }
  return [...new Set(names)];
}
function queueOf(session) {
  return new ReportQueue(session.config.client.stateDir);
}
async function flushQueue(session, warn2) {
  const queue = queueOf(session);
  if (!queue.exists())
    return;
  const r = await queue.replay(session.client, { waitMs: session.config.server.timeout * 1e3 });
  for (const d of r.dropped)
    warn2(`warning: dropped a queued ${d.item.kind} report the server refused: ${d.reason}`);
  if (r.stoppedBy !== null && !isRetryable(r.stoppedBy))
    warn2(`warning: queued reports not sent: ${messageFor(r.stoppedBy)}`);
}
function warn(line) {
  process.stderr.write(`${line}
`);
}
function stopIfAsked(stops) {
  const reason = stops.reason();
  if (reason !== null)
    throw new CliError(`${reason}: stopped before the server was asked for a plan: nothing was changed`);
}
async function runPlannedOperation(session, answer, opts, stops) {
  const { runOperation } = await import("./operation-runner-4X5MRQSX.js");
  const { outputMode, printJson, progressDisplay } = await import("./output-7ZMTS5KE.js");
  const mode = outputMode(opts.json);
  const display = await progressDisplay(mode);
  try {
    const result = await runOperation(answer.operation, answer.plan, {
      client: session.client,
      ctx: session.ctx,
      queue: queueOf(session),
      mode,
      display,
      yes: opts.yes === true,
      ...stops ? { stopping: stops.reason } : {}
    });
    if (mode === "json") {
      const { state: _state, ...rest } = result;
      printJson(rest);
    }
    const reason = stops?.reason() ?? null;
    if (reason !== null) {
      const how = result.outcome === "completed" ? "the pacman transaction under way was finished first" : "nothing was changed";
      throw new CliError(`${reason}: stopped; ${how} (operation ${result.operation_id}: ${result.outcome.replace(/_/g, " ")})`);
    }
  } finally {
    display.stop();
  }
}

export {
  parseNameList,
  queueOf,
  flushQueue,
  warn,
  stopIfAsked,
  runPlannedOperation
};
