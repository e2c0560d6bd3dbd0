import {
  catchStopSignals
} from "./chunk-YPMC3EOO.js";
import {
  flushQueue,
  runPlannedOperation,
  stopIfAsked,
  warn
} from "./chunk-DX3RTFEB.js";
import "./chunk-5AKQSSKG.js";
import {
  commandConfig,
  sessionFor
} from "./chunk-XF2QI3ZZ.js";
import "./chunk-YULYYU46.js";
import {
  captureState,
  submitCapture
} from "./chunk-HXI4R6PT.js";
import "./chunk-ILHKZIDB.js";
import "./chunk-KUJ3AIP3.js";
import "./chunk-I6OEBWSL.js";
import "./chunk-AITXTHUY.js";
import "./chunk-S24NCT7Y.js";
import "./chunk-Z77OVGDM.js";
import "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";
import {
  CliError
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/revert.action.js
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
async function runRevert(opts, cmd) {
  if (opts.stateId !== void 0 && !UUID.test(opts.stateId))
    throw new CliError(`--state-id: '${opts.stateId}' is not a state id (a UUID)`);
  const stops = catchStopSignals();
  try {
    const session = sessionFor(commandConfig(cmd), { signal: stops.signal });
    await flushQueue(session, warn);
    await submitCapture(session.client, session.endpointId, { state: await captureState(session.ctx) });
    stopIfAsked(stops);
    const answer = await session.client.revert(session.endpointId, {
      dry_run: opts.dryRun === true,
      ...opts.stateId !== void 0 ? { target_state_id: opts.stateId } : {}
    });
    await runPlannedOperation(session, answer, opts, stops);
  } finally {
    stops.dispose();
  }
}
export {
  runRevert
};
