import {
  compileFnmatch,
  fnmatch,
  isLiteralPattern
} from "./chunk-UACINFJY.js";
import {
  PacmanFailure,
  StepsStopped,
  VersionUnavailableError
} from "./chunk-TKIX6WGV.js";
import {
  archiveBases,
  executorContext
} from "./chunk-YULYYU46.js";
import {
  machineGroups,
  readCurrentState,
  readMachine
} from "./chunk-KUJ3AIP3.js";
import {
  dependencySatisfiedBy,
  splitDependency
} from "./chunk-F6VJP4SS.js";
import {
  isValidPackageName,
  isValidVersion
} from "./chunk-I6OEBWSL.js";
import {
  detectCompression
} from "./chunk-S24NCT7Y.js";
import {
  emptyPackage
} from "./chunk-Z77OVGDM.js";
import "./chunk-3ZOWN2OT.js";
import {
  PacmanFormatError
} from "./chunk-Q4RKZCN5.js";
import "./chunk-T5L4UPBX.js";
import {
  vercmp
} from "./chunk-E23FFSMN.js";

// dist/src/agent/pacman/executor.js
import { copyFile as copyFile2, constants as constants2 } from "node:fs/promises";
import path5 from "node:path";

// dist/src/agent/pacman/pacman-runner.js
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

