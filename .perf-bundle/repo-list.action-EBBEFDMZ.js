import {
  listSyncDbPackages
} from "./chunk-S24NCT7Y.js";
import {
  listLocalDb
} from "./chunk-Z77OVGDM.js";
import {
  loadPacmanConf
} from "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";

// dist/src/agent/commands/repo-list.action.js
import { readdir } from "node:fs/promises";
import path from "node:path";
async function runRepoList(paths, only) {
  const reads = /* @__PURE__ */ new Map();
  const read = (repo) => {
    let p = reads.get(repo);
    if (!p) {
      p = listSyncDbPackages(paths.dbpath, repo);
      p.catch(() => void 0);
      reads.set(repo, p);
    }
    return p;
  };
  const files = await readdir(path.join(paths.dbpath, "sync")).catch(() => []);
  const conf = loadPacmanConf(paths.configPath);
  conf.catch(() => void 0);
  const wanted = new Set(only);
  for (const f of files)
    if (f.endsWith(".db") && (only.length === 0 || wanted.has(f.slice(0, -3))))
      read(f.slice(0, -3));
  const configured = (await conf).repositories.map((r) => r.name);
  let failed = false;
  const repos = only.length === 0 ? configured : only.filter((r) => configured.includes(r) || (failed = true, warnUnknown(r)));
  const installed = new Map(listLocalDb(paths.dbpath).map((p) => [p.name, p.version]));
  for (const repo of repos) {
    const pkgs = await read(repo);
    if (pkgs === null) {
      process.stderr.write(`warning: database file for '${repo}' does not exist (use '-Sy' to download)
`);
      continue;
    }
    const lines = new Array(pkgs.length);
    for (let i = 0; i < pkgs.length; i++) {
      const p = pkgs[i];
      const local = installed.get(p.name);
      lines[i] = local === void 0 ? `${repo} ${p.name} ${p.version}
` : local === p.version ? `${repo} ${p.name} ${p.version} [installed]
` : `${repo} ${p.name} ${p.version} [installed: ${local}]
`;
    }
    process.stdout.write(lines.join(""));
  }
  if (failed)
    process.exitCode = 1;
}
function warnUnknown(repo) {
  process.stderr.write(`error: repository "${repo}" was not found.
`);
  return false;
}
export {
  runRepoList
};
