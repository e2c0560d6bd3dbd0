import {
  ConfigError
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/config.js
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir, hostname } from "node:os";
import path from "node:path";
import ini from "ini";
var CONFIG_KEYS = {
  server: { url: "url", api_key: "string", timeout: "seconds" },
  client: { endpoint_name: "string", endpoint_id: "string", pool_id: "string", exclude: "list", state_dir: "path" },
  daemon: { heartbeat_interval: "seconds", poll_interval: "seconds", watch_interval: "seconds", max_backoff: "seconds" },
  pacman: {
    command: "string",
    root: "path",
    dbpath: "path",
    config_path: "path",
    cache_dir: "path",
    archive_url: "url",
    archive_mirrors: "list",
    use_sudo: "bool"
  }
};
var SHORT_ENV = {
  PACSYNC_SERVER: ["server", "url"],
  PACSYNC_API_KEY: ["server", "api_key"],
  PACSYNC_STATE_DIR: ["client", "state_dir"]
};
function configCandidates(home = homedir()) {
  return [path.join(home, ".config", "pacman-sync", "client.conf"), "/etc/pacman-sync/client.conf"];
}
function readIni(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = err.code;
    throw new ConfigError(`cannot read configuration file ${file}: ${code === "ENOENT" ? "not found" : code ?? String(err)}`, file);
  }
  const parsed = ini.parse(text);
  const out = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v))
      out[k] = v;
    else
      throw new ConfigError(`${file}: key '${k}' is outside a section`, file, k);
  }
  return out;
}
function validate(kind, value, where, file, key) {
  const bad = (why) => new ConfigError(`${where}: ${why}`, file, key);
  if (kind === "list") {
    const items = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/);
    return items.map((s2) => s2.trim()).filter((s2) => s2 !== "");
  }
  if (kind === "bool") {
    if (typeof value === "boolean")
      return value;
    const s2 = String(value).trim().toLowerCase();
    if (["true", "yes", "on", "1"].includes(s2))
      return true;
    if (["false", "no", "off", "0"].includes(s2))
      return false;
    throw bad(`'${String(value)}' is not a boolean (true/false)`);
  }
  if (typeof value !== "string")
    throw bad("expected a single value");
  const s = value.trim();
  if (s === "")
    throw bad("must not be empty");
  switch (kind) {
    case "url": {
      let u;
      try {
        u = new URL(s);
      } catch {
        throw bad(`'${s}' is not a URL`);
      }
      if (u.protocol !== "http:" && u.protocol !== "https:" && !(key === "archive_url" && u.protocol === "file:")) {
        throw bad(`'${s}' is not an http(s) URL`);
      }
      return s.replace(/\/+$/, "");
    }
    case "seconds": {
      const n = Number(s);
      if (!Number.isFinite(n) || n <= 0)
        throw bad(`'${s}' is not a positive number of seconds`);
      return n;
    }
    case "path":
      if (!path.isAbsolute(s))
        throw bad(`'${s}' is not an absolute path`);
      return path.normalize(s);
    default:
      return s;
  }
}
function defaultStateDir(namedFile, env, home = homedir()) {
  if (namedFile !== null)
    return path.dirname(namedFile);
  if (process.getuid?.() === 0)
    return "/var/lib/pacman-sync";
  const xdg = env.XDG_STATE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, ".local", "state"), "pacman-sync");
}
function loadConfig(opts = {}) {
  const env = opts.env ?? process.env;
  const named = opts.configFlag ?? (env.PACSYNC_CONFIG || void 0);
  let file = null;
  let writeTarget;
  if (named !== void 0) {
    const abs = path.resolve(named);
    writeTarget = abs;
    if (existsSync(abs))
      file = abs;
    else if (!opts.allowMissing)
      throw new ConfigError(`configuration file ${abs} not found`, abs);
  } else {
    const candidates = configCandidates(opts.home);
    file = candidates.find((c2) => existsSync(c2)) ?? null;
    writeTarget = file ?? (process.getuid?.() === 0 ? candidates[1] : candidates[0]);
  }
  const fromFile = file !== null ? readIni(file) : {};
  const values = {};
  for (const section of Object.keys(CONFIG_KEYS)) {
    const known = CONFIG_KEYS[section];
    const out = values[section] = {};
    for (const [key, raw] of Object.entries(fromFile[section] ?? {})) {
      const kind = known[key];
      if (kind === void 0)
        throw new ConfigError(`${file}: unknown key '${key}' in [${section}]`, file ?? void 0, key);
      out[key] = validate(kind, raw, `${file} [${section}] ${key}`, file ?? void 0, key);
    }
  }
  const fromEnv = (name, section, key) => {
    const v = env[name];
    if (v === void 0 || v === "")
      return;
    const kind = CONFIG_KEYS[section][key];
    values[section][key] = validate(kind, v, name, void 0, key);
  };
  for (const [name, [section, key]] of Object.entries(SHORT_ENV))
    fromEnv(name, section, key);
  for (const section of Object.keys(CONFIG_KEYS)) {
    for (const key of Object.keys(CONFIG_KEYS[section]))
      fromEnv(`PACSYNC_${section.toUpperCase()}_${key.toUpperCase()}`, section, key);
  }
  const s = values.server ?? {};
  const c = values.client ?? {};
  const p = values.pacman ?? {};
  const d = values.daemon ?? {};
  const root = p.root ?? "/";
  return {
    file,
    writeTarget,
    server: {
      url: s.url ?? null,
      apiKey: s.api_key ?? null,
      timeout: s.timeout ?? 30
    },
    client: {
      endpointName: c.endpoint_name ?? hostname(),
      endpointId: c.endpoint_id ?? null,
      poolId: c.pool_id ?? null,
      exclude: c.exclude ?? [],
      stateDir: c.state_dir ?? defaultStateDir(named !== void 0 ? writeTarget : null, env, opts.home)
    },
    daemon: {
      heartbeatInterval: d.heartbeat_interval ?? 60,
      pollInterval: d.poll_interval ?? 15,
      watchInterval: d.watch_interval ?? 5,
      maxBackoff: d.max_backoff ?? 300
    },
    pacman: {
      command: p.command ?? "pacman",
      root,
      dbpath: p.dbpath ?? path.join(root, "var/lib/pacman"),
      configPath: p.config_path ?? "/etc/pacman.conf",
      cacheDir: p.cache_dir ?? "/var/cache/pacman/pkg",
      archiveUrl: p.archive_url ?? null,
      archiveMirrors: p.archive_mirrors ?? [],
      useSudo: p.use_sudo ?? process.getuid?.() !== 0
    }
  };
}
function writeConfigValues(file, updates) {
  for (const [section2, kv] of Object.entries(updates)) {
    for (const [key, value] of Object.entries(kv)) {
      const kind = CONFIG_KEYS[section2]?.[key];
      if (kind === void 0)
        throw new ConfigError(`unknown configuration key [${section2}] ${key}`, file, key);
      validate(kind, value, `[${section2}] ${key}`, file, key);
    }
  }
  let lines = [];
  try {
    lines = readFileSync(file, "utf8").split("\n");
    if (lines[lines.length - 1] === "")
      lines.pop();
  } catch (err) {
    if (err.code !== "ENOENT") {
      throw new ConfigError(`cannot read configuration file ${file}: ${err.code ?? String(err)}`, file);
    }
  }
  const pending = new Map(Object.entries(updates).map(([s, kv]) => [s, new Map(Object.entries(kv ?? {}))]));
  const out = [];
  let section = null;
  const flush = () => {
    const rest = section !== null ? pending.get(section) : void 0;
    if (!rest)
      return;
    let blanks = 0;
    while (out.length > 0 && out[out.length - 1]?.trim() === "") {
      out.pop();
      blanks++;
    }
    for (const [k, v] of rest)
      out.push(`${k} = ${ini.safe(v)}`);
    rest.clear();
    for (let i = 0; i < blanks; i++)
      out.push("");
  };
  for (const line of lines) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      flush();
      section = header[1].trim();
      out.push(line);
      continue;
    }
    const kv = /^\s*([^=;#[\s][^=]*?)\s*=/.exec(line);
    const want = section !== null && kv ? pending.get(section)?.get(kv[1]) : void 0;
    if (want !== void 0 && section !== null && kv) {
      out.push(`${kv[1]} = ${ini.safe(want)}`);
      pending.get(section)?.delete(kv[1]);
    } else {
      out.push(line);
    }
  }
  flush();
  for (const [s, rest] of pending) {
    if (rest.size === 0)
      continue;
    if (out.length > 0 && out[out.length - 1] !== "")
      out.push("");
    out.push(`[${s}]`);
    for (const [k, v] of rest)
      out.push(`${k} = ${ini.safe(v)}`);
  }
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 448 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, `${out.join("\n")}
`, { mode: 384 });
    chmodSync(tmp, 384);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ConfigError(`cannot write configuration file ${file}: ${err.code ?? String(err)}`, file);
  }
}

export {
  CONFIG_KEYS,
  configCandidates,
  loadConfig,
  writeConfigValues
};