// dist/src/agent/pacman/transaction-output.js
function parseOperationLine(line) {
  const m = /^(installing|upgrading|downgrading|reinstalling|removing) (\S+)\.\.\.$/.exec(line.trim());
  return m ? { op: m[1], name: m[2] } : null;
}
function parseDownloadLine(line) {
  const m = /^\s*(\S+) downloading\.\.\.$/.exec(line);
  return m ? m[1] : null;
}
var ROUTINE = [
  /^:: (Processing package changes|Running (pre|post)-transaction hooks|Retrieving packages|Synchronizing package databases|Proceed with|Do you want to)/,
  /^:: .* (is|are) up to date$/
];
function problemLines(stdout, stderr) {
  const err = stderr.map((l) => l.trim()).filter((l) => l !== "");
  const errors = err.filter((l) => !l.startsWith("warning:"));
  const details = stdout.map((l) => l.trim()).filter((l) => l.startsWith(":: ") && !ROUTINE.some((r) => r.test(l)) || / exists in (filesystem|both)/.test(l) || /: .* conflicts? (with|\()/.test(l)).map((l) => l.replace(/ \[[yY]\/[nN]\]\s*$/, ""));
  const head = errors.length > 0 ? errors : err;
  return [.../* @__PURE__ */ new Set([...head, ...details])];
}
var SnapshotCollector = class {
  step;
  snapshots = [];
  section = null;
  constructor(step) {
    this.step = step;
  }
  feed(line) {
    const t = line.trim();
    if (t.startsWith(":: Running pre-transaction hooks"))
      this.section = "pre";
    else if (t.startsWith(":: Running post-transaction hooks"))
      this.section = "post";
    else if (t.startsWith(":: Processing package changes"))
      this.section = null;
    if (this.section === null)
      return;
    const m = /^==> ([\w@.:+-]+): (\d+)$/.exec(t);
    if (!m)
      return;
    const config = m[1];
    const num = Number(m[2]);
    if (this.section === "pre") {
      this.snapshots.push({ config, pre: num, post: null, step: this.step });
      return;
    }
    const open3 = this.snapshots.find((s) => s.config === config && s.post === null);
    if (open3)
      open3.post = num;
    else
      this.snapshots.push({ config, pre: null, post: num, step: this.step });
  }
};

// dist/src/agent/pacman/pacman-runner.js
var PacmanRunner = class {
  settings;
  env;
  interactive;
  sudo;
  constructor(settings, opts = {}) {
    this.settings = settings;
    const { COLUMNS: _cols, ...env } = opts.env ?? process.env;
    this.env = { ...env, LC_ALL: "C" };
    this.interactive = opts.interactive ?? process.stdin.isTTY === true;
    this.sudo = settings.useSudo && (opts.uid ?? process.getuid?.() ?? 0) !== 0;
  }
  /** The full command line for pacman `args`: [file, ...arguments]. */
  commandLine(args) {
    const s = this.settings;
    const pacman = [
      s.command,
      "--root",
      s.root,
      "--dbpath",
      s.dbpath,
      "--config",
      s.configPath,
      "--cachedir",
      s.cacheDir,
      "--noconfirm",
      // Only transactions (-S, -U, -R) know --noprogressbar; -D and -Q reject it.
      .../^-[SUR]/.test(args[0] ?? "") ? ["--noprogressbar"] : [],
      "--color",
      "never",
      ...args
    ];
    return this.sudo ? ["sudo", ...this.interactive ? [] : ["-n"], "--", ...pacman] : pacman;
  }
  /** Runs pacman; resolves with its output on exit status 0, rejects with a PacmanFailure otherwise. */
  run(args, opts) {
    const argv = this.commandLine(args);
    const stdout = [];
    const stderr = [];
    const signal = opts.transaction ? void 0 : opts.signal;
    if (signal?.aborted) {
      return Promise.reject(new PacmanFailure({ step: opts.step, command: argv, status: null, lines: ["error: stopped before pacman was started"] }));
    }
    const attached = opts.transaction === true && this.sudo && this.interactive;
    const release = attached ? guardTerminal() : () => void 0;
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0], argv.slice(1), {
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
        // A new session (setsid): out of reach of the terminal and of our process group.
        detached: opts.transaction === true && !attached
      });
      const stop = () => {
        child.kill("SIGINT");
      };
      signal?.addEventListener("abort", stop, { once: true });
      let pending = 3;
      let status = null;
      let killedBy = null;
      let spawnError = null;
      let settled = false;
      const done = () => {
        if (--pending > 0 || settled)
          return;
        settled = true;
        signal?.removeEventListener("abort", stop);
        if (spawnError !== null) {
          const what = spawnError.code === "ENOENT" ? "not found" : spawnError.code ?? spawnError.message;
          reject(new PacmanFailure({ step: opts.step, command: argv, status: null, lines: [`error: cannot run ${argv[0]}: ${what}`] }));
        } else if (status === 0) {
          resolve({ status, stdout, stderr });
        } else {
          const lines = problemLines(stdout, stderr);
          if (killedBy !== null)
            lines.push(`error: ${path.basename(argv[0])} was stopped by ${killedBy}`);
          reject(new PacmanFailure({ step: opts.step, command: argv, status, lines }));
        }
      };
      const read = (stream, into, name) => {
        const rl = createInterface({ input: stream, crlfDelay: Infinity });
        rl.on("line", (line) => {
          into.push(line);
          opts.onLine?.(line, name);
        });
        rl.on("close", done);
      };
      read(child.stdout, stdout, "stdout");
      read(child.stderr, stderr, "stderr");
      child.on("error", (err) => {
        spawnError = err;
        if (child.pid === void 0) {
          pending = 1;
          done();
        }
      });
      child.on("close", (code, sig) => {
        status = code;
        killedBy = sig;
        done();
      });
    }).finally(release);
  }
};
function guardTerminal() {
  if (process.stdin.isTTY !== true)
    return () => void 0;
  const stty = (args) => {
    const r = spawnSync("stty", args, { stdio: ["inherit", "pipe", "ignore"], encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const saved = stty(["-g"]);
  if (saved === null || stty(["-isig"]) === null)
    return () => void 0;
  let restored = false;
  const restore = () => {
    if (restored)
      return;
    restored = true;
    process.off("exit", restore);
    stty([saved]);
  };
  process.on("exit", restore);
  return restore;
}

// dist/src/agent/pacman/plan-preparation.js
import { rm as rm3 } from "node:fs/promises";

// dist/src/core/exclusions.js
var PatternList = class {
  exact = /* @__PURE__ */ new Set();
  globs = [];
  constructor(patterns) {
    for (const p of patterns) {
      if (isLiteralPattern(p))
        this.exact.add(p);
      else
        this.globs.push({ pattern: p, test: compileFnmatch(p) });
    }
  }
  get size() {
    return this.exact.size + this.globs.length;
  }
  /** The pattern matching `name`, or null. */
  find(name) {
    if (this.exact.has(name))
      return name;
    for (const g of this.globs)
      if (g.test(name))
        return g.pattern;
    return null;
  }
};
var NAME_SOURCES = ["pool", "endpoint", "operation", "ignore_pkg"];
var RULE_KEY = { pool: "packages", endpoint: "endpoint", operation: "operation", ignore_pkg: "ignorePkg" };
var Exclusions = class _Exclusions {
  rules;
  lists = [];
  repos;
  ignoreGroup;
  groups;
  nameCache = /* @__PURE__ */ new Map();
  repoCache = /* @__PURE__ */ new Map();
  /** True when nothing can be excluded (lets callers skip all checks). */
  empty;
  constructor(rules) {
    this.rules = rules;
    for (const source of NAME_SOURCES) {
      const patterns = rules[RULE_KEY[source]];
      if (patterns !== void 0 && patterns.length > 0)
        this.lists.push({ source, list: new PatternList(patterns) });
    }
    this.repos = new PatternList(rules.repos ?? []);
    this.ignoreGroup = new PatternList(rules.ignoreGroup ?? []);
    this.groups = rules.groups;
    this.empty = this.lists.length === 0 && this.repos.size === 0 && (this.ignoreGroup.size === 0 || !this.groups);
  }
  static compile(rules = {}) {
    return new _Exclusions(rules);
  }
  static none = new _Exclusions({});
  /** These rules plus `more` (lists are concatenated; `groups` of `more` wins when given). */
  with(more) {
    const r = this.rules;
    const cat = (a, b) => a === void 0 && b === void 0 ? void 0 : [...a ?? [], ...b ?? []];
    return new _Exclusions({
      packages: cat(r.packages, more.packages),
      repos: cat(r.repos, more.repos),
      endpoint: cat(r.endpoint, more.endpoint),
      operation: cat(r.operation, more.operation),
      ignorePkg: cat(r.ignorePkg, more.ignorePkg),
      ignoreGroup: cat(r.ignoreGroup, more.ignoreGroup),
      groups: more.groups ?? r.groups
    });
  }
  groupsOf(name) {
    const g = this.groups;
    if (g === void 0)
      return [];
    if (g instanceof Map)
      return g.get(name) ?? [];
    const rec = g;
    return Object.prototype.hasOwnProperty.call(rec, name) ? rec[name] ?? [] : [];
  }
  /** Why the package name itself is excluded (patterns, IgnorePkg, IgnoreGroup), or null. */
  nameReason(name) {
    const cached = this.nameCache.get(name);
    if (cached !== void 0)
      return cached;
    let reason = null;
    for (const { source, list } of this.lists) {
      const hit = list.find(name);
      if (hit !== null) {
        reason = { source, pattern: hit };
        break;
      }
    }
    if (reason === null && this.ignoreGroup.size > 0) {
      for (const group of this.groupsOf(name)) {
        const hit = this.ignoreGroup.find(group);
        if (hit !== null) {
          reason = { source: "ignore_group", pattern: hit };
          break;
        }
      }
    }
    this.nameCache.set(name, reason);
    return reason;
  }
  /** Whether any `excluded_repos` rule exists. */
  get hasRepoRules() {
    return this.repos.size > 0;
  }
  /** Whether packages from repository `repo` are excluded (`excluded_repos`). */
  excludesRepo(repo) {
    if (repo === null || repo === void 0 || this.repos.size === 0)
      return false;
    let hit = this.repoCache.get(repo);
    if (hit === void 0) {
      hit = this.repos.find(repo) !== null;
      this.repoCache.set(repo, hit);
    }
    return hit;
  }
  /**
   * Whether a package is excluded, by name or by one of its repositories (pass the target's and
   * the installed package's: excluding `testing` must also keep a package that came from testing).
   */
  excludes(name, repo, otherRepo) {
    if (this.empty)
      return false;
    return this.nameReason(name) !== null || this.excludesRepo(repo) || this.excludesRepo(otherRepo);
  }
  /** Like {@link excludes}, with the reason. */
  reason(name, repo, otherRepo) {
    if (this.empty)
      return null;
    const byName = this.nameReason(name);
    if (byName !== null)
      return byName;
    for (const r of [repo, otherRepo]) {
      if (this.excludesRepo(r))
        return { source: "repository", pattern: r };
    }
    return null;
  }
};

// dist/src/agent/pacman/package-fetch.js
import { mkdtemp, readdir as readdir2, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import path3 from "node:path";

// dist/src/agent/pacman/archive.js
import { copyFile, open as open2, rm, stat as stat2 } from "node:fs/promises";
import { fileURLToPath } from "node:url";

// dist/src/agent/pacman/package-file.js
import { spawn as spawn2 } from "node:child_process";
import { open, stat } from "node:fs/promises";

// dist/src/core/pacman/pkginfo.parser.js
var LISTS = {
  license: "licenses",
  group: "groups",
  depend: "depends",
  optdepend: "optdepends",
  makedepend: "makedepends",
  checkdepend: "checkdepends",
  provides: "provides",
  conflict: "conflicts",
  replaces: "replaces",
  xdata: "xdata"
};
var STRINGS = {
  pkgname: "name",
  pkgver: "version",
  pkgbase: "base",
  pkgdesc: "desc",
  url: "url",
  arch: "arch",
  packager: "packager"
};
function parsePkgInfo(text, file) {
  const pkg = emptyPackage();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, "");
    if (line.trim() === "" || line.startsWith("#"))
      continue;
    const at = line.indexOf(" = ");
    if (at <= 0)
      throw new PacmanFormatError(file, `.PKGINFO line ${i + 1}: syntax error (expected 'key = value')`);
    const key = line.slice(0, at);
    const value = line.slice(at + 3);
    const list = LISTS[key];
    if (list !== void 0) {
      (pkg[list] ??= []).push(value);
      continue;
    }
    const str = STRINGS[key];
    if (str !== void 0) {
      pkg[str] = value;
      continue;
    }
    if (key === "size" || key === "builddate") {
      if (!/^\d{1,15}$/.test(value))
        throw new PacmanFormatError(file, `.PKGINFO line ${i + 1}: ${key} is not a number: '${value}'`);
      pkg[key] = Number(value);
    }
  }
  if (pkg.name === "")
    throw new PacmanFormatError(file, ".PKGINFO has no pkgname");
  if (pkg.version === "")
    throw new PacmanFormatError(file, ".PKGINFO has no pkgver");
  return pkg;
}

// dist/src/agent/pacman/package-file.js
var PACKAGE_EXTENSIONS = [".pkg.tar.zst", ".pkg.tar.xz", ".pkg.tar.gz", ".pkg.tar.bz2", ".pkg.tar"];
var EXT_COMPRESSION = {
  ".pkg.tar.zst": "zstd",
  ".pkg.tar.xz": "xz",
  ".pkg.tar.gz": "gzip",
  ".pkg.tar.bz2": "bzip2",
  ".pkg.tar": "none"
};
function packageFileName(name, version, arch, ext = PACKAGE_EXTENSIONS[0]) {
  return `${name}-${version}-${arch}${ext}`;
}
function matchPackageFile(file, name, version) {
  const prefix = `${name}-${version}-`;
  if (!file.startsWith(prefix))
    return null;
  const rest = file.slice(prefix.length);
  for (const ext of PACKAGE_EXTENSIONS) {
    if (!rest.endsWith(ext))
      continue;
    const arch = rest.slice(0, -ext.length);
    if (/^[A-Za-z0-9_]+$/.test(arch))
      return { arch, ext };
  }
  return null;
}
var MIN_PACKAGE_SIZE = 64;
async function checkPackageBytes(file) {
  const ext = PACKAGE_EXTENSIONS.find((e) => file.endsWith(e));
  let size;
  const head = Buffer.alloc(512);
  let got;
  try {
    size = (await stat(file)).size;
    const fh = await open(file, "r");
    try {
      got = (await fh.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (err) {
    return `cannot read (${err.code ?? String(err)})`;
  }
  if (size < MIN_PACKAGE_SIZE)
    return `only ${size} bytes, not a package`;
  const found = detectCompression(head.subarray(0, got));
  const want = ext !== void 0 ? EXT_COMPRESSION[ext] : void 0;
  if (found === "unknown")
    return "not a package file (unrecognized content)";
  if (want !== void 0 && found !== want)
    return `content is ${found === "none" ? "an uncompressed tar" : found}, not ${want} as the name says`;
  return null;
}
function readPackageInfo(file) {
  return new Promise((resolve, reject) => {
    const child = spawn2("bsdtar", ["-xOqf", file, ".PKGINFO"], { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    let err = "";
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.setEncoding("utf8").on("data", (d) => err += d);
    child.on("error", (e) => reject(new PacmanFormatError(file, `cannot read package (bsdtar: ${e.code === "ENOENT" ? "not installed" : e.message})`)));
    child.on("close", (code) => {
      const text = Buffer.concat(out).toString("utf8");
      if (code !== 0 || text === "") {
        const line = err.split("\n").find((l) => l.trim() !== "") ?? "no .PKGINFO";
        reject(new PacmanFormatError(file, `not a readable package (${line.replace(/^bsdtar: /, "").trim()})`));
        return;
      }
      try {
        resolve(parsePkgInfo(text, file));
      } catch (e) {
        reject(e);
      }
    });
  });
}
async function verifyPackageFile(file, name, version) {
  const problem = await checkPackageBytes(file);
  if (problem !== null)
    throw new PacmanFormatError(file, problem);
  const info = await readPackageInfo(file);
  if (info.name !== name || info.version !== version) {
    throw new PacmanFormatError(file, `holds ${info.name} ${info.version}, not ${name} ${version}`);
  }
  return info;
}

// dist/src/agent/pacman/archive.js
function archivePackageUrl(base, name, version, arch, ext) {
  if (!isValidPackageName(name) || !isValidVersion(version) || !/^[A-Za-z0-9_]+$/.test(arch))
    return null;
  const file = packageFileName(name, version, arch, ext).replace(/[^A-Za-z0-9@._+:~-]/g, (c) => encodeURIComponent(c));
  return `${base.replace(/\/+$/, "")}/packages/${name[0]}/${name}/${file}`;
}
function describe(err, timeoutMs) {
  const e = err;
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.message === "timeout") {
    return `timed out after ${timeoutMs < 1e3 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1e3)} s`}`;
  }
  const code = e.cause?.code ?? e.code;
  if (code === "ECONNREFUSED")
    return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return "host not found";
  if (code === "ENOENT")
    return "not found";
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE")
    return "connection lost";
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT")
    return "timed out connecting";
  return code ?? e.cause?.message ?? e.message ?? String(err);
}
function idleTimer(ms, outer) {
  const ctrl = new AbortController();
  const fire = () => ctrl.abort(Object.assign(new Error("timeout"), { name: "TimeoutError" }));
  let timer = setTimeout(fire, ms);
  const onOuter = () => ctrl.abort(outer?.reason);
  outer?.addEventListener("abort", onOuter, { once: true });
  return {
    signal: ctrl.signal,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(fire, ms);
    },
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuter);
    }
  };
}
async function probeUrl(url, opts) {
  if (url.startsWith("file:")) {
    try {
      const st = await stat2(fileURLToPath(url));
      return st.isFile() ? { found: true } : { found: false, reason: "not a file" };
    } catch (err) {
      return { found: false, reason: describe(err, opts.timeoutMs) };
    }
  }
  for (const method of ["HEAD", "GET"]) {
    const t = idleTimer(opts.timeoutMs, opts.signal);
    try {
      const res = await fetch(url, { method, signal: t.signal, redirect: "follow" });
      await res.body?.cancel().catch(() => void 0);
      if (res.ok)
        return { found: true };
      if (method === "HEAD" && (res.status === 405 || res.status === 501))
        continue;
      return { found: false, reason: `HTTP ${res.status}` };
    } catch (err) {
      return { found: false, reason: describe(err, opts.timeoutMs) };
    } finally {
      t.clear();
    }
  }
  return { found: false, reason: "HEAD and GET not allowed" };
}
async function downloadFile(url, dest, opts) {
  try {
    if (url.startsWith("file:")) {
      await copyFile(fileURLToPath(url), dest);
      return;
    }
    const t = idleTimer(opts.timeoutMs, opts.signal);
    try {
      const res = await fetch(url, { signal: t.signal, redirect: "follow" });
      if (!res.ok || res.body === null) {
        await res.body?.cancel().catch(() => void 0);
        throw new Error(`HTTP ${res.status}`);
      }
      const expected = Number(res.headers.get("content-length") ?? NaN);
      const fh = await open2(dest, "w");
      let got = 0;
      try {
        const reader = res.body.getReader();
        for (; ; ) {
          const { done, value } = await reader.read();
          if (done)
            break;
          t.touch();
          got += value.byteLength;
          await fh.write(value);
        }
      } finally {
        await fh.close();
      }
      if (Number.isFinite(expected) && got !== expected)
        throw new Error(`incomplete: ${got} of ${expected} bytes`);
    } finally {
      t.clear();
    }
  } catch (err) {
    await rm(dest, { force: true });
    if (err instanceof Error && /^(HTTP \d+|incomplete: )/.test(err.message))
      throw err;
    throw new Error(describe(err, opts.timeoutMs));
  }
}

// dist/src/agent/pacman/package-source.js
import { readdir } from "node:fs/promises";
import path2 from "node:path";
var ARCHIVE_EXTENSIONS = [".pkg.tar.zst", ".pkg.tar.xz"];
var SourceResolver = class {
  machine;
  ctx;
  cacheDirs;
  listings = null;
  constructor(machine, ctx) {
    this.machine = machine;
    this.ctx = ctx;
    this.cacheDirs = [...new Set([ctx.pacman.cacheDir, ...machine.conf.cacheDirs].map((d) => path2.resolve(d)))];
  }
  /** Architectures to look for, preferred first. */
  arches(need) {
    return [.../* @__PURE__ */ new Set([...need.arch ? [need.arch] : [], ...this.machine.arches])];
  }
  fromRepos(need) {
    const named = this.machine.repos.find((r) => r.name === need.repository);
    let stale = named !== void 0 && !named.byName.has(need.name);
    const seen = [];
    for (const repo of this.machine.repos) {
      if (repo.packages === null) {
        stale = true;
        seen.push(`${repo.name} (database not downloaded)`);
        continue;
      }
      const p = repo.byName.get(need.name);
      if (p === void 0)
        continue;
      if (p.version === need.version) {
        return { source: { kind: "repository", repository: repo.name, filename: p.filename ?? "", package: p }, stale: false, seen };
      }
      seen.push(`${repo.name} has ${p.version}`);
      if (vercmp(p.version, need.version) < 0)
        stale = true;
    }
    return { source: null, stale, seen };
  }
  listCaches() {
    this.listings ??= (async () => {
      const out = /* @__PURE__ */ new Map();
      for (const dir of this.cacheDirs)
        out.set(dir, await readdir(dir).catch(() => []));
      return out;
    })();
    return this.listings;
  }
  async fromCache(need) {
    const arches = this.arches(need);
    const rank = (m) => arches.indexOf(m.arch) * 10 + PACKAGE_EXTENSIONS.indexOf(m.ext);
    for (const [dir, files] of await this.listCaches()) {
      let best = null;
      for (const f of files) {
        const m = matchPackageFile(f, need.name, need.version);
        if (m === null || !arches.includes(m.arch))
          continue;
        const r = rank(m);
        if (best === null || r < best.rank)
          best = { file: f, rank: r };
      }
      if (best !== null)
        return { kind: "cache", path: path2.join(dir, best.file) };
    }
    return null;
  }
  /** Every archive URL for `need`, in the order they are tried. */
  archiveCandidates(need) {
    const urls = [];
    for (const base of archiveBases(this.ctx)) {
      for (const arch of this.arches(need)) {
        for (const ext of ARCHIVE_EXTENSIONS) {
          const url = archivePackageUrl(base, need.name, need.version, arch, ext);
          if (url !== null)
            urls.push(url);
        }
      }
    }
    return urls;
  }
  async fromArchive(need, tried) {
    const urls = this.archiveCandidates(need);
    const failures = /* @__PURE__ */ new Map();
    for (let i = 0; i < urls.length; i++) {
      const url = urls[i];
      const r = await probeUrl(url, { timeoutMs: this.ctx.timeoutMs ?? 3e4, signal: this.ctx.signal });
      if (r.found)
        return { kind: "archive", url, fallbacks: urls.slice(i + 1) };
      const base = archiveBases(this.ctx).find((b) => url.startsWith(b)) ?? url;
      if (!failures.has(base))
        failures.set(base, r.reason);
    }
    for (const [base, reason] of failures)
      tried.push(`archive ${base}: ${reason}`);
    return null;
  }
  async resolve(need) {
    const tried = [];
    const repo = this.fromRepos(need);
    if (repo.source !== null)
      return { source: repo.source, tried, stale: false };
    tried.push(repo.seen.length > 0 ? `sync databases: ${repo.seen.join(", ")}` : "sync databases: not found");
    const cached = await this.fromCache(need);
    if (cached !== null)
      return { source: cached, tried, stale: repo.stale };
    tried.push(`package cache: ${this.cacheDirs.join(", ")}`);
    if (archiveBases(this.ctx).length === 0)
      tried.push("archive: no archive_url configured");
    const archived = await this.fromArchive(need, tried);
    return { source: archived, tried, stale: repo.stale };
  }
};

// dist/src/agent/pacman/package-fetch.js
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
async function fetchPackages(resolved, m, ctx, runner, onProgress) {
  const timeoutMs = ctx.timeoutMs ?? 3e4;
  const resolver = new SourceResolver(m, ctx);
  const total = resolved.length;
  let done = 0;
  const progress = (pkg, message) => onProgress?.({
    step: "download",
    step_index: 1,
    step_count: 2,
    package: pkg,
    message,
    done,
    total,
    percent: total === 0 ? 50 : Math.floor(50 * done / total)
  });
  let stagingDir = null;
  const staging = async () => stagingDir ??= await mkdtemp(path3.join(ctx.tmpDir ?? tmpdir(), "pacsync-packages-"));
  const fromArchive = async (item, urls, tried) => {
    const dir = await staging();
    for (const url of urls) {
      const dest = path3.join(dir, decodeURIComponent(url.slice(url.lastIndexOf("/") + 1)));
      try {
        await downloadFile(url, dest, { timeoutMs, signal: ctx.signal });
        const pkg = await verifyPackageFile(dest, item.name, item.version);
        return { ...item, source: { kind: "archive", url, fallbacks: [] }, file: dest, package: pkg };
      } catch (err) {
        await rm2(dest, { force: true });
        tried.push(`${url}: ${err.message.replace(`${dest}: `, "")}`);
      }
    }
    return null;
  };
  const fetchOne = async (item) => {
    const s = item.source;
    const tried = [];
    let out = null;
    if (s.kind === "repository") {
      const file = s.filename !== "" ? s.filename : (await readdir2(ctx.pacman.cacheDir)).find((n) => matchPackageFile(n, item.name, item.version) !== null);
      out = file === void 0 ? null : { ...item, file: path3.join(ctx.pacman.cacheDir, file), package: s.package };
      if (out === null)
        tried.push(`pacman -Sw stored no file for it in ${ctx.pacman.cacheDir}`);
    } else if (s.kind === "cache") {
      try {
        out = { ...item, file: s.path, package: await verifyPackageFile(s.path, item.name, item.version) };
      } catch (err) {
        tried.push(err.message);
        out = await fromArchive(item, resolver.archiveCandidates(item), tried);
      }
    } else {
      out = await fromArchive(item, [s.url, ...s.fallbacks], tried);
    }
    done++;
    progress(item.name, `${out === null ? "unavailable" : "ready"} ${item.name} ${item.version}`);
    return out !== null ? { ok: out } : { missing: { name: item.name, version: item.version, tried } };
  };
  try {
    const fromRepo = resolved.filter((i) => i.source.kind === "repository");
    if (fromRepo.length > 0) {
      const targets = fromRepo.map((i) => `${i.source.repository}/${i.name}`);
      await runner.run(["-Sw", "-dd", ...targets], {
        step: "download",
        signal: ctx.signal,
        onLine: (line) => {
          const what = parseDownloadLine(line);
          if (what !== null)
            progress(null, `downloading ${what}`);
        }
      });
    }
    const results = await mapLimit(resolved, 2, fetchOne);
    const missing = [];
    const items = [];
    for (const r of results) {
      if ("ok" in r)
        items.push(r.ok);
      else
        missing.push(r.missing);
    }
    if (missing.length > 0)
      throw new VersionUnavailableError(missing);
    return { items, stagingDir };
  } catch (err) {
    if (stagingDir !== null)
      await rm2(stagingDir, { recursive: true, force: true });
    throw err;
  }
}

// dist/src/agent/pacman/snapper.js
import { accessSync, constants, readdirSync } from "node:fs";
import path4 from "node:path";
function findOnPath(name, env = process.env) {
  for (const dir of (env.PATH ?? "").split(path4.delimiter)) {
    if (dir === "")
      continue;
    const file = path4.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
    }
  }
  return null;
}
function snapPacInstalled(root, env = process.env) {
  if (findOnPath("snapper", env) === null)
    return false;
  try {
    return readdirSync(path4.join(root, "usr/share/libalpm/hooks")).some((f) => f.includes("snap-pac"));
  } catch {
    return false;
  }
}

// dist/src/agent/pacman/transaction-checks.js
function declaresConflict(a, b) {
  if (a.name === b.name)
    return false;
  return a.conflicts.some((c) => dependencySatisfiedBy(splitDependency(c), b));
}
function findConflicts(incoming, installed) {
  const out = [];
  for (let i = 0; i < incoming.length; i++) {
    const a = incoming[i];
    for (let j = i + 1; j < incoming.length; j++) {
      const b = incoming[j];
      if (declaresConflict(a, b) || declaresConflict(b, a))
        out.push({ incoming: a.name, other: b.name, installed: false });
    }
  }
  const replaced = new Set(incoming.map((p) => p.name));
  for (const a of incoming) {
    for (const b of installed) {
      if (replaced.has(b.name))
        continue;
      if (declaresConflict(a, b) || declaresConflict(b, a))
        out.push({ incoming: a.name, other: b.name, installed: true });
    }
  }
  return out;
}
function heldRemovals(removals, holdPkg, installed) {
  const removing = new Set(removals);
  const held = new Set(removals.filter((n) => holdPkg.some((p) => fnmatch(p, n))));
  const queue = [...held];
  while (queue.length > 0) {
    const pkg = installed.get(queue.pop());
    for (const d of pkg?.depends ?? []) {
      const dep = splitDependency(d);
      for (const name of removing) {
        if (held.has(name))
          continue;
        const candidate = installed.get(name);
        if (candidate !== void 0 && dependencySatisfiedBy(dep, candidate)) {
          held.add(name);
          queue.push(name);
        }
      }
    }
  }
  return removals.filter((n) => held.has(n));
}

// dist/src/agent/pacman/plan-preparation.js
var PRINT_PREFIX = "pacsync-print ";
var ignoredBy = (m) => Exclusions.compile({ ignorePkg: m.conf.ignorePkg, ignoreGroup: m.conf.ignoreGroup, groups: machineGroups(m) });
function excludeFromPlan(plan, m) {
  const ex = ignoredBy(m);
  const excluded = [];
  const keep = (name) => {
    const r = ex.nameReason(name);
    if (r === null)
      return true;
    if (!excluded.some((e) => e.name === name))
      excluded.push({ name, source: r.source, pattern: r.pattern });
    return false;
  };
  const entries = (list) => list.filter((e) => keep(e.name));
  const removable = entries(plan.packages_to_remove);
  const held = new Set(heldRemovals(removable.map((e) => e.name), m.conf.holdPkg, m.localByName));
  const out = {
    ...plan,
    packages_to_install: entries(plan.packages_to_install),
    packages_to_upgrade: entries(plan.packages_to_upgrade),
    packages_to_downgrade: entries(plan.packages_to_downgrade),
    packages_to_remove: removable.filter((e) => !held.has(e.name)),
    reasons_to_change: plan.reasons_to_change.filter((r) => keep(r.name))
  };
  out.excluded_packages = [.../* @__PURE__ */ new Set([...plan.excluded_packages, ...excluded.map((e) => e.name)])].sort();
  out.excluded_count = out.excluded_packages.length;
  const changes = [...out.packages_to_install, ...out.packages_to_upgrade, ...out.packages_to_downgrade];
  out.total_packages = changes.length + out.packages_to_remove.length + out.reasons_to_change.length;
  out.estimated_size = changes.reduce((s, e) => s + e.size, 0);
  return { plan: out, excluded, held: [...held] };
}
async function resolveOn(m, plan, ctx, opts) {
  const { plan: effective, excluded, held } = excludeFromPlan(plan, m);
  const resolver = new SourceResolver(m, ctx);
  const wanted = [
    ...effective.packages_to_install.map((entry) => ({ action: "install", entry })),
    ...effective.packages_to_upgrade.map((entry) => ({ action: "upgrade", entry })),
    ...effective.packages_to_downgrade.map((entry) => ({ action: "downgrade", entry }))
  ].filter((w) => w.entry.to_version !== null);
  const src = opts.source?.packages;
  const found = await mapLimit(wanted, 4, ({ entry }) => resolver.resolve({
    name: entry.name,
    version: entry.to_version,
    arch: src && Object.prototype.hasOwnProperty.call(src, entry.name) ? src[entry.name]?.arch : null,
    repository: entry.repository
  }));
  const items = [];
  const missing = [];
  let refresh = false;
  found.forEach((r, i) => {
    const { action, entry } = wanted[i];
    if (r.stale && r.source?.kind !== "repository")
      refresh = true;
    if (r.source === null)
      missing.push({ name: entry.name, version: entry.to_version, tried: r.tried, stale: r.stale });
    else
      items.push({ action, name: entry.name, from_version: entry.from_version, version: entry.to_version, source: r.source });
  });
  const reasons = (to) => [
    ...to === "dependency" ? effective.packages_to_install.filter((e) => e.reason === "dependency").map((e) => e.name) : [],
    ...effective.reasons_to_change.filter((r) => r.to_reason === to).map((r) => r.name)
  ];
  return {
    resolved: {
      plan: effective,
      excluded,
      held,
      items,
      removals: effective.packages_to_remove.map((e) => e.name),
      asdeps: reasons("dependency"),
      asexplicit: reasons("explicit"),
      refreshed: false,
      refresh_recommended: refresh,
      after_refresh: []
    },
    missing
  };
}
var unavailable = (missing) => new VersionUnavailableError(missing.map(({ name, version, tried }) => ({ name, version, tried })));
async function resolvePlan(plan, ctx, opts = {}) {
  const { resolved, missing } = await resolveOn(await readMachine(ctx), plan, ctx, opts);
  const hopeless = missing.filter((m) => !m.stale);
  if (hopeless.length > 0)
    throw unavailable(hopeless);
  return { ...resolved, after_refresh: missing.map(({ name, version }) => ({ name, version })) };
}
async function releasePrepared(prepared) {
  if (prepared.staging_dir !== null)
    await rm3(prepared.staging_dir, { recursive: true, force: true });
}
function printed(lines) {
  return lines.filter((l) => l.startsWith(PRINT_PREFIX)).map((l) => {
    const [name = "", version = ""] = l.slice(PRINT_PREFIX.length).trim().split(" ");
    return { name, version };
  });
}
async function preparePlan(plan, ctx, opts = {}) {
  const runner = new PacmanRunner(ctx.pacman, { env: ctx.env, interactive: ctx.interactive });
  const refresh = opts.refresh ?? "auto";
  let refreshed = false;
  if (refresh === "always") {
    await runner.run(["-Sy"], { step: "refresh", signal: ctx.signal });
    refreshed = true;
  }
  let m = await readMachine(ctx);
  let r = await resolveOn(m, plan, ctx, opts);
  if (refresh === "auto" && r.resolved.refresh_recommended) {
    await runner.run(["-Sy"], { step: "refresh", signal: ctx.signal });
    refreshed = true;
    m = await readMachine(ctx);
    r = await resolveOn(m, plan, ctx, opts);
  }
  if (refresh !== "never" && refreshed && r.missing.some((x) => x.stale)) {
    await runner.run(["-Syy"], { step: "refresh", signal: ctx.signal });
    m = await readMachine(ctx);
    r = await resolveOn(m, plan, ctx, opts);
  }
  if (r.missing.length > 0)
    throw unavailable(r.missing);
  const resolved = { ...r.resolved, refreshed };
  const fetched = await fetchPackages(resolved.items, m, ctx, runner, opts.onProgress);
  const items = fetched.items;
  const total = items.length;
  try {
    const removing = new Set(resolved.removals);
    const conflicts = findConflicts(items.map((i) => i.package), m.local);
    const blocking = conflicts.filter((c) => !(c.installed && removing.has(c.other)));
    if (blocking.length > 0) {
      throw new PacmanFailure({
        step: "confirm",
        command: [],
        status: null,
        lines: ["error: unresolvable package conflicts detected", ...blocking.map((c) => `:: ${c.incoming} and ${c.other} are in conflict`)]
      });
    }
    const conflictRemovals = [...new Set(conflicts.map((c) => c.other))].filter((n) => removing.has(n));
    let pulledIn = [];
    const step = (message) => opts.onProgress?.({ step: "confirm", step_index: 2, step_count: 2, package: null, message, done: total, total, percent: 75 });
    if (items.length > 0) {
      step("pacman -U --print");
      const run = await runner.run(["-U", "--print", "--print-format", `${PRINT_PREFIX}%n %v`, ...items.map((i) => i.file)], { step: "confirm", signal: ctx.signal });
      const ours = new Set(items.map((i) => i.name));
      pulledIn = printed(run.stdout).filter((p) => !ours.has(p.name));
    }
    const removals = resolved.removals.filter((n) => !conflictRemovals.includes(n));
    if (removals.length > 0) {
      step("pacman -R --print");
      const nodeps = items.length > 0 ? ["-dd"] : [];
      await runner.run(["-R", "--print", "--print-format", `${PRINT_PREFIX}%n %v`, ...nodeps, ...removals], { step: "confirm", signal: ctx.signal });
    }
    return {
      ...resolved,
      items,
      removals,
      conflict_removals: conflictRemovals,
      pulled_in: pulledIn,
      snapper: snapPacInstalled(ctx.pacman.root, ctx.env),
      staging_dir: fetched.stagingDir
    };
  } catch (err) {
    await releasePrepared({ staging_dir: fetched.stagingDir });
    throw err;
  }
}

// dist/src/agent/pacman/executor.js
async function applyPlan(prepared, ctx, onProgress) {
  const runner = new PacmanRunner(ctx.pacman, { env: ctx.env, interactive: ctx.interactive });
  const steps = [];
  if (prepared.items.length > 0) {
    steps.push({
      step: "transaction",
      // --ask 4 answers "remove the conflicting package?" with yes: preparePlan made sure every
      // such package is one the plan removes anyway.
      args: ["-U", ...prepared.conflict_removals.length > 0 ? ["--ask", "4"] : [], ...prepared.items.map((i) => i.file)],
      count: prepared.items.length + prepared.pulled_in.length + prepared.conflict_removals.length
    });
  }
  if (prepared.asdeps.length > 0)
    steps.push({ step: "reasons", args: ["-D", "--asdeps", ...prepared.asdeps], count: prepared.asdeps.length });
  if (prepared.asexplicit.length > 0) {
    steps.push({ step: "reasons", args: ["-D", "--asexplicit", ...prepared.asexplicit], count: prepared.asexplicit.length });
  }
  if (prepared.removals.length > 0)
    steps.push({ step: "remove", args: ["-R", ...prepared.removals], count: prepared.removals.length });
  const total = steps.reduce((n, s) => n + s.count, 0);
  let done = 0;
  const completed = [];
  const snapshots = [];
  try {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      if (ctx.signal?.aborted)
        throw new StepsStopped(completed, steps.slice(i).map((x) => x.step), snapshots);
      const emit = (pkg, message) => onProgress?.({
        step: s.step,
        step_index: i + 1,
        step_count: steps.length,
        package: pkg,
        message,
        done,
        total,
        percent: total === 0 ? 100 : Math.min(100, Math.floor(100 * done / total))
      });
      const start = done;
      const collector = new SnapshotCollector(s.step);
      let current = null;
      emit(null, `pacman ${s.args[0]}`);
      try {
        await runner.run(s.args, {
          step: s.step,
          transaction: true,
          onLine: (line) => {
            if (prepared.snapper)
              collector.feed(line);
            const op = parseOperationLine(line);
            if (op !== null) {
              if (current !== null)
                done = Math.min(start + s.count, done + 1);
              current = op.name;
              emit(op.name, `${op.op} ${op.name}`);
              return;
            }
            const reason = /^(\S+): install reason has been set to/.exec(line);
            if (reason) {
              done = Math.min(start + s.count, done + 1);
              emit(reason[1], `${reason[1]}: install reason set`);
            }
          }
        });
      } finally {
        snapshots.push(...collector.snapshots);
      }
      done = start + s.count;
      completed.push(s.step);
      emit(null, `${s.step} done`);
    }
  } catch (err) {
    if (err instanceof PacmanFailure)
      throw err.withContext(completed, snapshots);
    throw err;
  } finally {
    await keepDownloads(prepared, ctx);
    await releasePrepared(prepared);
  }
  return {
    changed: prepared.items.map((i) => ({ name: i.name, action: i.action, from_version: i.from_version, to_version: i.version })),
    pulled_in: prepared.pulled_in,
    removed: [...prepared.conflict_removals, ...prepared.removals],
    reasons_changed: [
      ...prepared.asdeps.map((name) => ({ name, reason: "dependency" })),
      ...prepared.asexplicit.map((name) => ({ name, reason: "explicit" }))
    ],
    excluded: prepared.excluded,
    held: prepared.held,
    steps: completed,
    snapshots: prepared.snapper ? snapshots : null
  };
}
async function keepDownloads(prepared, ctx) {
  if (prepared.staging_dir === null)
    return;
  for (const item of prepared.items) {
    if (!item.file.startsWith(prepared.staging_dir + path5.sep))
      continue;
    await copyFile2(item.file, path5.join(ctx.pacman.cacheDir, path5.basename(item.file)), constants2.COPYFILE_EXCL).catch(() => void 0);
  }
}
export {
  PacmanFailure,
  StepsStopped,
  VersionUnavailableError,
  applyPlan,
  executorContext,
  preparePlan,
  readCurrentState,
  readMachine,
  releasePrepared,
  resolvePlan
};
