import {
  dependencySatisfiedBy,
  splitDependency
} from "./chunk-F6VJP4SS.js";
import "./chunk-I6OEBWSL.js";
import {
  listLocalDb,
  readLocalDb
} from "./chunk-Z77OVGDM.js";
import "./chunk-Q4RKZCN5.js";
import {
  satisfies
} from "./chunk-E23FFSMN.js";

// dist/src/agent/pacman/pacman-output.js
var SatisfierIndex = class {
  byName = /* @__PURE__ */ new Map();
  byProvision = /* @__PURE__ */ new Map();
  constructor(packages) {
    const add = (m, k, p) => {
      const l = m.get(k);
      if (l === void 0)
        m.set(k, [p]);
      else if (l[l.length - 1] !== p)
        l.push(p);
    };
    for (const p of packages) {
      add(this.byName, p.name, p);
      for (const prov of p.provides)
        add(this.byProvision, splitDependency(prov).name, p);
    }
  }
  find(dep) {
    for (const p of this.byName.get(dep.name) ?? [])
      if (satisfies(p.version, dep.op, dep.version))
        return p;
    for (const p of this.byProvision.get(dep.name) ?? []) {
      if (dependencySatisfiedBy(dep, { name: "", version: "", provides: p.provides }))
        return p;
    }
    return void 0;
  }
  /** Packages that may satisfy a dependency named `name` (by name or provision), list order. */
  candidates(name) {
    const a = this.byName.get(name);
    const b = this.byProvision.get(name);
    if (a === void 0)
      return b ?? [];
    if (b === void 0)
      return a;
    return [.../* @__PURE__ */ new Set([...a, ...b])];
  }
};
function outputColumns(env = process.env, stdout = process.stdout) {
  const e = env.COLUMNS;
  if (e !== void 0 && e !== "" && /^-?\d+$/.test(e)) {
    const n = Number(e);
    if (n >= 0)
      return n & 65535;
  }
  return stdout.isTTY ? stdout.columns ?? 80 : 0;
}
var UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
function humanizeSize(bytes) {
  const neg = bytes < 0;
  const abs = Math.abs(Math.trunc(bytes));
  let unit = 0;
  let den = 1;
  while (unit < UNITS.length - 1 && abs > 2048 * den) {
    den *= 1024;
    unit++;
  }
  const num = abs * 100;
  let q = Math.floor(num / den);
  const r2 = (num - q * den) * 2;
  if (r2 > den || r2 === den && q % 2 === 1)
    q++;
  const frac = q % 100;
  return `${neg && q > 0 ? "-" : ""}${(q - frac) / 100}.${frac < 10 ? "0" : ""}${frac} ${UNITS[unit]}`;
}
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function formatCDate(unixSeconds) {
  const d = new Date(unixSeconds * 1e3);
  const p2 = (n) => String(n).padStart(2, "0");
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${d.getFullYear()}`;
}
function indentprint(str, indent, cols) {
  if (cols === 0 || indent > cols)
    return str;
  const chars = Array.from(str);
  let out = "";
  let cidx = indent;
  let i = 0;
  while (i < chars.length) {
    if (chars[i] === " ") {
      i++;
      if (chars[i] === " ")
        continue;
      let next = chars.indexOf(" ", i);
      if (next < 0)
        next = chars.length;
      const len = next - i;
      if (cidx <= cols && len + 1 > cols - cidx) {
        out += `
${" ".repeat(indent)}`;
        cidx = indent;
      } else {
        out += " ";
        cidx++;
      }
      continue;
    }
    out += chars[i];
    cidx++;
    i++;
  }
  return out;
}
function title(label) {
  return `${label.padEnd(15)} :`;
}
var TITLE_LEN = 17;
function stringDisplay(label, value, cols) {
  if (!value)
    return `${label} None
`;
  return `${label} ${cols === 0 ? value : indentprint(value, TITLE_LEN + 1, cols)}
`;
}
function listDisplay(label, items, cols) {
  const len = TITLE_LEN + 1;
  if (items.length === 0)
    return `${label} None
`;
  if (cols <= len)
    return `${label} ${items.join("  ")}
`;
  let out = `${label} ${items[0]}`;
  let cur = len + Array.from(items[0]).length;
  for (let i = 1; i < items.length; i++) {
    const s = items[i];
    const w = Array.from(s).length;
    if (cols > len && cur + w + 2 >= cols) {
      cur = len;
      out += `
${" ".repeat(len)}`;
    } else if (cur !== len) {
      out += "  ";
      cur += 2;
    }
    out += s;
    cur += w;
  }
  return `${out}
`;
}
function listDisplayLinebreak(label, items, cols) {
  const len = TITLE_LEN + 1;
  if (items.length === 0)
    return `${label} None
`;
  let out = `${label} ${indentprint(items[0], len, cols)}
`;
  for (let i = 1; i < items.length; i++)
    out += `${" ".repeat(len)}${indentprint(items[i], len, cols)}
`;
  return out;
}
var VALIDATION = [
  ["md5", "MD5 Sum"],
  ["sha256", "SHA-256 Sum"],
  ["pgp", "Signature"]
];
function validatedBy(v) {
  if (!v || v.length === 0)
    return ["Unknown"];
  if (v.includes("none"))
    return ["None"];
  const out = VALIDATION.filter(([k]) => v.includes(k)).map(([, label]) => label);
  return out.length > 0 ? out : ["Unknown"];
}
function reverseDependencies(all, index, field) {
  const result = /* @__PURE__ */ new Map();
  for (const q of all) {
    for (const d of q[field]) {
      const dep = splitDependency(d);
      for (const p of index.candidates(dep.name)) {
        if (!dependencySatisfiedBy(dep, p))
          continue;
        const list = result.get(p.name);
        if (!list)
          result.set(p.name, [q.name]);
        else if (list[list.length - 1] !== q.name)
          list.push(q.name);
      }
    }
  }
  return result;
}
var T = {
  name: title("Name"),
  version: title("Version"),
  description: title("Description"),
  architecture: title("Architecture"),
  url: title("URL"),
  licenses: title("Licenses"),
  groups: title("Groups"),
  provides: title("Provides"),
  dependsOn: title("Depends On"),
  optionalDeps: title("Optional Deps"),
  requiredBy: title("Required By"),
  optionalFor: title("Optional For"),
  conflictsWith: title("Conflicts With"),
  replaces: title("Replaces"),
  installedSize: title("Installed Size"),
  packager: title("Packager"),
  buildDate: title("Build Date"),
  installDate: title("Install Date"),
  installReason: title("Install Reason"),
  installScript: title("Install Script"),
  validatedBy: title("Validated By")
};
function formatQi(p, ctx) {
  const cols = ctx.cols;
  const optdeps = p.optdepends.length === 0 ? p.optdepends : p.optdepends.map((o) => ctx.installed.find(splitDependency(o)) ? `${o} [installed]` : o);
  return stringDisplay(T.name, p.name, cols) + stringDisplay(T.version, p.version, cols) + stringDisplay(T.description, p.desc, cols) + stringDisplay(T.architecture, p.arch, cols) + stringDisplay(T.url, p.url, cols) + listDisplay(T.licenses, p.licenses, cols) + listDisplay(T.groups, p.groups, cols) + listDisplay(T.provides, p.provides, cols) + listDisplay(T.dependsOn, p.depends, cols) + listDisplayLinebreak(T.optionalDeps, optdeps, cols) + listDisplay(T.requiredBy, ctx.requiredBy.get(p.name) ?? [], cols) + listDisplay(T.optionalFor, ctx.optionalFor.get(p.name) ?? [], cols) + listDisplay(T.conflictsWith, p.conflicts, cols) + listDisplay(T.replaces, p.replaces, cols) + `${T.installedSize} ${humanizeSize(p.size ?? 0)}
` + stringDisplay(T.packager, p.packager, cols) + // pacman 6.0.2 formats the dates even when absent (0: the epoch), so do we.
  stringDisplay(T.buildDate, formatCDate(p.builddate ?? 0), cols) + stringDisplay(T.installDate, formatCDate(p.installdate ?? 0), cols) + stringDisplay(T.installReason, p.reason === 1 ? "Installed as a dependency for another package" : "Explicitly installed", cols) + stringDisplay(T.installScript, p.hasScriptlet ? "Yes" : "No", cols) + listDisplay(T.validatedBy, validatedBy(p.validation), cols) + "\n";
}

// dist/src/agent/commands/query.action.js
var Output = class {
  pending = "";
  failed = false;
  out(s) {
    this.pending += s;
    if (this.pending.length >= 65536)
      this.flush();
  }
  error(msg) {
    this.flush();
    process.stderr.write(`error: ${msg}
`);
    this.failed = true;
  }
  flush() {
    if (this.pending !== "")
      process.stdout.write(this.pending);
    this.pending = "";
  }
};
function runQuery(dbpath, names, opts) {
  const o = new Output();
  const targets = names.map((n) => n.startsWith("local/") ? n.slice("local/".length) : n);
  if (!opts.info) {
    const ids = listLocalDb(dbpath);
    if (targets.length === 0) {
      for (const p of ids)
        o.out(`${p.name} ${p.version}
`);
      if (ids.length === 0)
        o.failed = true;
    } else {
      const byName = new Map(ids.map((p) => [p.name, p]));
      let full = null;
      for (const t of targets) {
        let p = byName.get(t);
        if (p === void 0)
          p = (full ??= new SatisfierIndex(readLocalDb(dbpath))).find(splitDependency(t));
        if (p === void 0)
          o.error(`package '${t}' was not found`);
        else
          o.out(`${p.name} ${p.version}
`);
      }
    }
  } else {
    const all = readLocalDb(dbpath, { scriptlets: true });
    const installed = new SatisfierIndex(all);
    const ctx = {
      installed,
      requiredBy: reverseDependencies(all, installed, "depends"),
      optionalFor: reverseDependencies(all, installed, "optdepends"),
      cols: outputColumns()
    };
    if (targets.length === 0) {
      for (const p of all)
        o.out(formatQi(p, ctx));
      if (all.length === 0)
        o.failed = true;
    } else {
      const byName = new Map(all.map((p) => [p.name, p]));
      for (const t of targets) {
        const p = byName.get(t) ?? installed.find(splitDependency(t));
        if (p === void 0)
          o.error(`package '${t}' was not found`);
        else
          o.out(formatQi(p, ctx));
      }
    }
  }
  o.flush();
  if (o.failed)
    process.exitCode = 1;
}
export {
  runQuery
};
