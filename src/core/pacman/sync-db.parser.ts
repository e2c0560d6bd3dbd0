// A sync database (`<dbpath>/sync/<repo>.db`, decompressed) into its packages. The archive holds
// one directory per package, `<name>-<version>/`, with a `desc` member (and, in databases written
// by repo-add before pacman 4.2, a separate `depends` member); `files` members (in .files
// databases) are ignored. Packages come out sorted by name, the order pacman lists them in.
//
// Two readers over the same archive checks: SyncDbPackages (every desc parsed in full) and
// SyncDbIds (names and versions only — what `pacman -Sl` prints — checking each desc's %NAME% and
// %VERSION% against the entry name without parsing the rest). Both take entries one at a time,
// so the agent can feed them while the decompressor is still running (TarParser).
import { PacmanFormatError } from '../errors.js';
import { checkIdentity, emptyPackage, parseDescInto, splitEntryName } from './desc.parser.js';
import { TarParser, type TarEntry } from './tar.reader.js';
import type { PacmanPackage } from './types.js';

const utf8 = new TextDecoder('utf-8');

/** A package's identity: what `pacman -Sl` prints. */
export interface PackageId {
  name: string;
  version: string;
}

/** Sorts by name in byte order (libalpm's strcmp), in place. */
export function sortByName<T extends { name: string }>(packages: T[]): T[] {
  return packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Consumes the entries of one sync database. */
export interface SyncDbConsumer<T> {
  add(entry: TarEntry): void;
  /** After the last entry: the packages, sorted by name. */
  finish(): T[];
}

/** Splits `<dir>/<member>`; throws for anything a sync database does not contain. Null: skip it. */
function member(entry: TarEntry, file: string): { dir: string; member: 'desc' | 'depends' } | null {
  if (entry.type === 'directory') return null;
  const slash = entry.path.indexOf('/');
  const m = entry.path.slice(slash + 1);
  if (m === 'files' || m === 'mtree') return null;
  if (slash <= 0 || (m !== 'desc' && m !== 'depends') || entry.type !== 'file') {
    throw new PacmanFormatError(file, `unexpected member '${entry.path}' (not a pacman sync database?)`);
  }
  return { dir: entry.path.slice(0, slash), member: m };
}

/** Every package with its whole desc. */
export class SyncDbPackages implements SyncDbConsumer<PacmanPackage> {
  private byEntry = new Map<string, PacmanPackage>();
  constructor(private readonly file: string) {}

  add(entry: TarEntry): void {
    const m = member(entry, this.file);
    if (m === null) return;
    let pkg = this.byEntry.get(m.dir);
    if (pkg === undefined) {
      pkg = emptyPackage();
      this.byEntry.set(m.dir, pkg);
    }
    parseDescInto(pkg, utf8.decode(entry.data), `${this.file}:${entry.path}`, 'sync');
  }

  finish(): PacmanPackage[] {
    const seen = new Set<string>();
    const out: PacmanPackage[] = [];
    for (const [dir, pkg] of this.byEntry) {
      checkIdentity(pkg, `${this.file}:${dir}/desc`, dir);
      if (seen.has(pkg.name)) throw new PacmanFormatError(this.file, `duplicated database entry '${pkg.name}'`);
      seen.add(pkg.name);
      out.push(pkg);
    }
    return sortByName(out);
  }
}

const NAME_HEADER = Array.from('%NAME%\n', (c) => c.charCodeAt(0));
const VERSION_HEADER = Array.from('%VERSION%\n', (c) => c.charCodeAt(0));

/** Whether the line at `at` is `header` (given with its `\n`; a `\r\n` ending also counts). */
function lineIs(data: Uint8Array, at: number, header: number[]): boolean {
  const last = header.length - 1;
  if (at + last > data.length) return false;
  for (let i = 1; i < last; i++) if (data[at + i] !== header[i]) return false;
  const c = data[at + last];
  return c === 10 || (c === 13 && data[at + last + 1] === 10);
}

/** The start of the line after the one at `at` (past the end of `data` when it has no `\n`). */
function nextLine(data: Uint8Array, at: number): number {
  const n = data.length;
  let p = at;
  while (p < n && data[p] !== 10) p++;
  return p + 1;
}

/**
 * Whether the line at `start` of `data` spells `s` (UTF-8; without its `\n` or `\r\n`). Compared
 * byte by byte first (names and versions are ASCII), decoded only when that fails.
 */
function lineEquals(data: Uint8Array, start: number, s: string): boolean {
  const end = start + s.length;
  if (end <= data.length) {
    let same = true;
    for (let i = 0; same && i < s.length; i++) same = data[start + i] === s.charCodeAt(i);
    const c = data[end];
    if (same && (end === data.length || c === 10 || (c === 13 && (end + 1 === data.length || data[end + 1] === 10)))) return true;
  }
  let stop = nextLine(data, start) - 1;
  if (stop > data.length) stop = data.length;
  if (stop > start && data[stop - 1] === 13) stop--;
  return utf8.decode(data.subarray(start, stop)) === s;
}

/** Names and versions only (see the file comment). */
export class SyncDbIds implements SyncDbConsumer<PackageId> {
  private out: PackageId[] = [];
  private dependsOnly: string[] = []; // entries seen with a `depends` member (old databases)
  constructor(private readonly file: string) {}

  add(entry: TarEntry): void {
    const path = entry.path;
    const slash = path.indexOf('/');
    // Fast path: `<dir>/desc`, the one member of every entry.
    const isDesc = slash > 0 && path.length === slash + 5 && path.endsWith('/desc') && entry.type === 'file';
    if (!isDesc) {
      const m = member(entry, this.file);
      if (m !== null && m.member === 'depends') this.dependsOnly.push(m.dir);
      return;
    }
    const dir = path.slice(0, slash);
    const id = splitEntryName(dir);
    if (id === null) throw new PacmanFormatError(this.where(path), `invalid entry name '${dir}'`);
    // One pass over the lines to the %NAME% and %VERSION% headers (repo-add writes them second and
    // fourth), in plain JS: one TypedArray.indexOf call per line was slower, each is a runtime call.
    const data = entry.data;
    let name = -1;
    let version = -1;
    for (let at = 0; at < data.length && (name < 0 || version < 0); at = nextLine(data, at)) {
      if (data[at] !== 37) continue;
      if (name < 0 && lineIs(data, at, NAME_HEADER)) name = nextLine(data, at);
      else if (version < 0 && lineIs(data, at, VERSION_HEADER)) version = nextLine(data, at);
    }
    if (name < 0) throw new PacmanFormatError(this.where(path), 'missing %NAME%');
    if (version < 0) throw new PacmanFormatError(this.where(path), 'missing %VERSION%');
    if (!lineEquals(data, name, id.name) || !lineEquals(data, version, id.version)) {
      checkIdentity(parseDescInto(emptyPackage(), utf8.decode(data), this.where(path), 'sync'), this.where(path), dir); // throws, naming both
    }
    this.out.push(id);
  }

  /** The member named in errors (built only for one: this runs per package). */
  private where(path: string): string {
    return `${this.file}:${path}`;
  }

  finish(): PackageId[] {
    const out = sortByName(this.out);
    for (let i = 1; i < out.length; i++) {
      if ((out[i] as PackageId).name === (out[i - 1] as PackageId).name) {
        throw new PacmanFormatError(this.file, `duplicated database entry '${(out[i] as PackageId).name}'`);
      }
    }
    if (this.dependsOnly.length > 0) {
      const entries = new Set(out.map((p) => `${p.name}-${p.version}`));
      for (const d of this.dependsOnly) if (!entries.has(d)) throw new PacmanFormatError(`${this.file}:${d}/desc`, 'missing desc');
    }
    return out;
  }
}

/** Runs a consumer over an in-memory archive. */
function consume<T>(tar: Uint8Array, file: string, consumer: SyncDbConsumer<T>): T[] {
  const parser = new TarParser(file, (e) => consumer.add(e), { directories: false });
  parser.write(tar);
  parser.end();
  return consumer.finish();
}

/** Parses the tar bytes of a sync database: every package, desc in full, sorted by name. */
export function parseSyncDb(tar: Uint8Array, file: string): PacmanPackage[] {
  return consume(tar, file, new SyncDbPackages(file));
}

/** Names and versions of a sync database, sorted by name, without parsing whole descs. */
export function listSyncDb(tar: Uint8Array, file: string): PackageId[] {
  return consume(tar, file, new SyncDbIds(file));
}
