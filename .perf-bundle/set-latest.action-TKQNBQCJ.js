import {
  flushQueue,
  parseNameList,
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

// dist/src/agent/commands/set-latest.action.js
async function runSetLatest(opts, cmd) {
  const mode = outputMode(opts.json);
  const packages = parseNameList(opts.packages, "--packages");
  if (opts.message !== void 0 && opts.message.length > 1e3)
    throw new CliError("--message: at most 1000 characters");
  const session = sessionFor(commandConfig(cmd));
  await flushQueue(session, warn);
  await submitCapture(session.client, session.endpointId, { state: await captureState(session.ctx) });
  const r = await session.client.setLatest(session.endpointId, {
    ...opts.message !== void 0 ? { message: opts.message } : {},
    ...packages ? { packages } : {},
    ...opts.force ? { force: true } : {},
    ...opts.dryRun ? { dry_run: true } : {}
  });
  if (mode === "json") {
    printJson(r);
    return;
  }
  const what = r.packages ? `${r.packages.length} promoted package(s), ${r.total_packages} in the target` : `${r.total_packages} package(s)`;
  const changes = `${r.changes.added} added, ${r.changes.removed} removed, ${r.changes.changed} changed against the previous target`;
  if (r.dry_run) {
    say(mode, `dry run: the pool's target would become ${what}: ${changes}; nothing was stored`);
    if (!r.applied)
      say(mode, "it would be refused: dependencies left unsatisfied (use --force to store it flagged)");
  } else {
    say(mode, `the pool's target is now this machine's state: ${what}; ${changes}`);
    say(mode, `pool members: ${r.pool_drift.in_sync} in sync, ${r.pool_drift.behind} behind, ${r.pool_drift.ahead} ahead, ${r.pool_drift.unknown} unknown`);
  }
  for (const u of r.unsatisfied_dependencies)
    say(mode, `  unsatisfied: ${u.package} needs ${u.dependency}${u.found ? ` (found ${u.found})` : ""}`);
}
export {
  runSetLatest
};
