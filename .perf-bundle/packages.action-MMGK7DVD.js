import {
  DRIFT_FILTERS
} from "./chunk-SQLIC67B.js";
import {
  flushQueue,
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
  stateBody
} from "./chunk-HXI4R6PT.js";
import "./chunk-ILHKZIDB.js";
import {
  outputMode,
  printJson,
  say
} from "./chunk-AW2CFVCP.js";
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

// dist/src/agent/commands/packages.action.js
async function runPackages(opts, cmd) {
  const mode = outputMode(opts.json);
  if (opts.filter !== void 0 && !DRIFT_FILTERS.includes(opts.filter)) {
    throw new CliError(`--filter: '${opts.filter}' is not one of ${DRIFT_FILTERS.join(", ")}`);
  }
  const session = sessionFor(commandConfig(cmd));
  await flushQueue(session, warn);
  const reply = await session.client.submitState(session.endpointId, stateBody(await captureState(session.ctx)), { details: true });
  const details = reply.drift.details;
  if (reply.target_state_id === null || details === void 0) {
    throw new CliError(reply.pool_id === null ? "this machine is not in a pool: nothing to compare with" : "the pool has no target yet: run 'pacsync set-latest' on the reference machine");
  }
  const search = opts.search?.toLowerCase();
  const rows = [];
  for (const status of DRIFT_FILTERS) {
    if (opts.filter !== void 0 && opts.filter !== status)
      continue;
    for (const e of details[status]) {
      if (search !== void 0 && !e.name.toLowerCase().includes(search))
        continue;
      rows.push({ status, ...e });
    }
  }
  rows.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (mode === "json") {
    printJson({ sync_status: reply.sync_status, target_state_id: reply.target_state_id, packages: rows });
    return;
  }
  for (const r of rows) {
    const v = r.installed_version !== null && r.target_version !== null && r.installed_version !== r.target_version ? `${r.installed_version} -> ${r.target_version}` : r.installed_version ?? r.target_version ?? "";
    const extra = r.reason ? ` (excluded by ${r.reason.source} ${r.reason.pattern})` : r.repository ? ` [${r.repository}]` : "";
    say(mode, `${r.status.padEnd(8)} ${r.name} ${v}${extra}`);
  }
  if (rows.length === 0)
    say(mode, opts.filter || search ? "no package matches" : "every package matches the target");
}
export {
  runPackages
};
