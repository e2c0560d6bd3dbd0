import {
  PacmanFormatError
} from "./chunk-Q4RKZCN5.js";

// dist/src/agent/pacman/local-db.reader.js
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// dist/src/core/pacman/desc.parser.js
var LISTS = {
  "%LICENSE%": "licenses",
  "%GROUPS%": "groups",
  "%DEPENDS%": "depends",
  "%OPTDEPENDS%": "optdepends",
  "%MAKEDEPENDS%": "makedepends",
  "%CHECKDEPENDS%": "checkdepends",
  "%PROVIDES%": "provides",
  "%CONFLICTS%": "conflicts",
  "%REPLACES%": "replaces",
  "%VALIDATION%": "validation",
  "%XDATA%": "xdata"
};
var STRINGS = {
  "%NAME%": "name",
  "%VERSION%": "version",
  "%BASE%": "base",
  "%DESC%": "desc",
  "%URL%": "url",
  "%ARCH%": "arch",
  "%PACKAGER%": "packager",
  "%FILENAME%": "filename",
  "%SHA256SUM%": "sha256sum",
  "%MD5SUM%": "md5sum",
  "%PGPSIG%": "pgpsig"
};
var NUMBERS = {
  "%BUILDDATE%": "builddate",
  "%INSTALLDATE%": "installdate",
  "%ISIZE%": "size",
  "%CSIZE%": "csize",
  "%REASON%": "reason"
};
function emptyPackage() {
  return {
    name: "",
    version: "",
    licenses: [],
    groups: [],
    depends: [],
    optdepends: [],
    makedepends: [],
    checkdepends: [],
    provides: [],
    conflicts: [],
    replaces: []
  };
}
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
var OLD_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;
function parseNumber(value, field2, file, line) {
  if (/^\d{1,15}$/.test(value))
    return Number(value);
  const old = field2.endsWith("DATE%") ? OLD_DATE.exec(value) : null;
  if (old) {
    const month = MONTHS.indexOf(old[1]);
    if (month >= 0) {
      const d = new Date(Number(old[6]), month, Number(old[2]), Number(old[3]), Number(old[4]), Number(old[5]));
      return Math.floor(d.getTime() / 1e3);
    }
  }
  throw new PacmanFormatError(file, `line ${line}: ${field2} is not a number: '${value}'`);
}
function parseDescInto(pkg, text, file, source) {
  let lines = text.split("\n");
  if (text.includes("\r"))
    lines = lines.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
  const n = lines.length;
  let i = 0;
  while (i < n) {
    const header = lines[i++];
    if (header === "")
      continue;
    const headerLine = i;
    if (header.length < 3 || header.charCodeAt(0) !== 37 || header.charCodeAt(header.length - 1) !== 37) {
      throw new PacmanFormatError(file, `line ${headerLine}: expected a %FIELD% header, found '${header.slice(0, 40)}'`);
    }
    const list = LISTS[header];
    if (list !== void 0) {
      const values = pkg[list] ??= [];
      while (i < n && lines[i] !== "")
        values.push(lines[i++]);
      continue;
    }
    const str = STRINGS[header];
    const num = str === void 0 ? NUMBERS[header] ?? (header === "%SIZE%" ? source === "local" ? "size" : "csize" : void 0) : void 0;
    if (str === void 0 && num === void 0) {
      while (i < n && lines[i] !== "")
        i++;
      continue;
    }
    if (i >= n || i === n - 1 && lines[i] === "") {
      throw new PacmanFormatError(file, `line ${headerLine}: ${header} has no value (file truncated?)`);
    }
    const value = lines[i++];
    if (i < n && lines[i] !== "") {
      throw new PacmanFormatError(file, `line ${i + 1}: ${header} takes one value, found a second line '${lines[i].slice(0, 40)}'`);
    }
    if (str !== void 0) {
      pkg[str] = value;
    } else if (num === "reason") {
      const r = parseNumber(value, header, file, headerLine + 1);
      if (r !== 0 && r !== 1)
        throw new PacmanFormatError(file, `line ${headerLine + 1}: %REASON% must be 0 or 1, found ${r}`);
      pkg.reason = r;
    } else if (num !== void 0) {
      if (!(header === "%SIZE%" && num === "csize" && pkg.csize !== void 0)) {
        pkg[num] = parseNumber(value, header, file, headerLine + 1);
      }
    }
  }
  return pkg;
}
function checkIdentity(pkg, file, entry) {
  if (pkg.name === "")
    throw new PacmanFormatError(file, "missing %NAME%");
  if (pkg.version === "")
    throw new PacmanFormatError(file, "missing %VERSION%");
  if (entry !== void 0 && entry !== `${pkg.name}-${pkg.version}`) {
    throw new PacmanFormatError(file, `entry '${entry}' does not match %NAME% '${pkg.name}' and %VERSION% '${pkg.version}'`);
  }
  return pkg;
}
function parseDesc(text, file, source, entry) {
  return checkIdentity(parseDescInto(emptyPackage(), text, file, source), file, entry);
}
function splitEntryName(entry) {
  const rel = entry.lastIndexOf("-");
  if (rel <= 0)
    return null;
  const ver = entry.lastIndexOf("-", rel - 1);
  if (ver <= 0)
    return null;
  return { name: entry.slice(0, ver), version: entry.slice(ver + 1) };
}

