import {
  readSyncDb,
  syncDbFile
} from "./chunk-S24NCT7Y.js";
import {
  readLocalDb
} from "./chunk-Z77OVGDM.js";
import {
  loadPacmanConf
} from "./chunk-3ZOWN2OT.js";
import {
  ValidationError
} from "./chunk-Q4RKZCN5.js";

// dist/src/agent/pacman/machine-state.js
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { machine as osMachine } from "node:os";

// dist/src/core/state.js
var DEFAULT_CAPTURE_METHOD = "pacman_database";
function setOwn(rec, name, value) {
  Object.defineProperty(rec, name, { value, enumerable: true, writable: true, configurable: true });
}
function unixToIso(seconds) {
  if (seconds === void 0 || !Number.isFinite(seconds))
    return null;
  const d = new Date(seconds * 1e3);
  if (Number.isNaN(d.getTime()))
    return null;
  return d.toISOString().replace(/\.000Z$/, "Z");
}
function buildPackageState(installed, syncRepos, options = {}) {
  const packages = {};
  const sorted = [...installed].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const p of sorted) {
    if (Object.prototype.hasOwnProperty.call(packages, p.name)) {
      throw new ValidationError(`packages.${p.name}`, "package is installed twice in the local database");
    }
    const repo = syncRepos.find((r) => r.packages.has(p.name));
    const entry = {
      version: p.version,
      repository: repo ? repo.name : null,
      size: p.size ?? 0,
      dependencies: [...p.depends],
      install_date: unixToIso(p.installdate),
      // libalpm: a missing %REASON% means explicitly installed.
      reason: p.reason === 1 ? "dependency" : "explicit",
      provides: [...p.provides]
    };
    if (p.arch !== void 0)
      entry.arch = p.arch;
    setOwn(packages, p.name, entry);
  }
  const metadata = {
    ...totals(packages),
    capture_method: options.capture_method ?? DEFAULT_CAPTURE_METHOD,
    excluded_packages: [...new Set(options.excluded_packages ?? [])].sort()
  };
  if (options.repositories !== void 0)
    metadata.repositories = options.repositories;
  return { packages, metadata };
}
function totals(packages) {
  let n = 0;
  let size = 0;
  for (const name in packages) {
    n++;
    size += packages[name]?.size ?? 0;
  }
  return { total_packages: n, total_size: size };
}

// dist/src/agent/pacman/machine-state.js
async function readMachine(ctx) {
  const conf = await loadPacmanConf(ctx.pacman.configPath, ctx.pacmanConf === void 0 ? {} : { pacmanConf: ctx.pacmanConf });
  const local = readLocalDb(ctx.pacman.dbpath);
  const repos = await Promise.all(conf.repositories.map(async (r) => {
    const packages = await readSyncDb(ctx.pacman.dbpath, r.name);
    return {
      name: r.name,
      servers: r.servers,
      file: syncDbFile(ctx.pacman.dbpath, r.name),
      packages,
      byName: new Map((packages ?? []).map((p) => [p.name, p]))
    };
  }));
  const own = conf.architectures.filter((a) => a !== "auto" && a !== "");
  const arches = [.../* @__PURE__ */ new Set([...own.length > 0 ? own : [osMachine()], "any"])];
  return { conf, local, localByName: new Map(local.map((p) => [p.name, p])), repos, arches };
}
function machineExclusions(m, exclude = []) {
  const out = /* @__PURE__ */ new Set([...exclude, ...m.conf.ignorePkg]);
  if (m.conf.ignoreGroup.length > 0) {
    const groups = new Set(m.conf.ignoreGroup);
    const all = [...m.local, ...m.repos.flatMap((r) => r.packages ?? [])];
    for (const p of all)
      if (p.groups.some((g) => groups.has(g)))
        out.add(p.name);
  }
  return [...out].sort();
}
function machineGroups(m) {
  const groups = /* @__PURE__ */ new Map();
  for (const p of [...m.repos.flatMap((r) => r.packages ?? []).reverse(), ...m.local]) {
    if (p.groups.length > 0)
      groups.set(p.name, p.groups);
  }
  return groups;
}
async function sha256(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file))
    hash.update(chunk);
  return hash.digest("hex");
}
async function repositorySnapshots(m) {
  return Promise.all(m.repos.map(async (r) => {
    let db_hash = null;
    let db_date = null;
    if (r.packages !== null) {
      try {
        db_hash = await sha256(r.file);
        db_date = unixToIso(Math.floor((await stat(r.file)).mtimeMs / 1e3));
      } catch {
      }
    }
    return { name: r.name, server: r.servers[0] ?? null, db_hash, db_date };
  }));
}
async function stateOfMachine(m, ctx) {
  return buildPackageState(m.local, m.repos.map((r) => ({ name: r.name, packages: r.byName })), { excluded_packages: machineExclusions(m, ctx.exclude), repositories: await repositorySnapshots(m) });
}
async function readCurrentState(ctx) {
  return stateOfMachine(await readMachine(ctx), ctx);
}

export {
  unixToIso,
  readMachine,
  machineGroups,
  repositorySnapshots,
  stateOfMachine,
  readCurrentState
};
