import {
  PacmanFormatError
} from "./chunk-Q4RKZCN5.js";

// dist/src/agent/pacman/pacman-conf.reader.js
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { machine } from "node:os";
import path from "node:path";

// dist/src/core/pacman/pacman-conf.parser.js
var MAX_INCLUDE_DEPTH = 10;
var FIRST_WINS = { RootDir: "rootDir", DBPath: "dbPath", LogFile: "logFile", GPGDir: "gpgDir" };
var LISTS = {
  CacheDir: "cacheDirs",
  HookDir: "hookDirs",
  Architecture: "architectures",
  HoldPkg: "holdPkg",
  IgnorePkg: "ignorePkg",
  IgnoreGroup: "ignoreGroup",
  NoUpgrade: "noUpgrade",
  NoExtract: "noExtract",
  SigLevel: "sigLevel",
  LocalFileSigLevel: "localFileSigLevel",
  RemoteFileSigLevel: "remoteFileSigLevel"
};
function words(value) {
  return value.split(" ").filter((w) => w !== "");
}
function parsePacmanConf(text, file, opts = {}) {
  const conf = {
    cacheDirs: [],
    hookDirs: [],
    architectures: [],
    holdPkg: [],
    ignorePkg: [],
    ignoreGroup: [],
    noUpgrade: [],
    noExtract: [],
    sigLevel: [],
    localFileSigLevel: [],
    remoteFileSigLevel: [],
    flags: [],
    other: {},
    repositories: []
  };
  let section = null;
  let repo = null;
  const parse = (content, name, depth) => {
    const lines = content.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const where = `line ${i + 1}`;
      const line = lines[i].trim();
      if (line === "" || line.startsWith("#"))
        continue;
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.slice(1, -1);
        if (section === "")
          throw new PacmanFormatError(name, `${where}: bad section name`);
        if (section === "options") {
          repo = null;
        } else {
          repo = { name: section, servers: [], sigLevel: [], usage: [] };
          conf.repositories.push(repo);
        }
        continue;
      }
      const eq = line.indexOf("=");
      const key = (eq >= 0 ? line.slice(0, eq) : line).trim();
      const value = eq >= 0 ? line.slice(eq + 1).trim() : null;
      if (key === "")
        throw new PacmanFormatError(name, `${where}: syntax error (missing key)`);
      if (key === "Include") {
        if (!value)
          throw new PacmanFormatError(name, `${where}: directive 'Include' needs a value`);
        if (depth >= MAX_INCLUDE_DEPTH)
          throw new PacmanFormatError(name, `${where}: Include nested more than ${MAX_INCLUDE_DEPTH} levels`);
        if (!opts.include)
          throw new PacmanFormatError(name, `${where}: cannot read Include '${value}'`);
        const got = opts.include(value, name);
        for (const f of typeof got === "string" ? [{ file: value, text: got }] : got)
          parse(f.text, f.file, depth + 1);
        continue;
      }
      if (section === null)
        throw new PacmanFormatError(name, `${where}: all directives must belong to a section`);
      if (repo !== null) {
        const r = repo;
        if (value === null)
          continue;
        if (key === "Server")
          r.servers.push(value);
        else if (key === "SigLevel")
          r.sigLevel.push(...words(value));
        else if (key === "Usage")
          r.usage.push(...words(value));
        continue;
      }
      if (value === null) {
        if (!conf.flags.includes(key))
          conf.flags.push(key);
        continue;
      }
      if (key in FIRST_WINS) {
        const k = FIRST_WINS[key];
        conf[k] ??= value;
      } else if (key in LISTS) {
        conf[LISTS[key]].push(...words(value));
      } else {
        conf.other[key] = value;
      }
    }
  };
  parse(text, file, 0);
  conf.architectures = conf.architectures.map((a) => a === "auto" && opts.arch ? opts.arch : a);
  const arch = conf.architectures[0];
  for (const r of conf.repositories) {
    r.servers = r.servers.map((s) => {
      if (s.includes("$arch")) {
        if (arch === void 0 || arch === "auto") {
          throw new PacmanFormatError(file, `mirror '${s}' contains the '$arch' variable, but no 'Architecture' is defined`);
        }
        s = s.replaceAll("$arch", arch);
      }
      return s.replaceAll("$repo", r.name);
    });
  }
  return conf;
}

// dist/src/agent/pacman/pacman-conf.reader.js
function runPacmanConf(cmd, configPath) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, ["--config", configPath], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d) => out += d);
    child.stderr.setEncoding("utf8").on("data", (d) => err += d);
    child.on("error", (e) => e.code === "ENOENT" ? resolve(null) : reject(e));
    child.on("close", (code) => {
      if (code === 0)
        return resolve(out);
      const line = err.split("\n").find((l) => l.startsWith("error:")) ?? err.split("\n")[0] ?? `pacman-conf exited with ${code}`;
      reject(new PacmanFormatError(configPath, line.replace(/^error:\s*/, "").trim()));
    });
  });
}
function readConfigFile(file, from) {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    const code = err.code;
    throw new PacmanFormatError(from, `config file ${file} could not be read: ${code === "ENOENT" ? "No such file or directory" : code ?? String(err)}`);
  }
}
function expandInclude(pattern, from, matcher) {
  if (!/[*?[]/.test(pattern))
    return [{ file: pattern, text: readConfigFile(pattern, from) }];
  const abs = path.resolve(pattern);
  const parts = abs.split("/").filter((p) => p !== "");
  let dirs = ["/"];
  for (const part of parts) {
    const next = [];
    for (const d of dirs) {
      if (!/[*?[]/.test(part)) {
        next.push(path.join(d, part));
        continue;
      }
      const match = matcher(part);
      let names = [];
      try {
        names = readdirSync(d).sort();
      } catch {
        names = [];
      }
      for (const n of names)
        if (match(n))
          next.push(path.join(d, n));
    }
    dirs = next;
  }
  const files = dirs.filter((f) => existsSync(f));
  if (files.length === 0)
    throw new PacmanFormatError(from, `config file ${pattern} could not be read: No such file or directory`);
  return files.map((f) => ({ file: f, text: readConfigFile(f, from) }));
}
async function parsePacmanConfFile(configPath) {
  const text = readConfigFile(configPath, configPath);
  const { default: picomatch } = await import("picomatch");
  const matcher = (p) => picomatch(p, { dot: false });
  return parsePacmanConf(text, configPath, { arch: machine(), include: (p, from) => expandInclude(p, from, matcher) });
}
async function loadPacmanConf(configPath, opts = {}) {
  const cmd = opts.pacmanConf === void 0 ? "pacman-conf" : opts.pacmanConf;
  if (cmd !== null) {
    const out = await runPacmanConf(cmd, configPath);
    if (out !== null)
      return parsePacmanConf(out, `pacman-conf --config ${configPath}`, { arch: machine() });
  }
  return parsePacmanConfFile(configPath);
}

export {
  expandInclude,
  parsePacmanConfFile,
  loadPacmanConf
};