// dist/src/core/pacman/tar.reader.js
var BLOCK = 512;
var utf8 = new TextDecoder("utf-8");
function field(buf, start, len) {
  let end = start;
  const stop = start + len;
  while (end < stop && buf[end] !== 0)
    end++;
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (buf[i] > 127) {
      ascii = false;
      break;
    }
  }
  return ascii ? String.fromCharCode.apply(null, buf.subarray(start, end)) : utf8.decode(buf.subarray(start, end));
}
function numeric(buf, start, len) {
  const first = buf[start];
  if (first & 128) {
    if (first === 255)
      return -1;
    let v2 = first & 127;
    for (let i2 = start + 1; i2 < start + len; i2++)
      v2 = v2 * 256 + buf[i2];
    return v2;
  }
  let i = start;
  const stop = start + len;
  while (i < stop && buf[i] === 32)
    i++;
  let v = 0;
  let digits = 0;
  for (; i < stop; i++) {
    const c = buf[i];
    if (c === 0 || c === 32)
      break;
    if (c < 48 || c > 55)
      return -1;
    v = v * 8 + (c - 48);
    digits++;
  }
  return digits === 0 ? -1 : v;
}
function isZeroBlock(buf, off) {
  for (let i = off; i < off + BLOCK; i++)
    if (buf[i] !== 0)
      return false;
  return true;
}
function checksumOk(buf, words, off) {
  const stored = numeric(buf, off + 148, 8);
  if (stored < 0)
    return false;
  let unsigned;
  if (words !== null) {
    let acc = 0;
    const w0 = off >>> 2;
    for (let i = w0; i < w0 + 128; i++) {
      const w = words[i];
      acc += (w & 16711935) + (w >>> 8 & 16711935);
    }
    unsigned = (acc & 65535) + (acc >>> 16);
    for (let i = off + 148; i < off + 156; i++)
      unsigned -= buf[i];
    unsigned += 8 * 32;
  } else {
    unsigned = 8 * 32;
    for (let i = off; i < off + BLOCK; i++)
      if (i < off + 148 || i >= off + 156)
        unsigned += buf[i];
  }
  if (stored === unsigned)
    return true;
  let high = 0;
  for (let i = off; i < off + BLOCK; i++)
    if ((i < off + 148 || i >= off + 156) && buf[i] > 127)
      high++;
  return stored === unsigned - 256 * high;
}
function paxRecords(data, file, at) {
  const out = /* @__PURE__ */ new Map();
  const bad = () => new PacmanFormatError(file, `corrupt archive (bad pax header at offset ${at})`);
  let pos = 0;
  while (pos < data.length && data[pos] !== 0) {
    let sp = pos;
    let len = 0;
    for (let c = data[sp]; c >= 48 && c <= 57; c = data[++sp])
      len = len * 10 + (c - 48);
    if (sp === pos || data[sp] !== 32 || len <= sp - pos + 1 || pos + len > data.length || data[pos + len - 1] !== 10)
      throw bad();
    const record = utf8.decode(data.subarray(sp + 1, pos + len - 1));
    const eq = record.indexOf("=");
    if (eq <= 0)
      throw bad();
    out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}
var Expect = { Header: 0, Data: 1 };
var TarParser = class {
  file;
  onEntry;
  opts;
  offset = 0;
  // archive offset of the next unit (header or data)
  expect = Expect.Header;
  need = BLOCK;
  // bytes in the current unit
  scratch = null;
  // a unit split across chunks, being assembled
  fill = 0;
  ended = false;
  // The entry whose data comes next.
  size = 0;
  typeflag = 0;
  path = "";
  headerAt = 0;
  // Extended names for the next entry.
  longName = null;
  paxPath = null;
  paxSize = null;
  // 32-bit view of the last buffer, for checksumOk.
  lastBuf = null;
  lastWords = null;
  /**
   * `opts.directories: false` leaves directory entries out (their names are then never decoded —
   * a sync database has one per package and readers do not need them).
   */
  constructor(file, onEntry, opts = {}) {
    this.file = file;
    this.onEntry = onEntry;
    this.opts = opts;
  }
  write(chunk) {
    let pos = 0;
    const len = chunk.length;
    while (pos < len && !this.ended) {
      if (this.scratch !== null) {
        const take = Math.min(this.need - this.fill, len - pos);
        this.scratch.set(chunk.subarray(pos, pos + take), this.fill);
        this.fill += take;
        pos += take;
        if (this.fill < this.need)
          return;
        const unit = this.scratch;
        this.scratch = null;
        this.unit(unit, 0);
      } else if (len - pos >= this.need) {
        const at = pos;
        pos += this.need;
        this.unit(chunk, at);
      } else {
        this.scratch = new Uint8Array(this.need);
        this.fill = 0;
      }
    }
  }
  /** Call after the last chunk: throws unless the archive ended properly. */
  end() {
    if (this.ended)
      return;
    if (this.expect === Expect.Header && this.scratch === null) {
      throw new PacmanFormatError(this.file, "truncated archive (no end-of-archive marker)");
    }
    throw new PacmanFormatError(this.file, `truncated archive (ends inside the entry at offset ${this.headerAt})`);
  }
  unit(buf, at) {
    const unitStart = this.offset;
    this.offset += this.need;
    if (this.expect === Expect.Header) {
      this.header(buf, at, unitStart);
    } else {
      this.expect = Expect.Header;
      this.need = BLOCK;
      this.data(buf.subarray(at, at + this.size));
    }
  }
  header(buf, off, archiveOffset) {
    if (buf[off] === 0 && isZeroBlock(buf, off)) {
      this.ended = true;
      return;
    }
    if (buf !== this.lastBuf) {
      this.lastBuf = buf;
      this.lastWords = buf.byteOffset % 4 === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2) : null;
    }
    const words = off % 4 === 0 ? this.lastWords : null;
    if (!checksumOk(buf, words, off)) {
      throw new PacmanFormatError(this.file, `corrupt archive (bad tar header checksum at offset ${archiveOffset})`);
    }
    const typeflag = buf[off + 156];
    let size = numeric(buf, off + 124, 12);
    if (size < 0)
      throw new PacmanFormatError(this.file, `corrupt archive (bad size field at offset ${archiveOffset})`);
    const extension = typeflag === 120 || typeflag === 103 || typeflag === 76 || typeflag === 75;
    if (!extension && this.paxSize !== null)
      size = this.paxSize;
    this.headerAt = archiveOffset;
    this.typeflag = typeflag;
    this.size = size;
    if (!extension && typeflag === 53 && this.opts.directories === false) {
      this.paxPath = null;
      this.longName = null;
      this.paxSize = null;
      this.path = "";
    } else if (!extension) {
      let path2 = this.paxPath ?? this.longName;
      if (path2 === null) {
        path2 = field(buf, off, 100);
        if (buf[off + 257] === 117 && buf[off + 262] === 0 && buf[off + 345] !== 0)
          path2 = `${field(buf, off + 345, 155)}/${path2}`;
      }
      this.paxPath = null;
      this.longName = null;
      this.paxSize = null;
      this.path = path2.startsWith("./") ? path2.slice(2) : path2;
    }
    if (size === 0) {
      this.data(new Uint8Array(0));
    } else {
      this.expect = Expect.Data;
      this.need = Math.ceil(size / BLOCK) * BLOCK;
    }
  }
  data(data) {
    const t = this.typeflag;
    if (t === 120) {
      const recs = paxRecords(data, this.file, this.headerAt);
      this.paxPath = recs.get("path") ?? this.paxPath;
      const s = recs.get("size");
      if (s !== void 0) {
        if (!/^\d+$/.test(s))
          throw new PacmanFormatError(this.file, `corrupt archive (bad pax size '${s}')`);
        this.paxSize = Number(s);
      }
      return;
    }
    if (t === 76) {
      this.longName = field(data, 0, data.length);
      return;
    }
    if (t === 103 || t === 75)
      return;
    if (t === 53 && this.opts.directories === false)
      return;
    const path2 = this.path;
    const type = t === 48 || t === 0 || t === 55 ? path2.endsWith("/") ? "directory" : "file" : t === 53 ? "directory" : "other";
    this.onEntry({ path: path2, type, data });
  }
};

