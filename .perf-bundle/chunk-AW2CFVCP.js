import {
  CliError
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/output.js
import { createInterface } from "node:readline/promises";
function outputMode(json) {
  if (json)
    return "json";
  return process.stderr.isTTY === true && process.stdout.isTTY === true ? "tty" : "plain";
}
function say(mode, line) {
  if (mode !== "json")
    process.stdout.write(`${line}
`);
}
async function progressDisplay(mode) {
  if (mode === "json")
    return { update: () => void 0, stop: () => void 0 };
  if (mode === "plain") {
    let last = "";
    return {
      update(percent, label) {
        if (label === last)
          return;
        last = label;
        process.stdout.write(`[${String(Math.round(percent)).padStart(3)}%] ${label}
`);
      },
      stop: () => void 0
    };
  }
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar({ format: "{bar} {percentage}% | {label}", hideCursor: true, clearOnComplete: false, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(percent, label) {
      if (!started) {
        bar.start(100, 0, { label });
        started = true;
      }
      bar.update(Math.round(percent), { label });
    },
    stop() {
      if (started)
        bar.stop();
      started = false;
    }
  };
}
function formatSize(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} ${units[i]}` : `${v.toFixed(2)} ${units[i]}`;
}
function entryLine(verb, e) {
  const versions = e.from_version !== null && e.to_version !== null ? `${e.from_version} -> ${e.to_version}` : e.to_version ?? e.from_version ?? "";
  const repo = e.repository ? ` [${e.repository}]` : "";
  return `  ${verb.padEnd(9)} ${e.name} ${versions}${repo}`;
}
function planChangeCount(plan) {
  return plan.packages_to_install.length + plan.packages_to_upgrade.length + plan.packages_to_downgrade.length + plan.packages_to_remove.length + (plan.reasons_to_change?.length ?? 0);
}
var MAX_EXCLUDED_SHOWN = 20;
function planLines(plan, extra = {}) {
  const out = [];
  for (const e of plan.packages_to_install)
    out.push(entryLine("install", e));
  for (const e of plan.packages_to_upgrade)
    out.push(entryLine("upgrade", e));
  for (const e of plan.packages_to_downgrade)
    out.push(entryLine("downgrade", e));
  for (const e of plan.packages_to_remove)
    out.push(entryLine("remove", e));
  for (const r of plan.reasons_to_change ?? [])
    out.push(`  ${"reason".padEnd(9)} ${r.name} -> ${r.to_reason}`);
  for (const c of plan.conflicts ?? []) {
    const how = c.resolution === "blocked" ? "blocked (installed is newer; --force downgrades)" : "downgrade (forced)";
    out.push(`  ${"conflict".padEnd(9)} ${c.name} installed ${c.installed_version}, target ${c.target_version}: ${how}`);
  }
  for (const k of plan.packages_kept ?? []) {
    const why = k.reason === "newer" ? "installed is newer, pool keeps the newest" : `required by ${(k.required_by ?? []).join(", ")}`;
    out.push(`  ${"keep".padEnd(9)} ${k.name} ${k.installed_version}: ${why}`);
  }
  for (const x of extra.excluded ?? [])
    out.push(`  ${"ignored".padEnd(9)} ${x.name} (pacman.conf ${x.source === "ignore_pkg" ? "IgnorePkg" : "IgnoreGroup"} ${x.pattern})`);
  for (const h of extra.held ?? [])
    out.push(`  ${"held".padEnd(9)} ${h} (pacman.conf HoldPkg: not removed)`);
  const shown = new Set((extra.excluded ?? []).map((x) => x.name));
  const excludedNames = (plan.excluded_packages ?? []).filter((n2) => !shown.has(n2));
  for (const n2 of excludedNames.slice(0, MAX_EXCLUDED_SHOWN))
    out.push(`  ${"excluded".padEnd(9)} ${n2}${extra.excludedWhy?.get(n2) ? ` (${extra.excludedWhy.get(n2)})` : ""}`);
  if (excludedNames.length > MAX_EXCLUDED_SHOWN)
    out.push(`  ${"excluded".padEnd(9)} \u2026 and ${excludedNames.length - MAX_EXCLUDED_SHOWN} more`);
  const n = planChangeCount(plan);
  const excluded = plan.excluded_count ?? plan.excluded_packages?.length ?? 0;
  out.push(n === 0 ? `nothing to do${excluded > 0 ? ` (${excluded} excluded)` : ""}` : `${n} package change(s), ${formatSize(plan.estimated_size ?? 0)} to install${excluded > 0 ? `, ${excluded} excluded` : ""}`);
  return out;
}
async function confirm(question, opts = {}) {
  if (process.stdin.isTTY !== true) {
    throw new CliError("refusing to change packages without confirmation: standard input is not a terminal (pass --yes)");
  }
  if (opts.signal?.aborted)
    return false;
  const interrupted = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, interrupted.signal]) : interrupted.signal;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  rl.on("SIGINT", () => interrupted.abort());
  try {
    const answer = (await rl.question(`${question} [y/N] `, { signal })).trim().toLowerCase();
    return answer === "y" || answer === "yes";
  } catch (err) {
    if (!signal.aborted)
      throw err;
    process.stderr.write("\n");
    return false;
  } finally {
    rl.close();
  }
}
function printJson(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}
`);
}

export {
  outputMode,
  say,
  progressDisplay,
  formatSize,
  planChangeCount,
  planLines,
  confirm,
  printJson
};
