import {
  catchStopSignals
} from "./chunk-YPMC3EOO.js";
import {
  flushQueue,
  parseNameList,
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
import "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/sync.action.js
async function runSync(opts, cmd) {
  const packages = parseNameList(opts.packages, "--packages");
  const exclude = parseNameList(opts.exclude, "--exclude", { globs: true });
  const stops = catchStopSignals();
  try {
    const session = sessionFor(commandConfig(cmd), { signal: stops.signal });
    await flushQueue(session, warn);
    await submitCapture(session.client, session.endpointId, { state: await captureState(session.ctx) });
    stopIfAsked(stops);
    const answer = await session.client.sync(session.endpointId, {
      dry_run: opts.dryRun === true,
      force: opts.force === true,
      ...packages ? { packages } : {},
      ...exclude ? { exclude } : {}
    });
    await runPlannedOperation(session, answer, opts, stops);
  } finally {
    stops.dispose();
  }
}
export {
  runSync
};