// dist/src/core/pacman/sync-db.parser.js
var utf82 = new TextDecoder("utf-8");
function sortByName(packages) {
  return packages.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
function member(entry, file) {
  if (entry.type === "directory")
    return null;
  const slash = entry.path.indexOf("/");
  const m = entry.path.slice(slash + 1);
  if (m === "files" || m === "mtree")
    return null;
  if (slash <= 0 || m !== "desc" && m !== "depends" || entry.type !== "file") {
    throw new PacmanFormatError(file, `unexpected member '${entry.path}' (not a pacman sync database?)`);
  }
  return { dir: entry.path.slice(0, slash), member: m };
}
var SyncDbPackages = class {
  file;
  byEntry = /* @__PURE__ */ new Map();
  constructor(file) {
    this.file = file;
  }
  add(entry) {
    const m = member(entry, this.file);
    if (m === null)
      return;
    let pkg = this.byEntry.get(m.dir);
    if (pkg === void 0) {
      pkg = emptyPackage();
      this.byEntry.set(m.dir, pkg);
    }
    parseDescInto(pkg, utf82.decode(entry.data), `${this.file}:${entry.path}`, "sync");
  }
  finish() {
    const seen = /* @__PURE__ */ new Set();
    const out = [];
    for (const [dir, pkg] of this.byEntry) {
      checkIdentity(pkg, `${this.file}:${dir}/desc`, dir);
      if (seen.has(pkg.name))
        throw new PacmanFormatError(this.file, `duplicated database entry '${pkg.name}'`);
      seen.add(pkg.name);
      out.push(pkg);
    }
    return sortByName(out);
  }
};
var NAME_HEADER = Array.from("%NAME%", (c) => c.charCodeAt(0));
var VERSION_HEADER = Array.from("%VERSION%", (c) => c.charCodeAt(0));
function valueAfter(data, header) {
  const hl = header.length;
  for (let at = data.indexOf(37); at >= 0; at = data.indexOf(37, at + 1)) {
    if (at > 0 && data[at - 1] !== 10)
      continue;
    let ok = at + hl < data.length;
    for (let i = 1; ok && i < hl; i++)
      ok = data[at + i] === header[i];
    if (!ok || data[at + hl] !== 10 && !(data[at + hl] === 13 && data[at + hl + 1] === 10))
      continue;
    const start = at + hl + (data[at + hl] === 13 ? 2 : 1);
    let end = data.indexOf(10, start);
    if (end < 0)
      end = data.length;
    if (end > start && data[end - 1] === 13)
      end--;
    return [start, end];
  }
  return null;
}
function bytesEqual(data, [start, end], s) {
  if (end - start === s.length) {
    let same = true;
    for (let i = 0; same && i < s.length; i++)
      same = data[start + i] === s.charCodeAt(i);
    if (same)
      return true;
  }
  return utf82.decode(data.subarray(start, end)) === s;
}
var SyncDbIds = class {
  file;
  out = [];
  dependsOnly = [];
  // entries seen with a `depends` member (old databases)
  constructor(file) {
    this.file = file;
  }
  add(entry) {
    const path2 = entry.path;
    const slash = path2.indexOf("/");
    const isDesc = slash > 0 && path2.length === slash + 5 && path2.endsWith("/desc") && entry.type === "file";
    if (!isDesc) {
      const m = member(entry, this.file);
      if (m !== null && m.member === "depends")
        this.dependsOnly.push(m.dir);
      return;
    }
    const dir = path2.slice(0, slash);
    const where = `${this.file}:${path2}`;
    const id = splitEntryName(dir);
    if (id === null)
      throw new PacmanFormatError(where, `invalid entry name '${dir}'`);
    const name = valueAfter(entry.data, NAME_HEADER);
    if (name === null)
      throw new PacmanFormatError(where, "missing %NAME%");
    const version = valueAfter(entry.data, VERSION_HEADER);
    if (version === null)
      throw new PacmanFormatError(where, "missing %VERSION%");
    if (!bytesEqual(entry.data, name, id.name) || !bytesEqual(entry.data, version, id.version)) {
      checkIdentity(parseDescInto(emptyPackage(), utf82.decode(entry.data), where, "sync"), where, dir);
    }
    this.out.push(id);
  }
  finish() {
    const out = sortByName(this.out);
    for (let i = 1; i < out.length; i++) {
      if (out[i].name === out[i - 1].name) {
        throw new PacmanFormatError(this.file, `duplicated database entry '${out[i].name}'`);
      }
    }
    if (this.dependsOnly.length > 0) {
      const entries2 = new Set(out.map((p) => `${p.name}-${p.version}`));
      for (const d of this.dependsOnly)
        if (!entries2.has(d))
          throw new PacmanFormatError(`${this.file}:${d}/desc`, "missing desc");
    }
    return out;
  }
};

// dist/src/agent/pacman/local-db.reader.js
function errno(err) {
  const code = err.code;
  return code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : code ?? String(err);
}
function entries(dbpath) {
  try {
    if (!statSync(dbpath).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (err) {
    throw new PacmanFormatError(dbpath, `could not find or read database directory (${errno(err)})`);
  }
  const local = path.join(dbpath, "local");
  try {
    return readdirSync(local, { withFileTypes: true }).filter((d) => d.isDirectory() || d.isSymbolicLink() && statSync(path.join(local, d.name)).isDirectory()).map((d) => d.name);
  } catch (err) {
    if (err.code === "ENOENT") return [];
    throw new PacmanFormatError(local, `could not read database directory (${errno(err)})`);
  }
}
function listLocalDb(dbpath) {
  const local = path.join(dbpath, "local");
  return sortByName(
    entries(dbpath).map((e) => {
      const id = splitEntryName(e);
      if (id === null) throw new PacmanFormatError(path.join(local, e), `invalid database entry name '${e}'`);
      return id;
    })
  );
}
function readText(file) {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new PacmanFormatError(file, `could not read (${errno(err)})`);
  }
}
function readLocalDb(dbpath, opts = {}) {
  const local = path.join(dbpath, "local");
  const names = opts.entries ?? entries(dbpath);
  const out = [];
  for (const e of names) {
    const file = `${local}/${e}/desc`;
    const pkg = parseDesc(readText(file), file, "local", e);
    pkg.entry = e;
    if (opts.scriptlets) pkg.hasScriptlet = statSync(`${local}/${e}/install`, { throwIfNoEntry: false }) !== void 0;
    out.push(pkg);
  }
  return sortByName(out);
}

export {
  emptyPackage,
  TarParser,
  SyncDbPackages,
  SyncDbIds,
  listLocalDb,
  readLocalDb
};
