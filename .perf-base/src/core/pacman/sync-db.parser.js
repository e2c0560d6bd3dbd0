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
import { TarParser } from './tar.reader.js';
const utf8 = new TextDecoder('utf-8');
/** Sorts by name in byte order (libalpm's strcmp), in place. */
export function sortByName(packages) {
    return packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
/** Splits `<dir>/<member>`; throws for anything a sync database does not contain. Null: skip it. */
function member(entry, file) {
    if (entry.type === 'directory')
        return null;
    const slash = entry.path.indexOf('/');
    const m = entry.path.slice(slash + 1);
    if (m === 'files' || m === 'mtree')
        return null;
    if (slash <= 0 || (m !== 'desc' && m !== 'depends') || entry.type !== 'file') {
        throw new PacmanFormatError(file, `unexpected member '${entry.path}' (not a pacman sync database?)`);
    }
    return { dir: entry.path.slice(0, slash), member: m };
}
/** Every package with its whole desc. */
export class SyncDbPackages {
    file;
    byEntry = new Map();
    constructor(file) {
        this.file = file;
    }
    add(entry) {
        const m = member(entry, this.file);
        if (m === null)
            return;
        let pkg = this.byEntry.get(m.dir);
        if (pkg === undefined) {
            pkg = emptyPackage();
            this.byEntry.set(m.dir, pkg);
        }
        parseDescInto(pkg, utf8.decode(entry.data), `${this.file}:${entry.path}`, 'sync');
    }
    finish() {
        const seen = new Set();
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
}
const NAME_HEADER = Array.from('%NAME%', (c) => c.charCodeAt(0));
const VERSION_HEADER = Array.from('%VERSION%', (c) => c.charCodeAt(0));
/** [start, end) of the value line after a `header` line in desc bytes, or null when absent. */
function valueAfter(data, header) {
    const hl = header.length;
    for (let at = data.indexOf(37); at >= 0; at = data.indexOf(37, at + 1)) {
        if (at > 0 && data[at - 1] !== 10)
            continue;
        let ok = at + hl < data.length;
        for (let i = 1; ok && i < hl; i++)
            ok = data[at + i] === header[i];
        if (!ok || (data[at + hl] !== 10 && !(data[at + hl] === 13 && data[at + hl + 1] === 10)))
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
/** Whether bytes [start, end) of `data` spell `s` (UTF-8). */
function bytesEqual(data, [start, end], s) {
    if (end - start === s.length) {
        let same = true;
        for (let i = 0; same && i < s.length; i++)
            same = data[start + i] === s.charCodeAt(i);
        if (same)
            return true;
    }
    return utf8.decode(data.subarray(start, end)) === s;
}
/** Names and versions only (see the file comment). */
export class SyncDbIds {
    file;
    out = [];
    dependsOnly = []; // entries seen with a `depends` member (old databases)
    constructor(file) {
        this.file = file;
    }
    add(entry) {
        const path = entry.path;
        const slash = path.indexOf('/');
        // Fast path: `<dir>/desc`, the one member of every entry.
        const isDesc = slash > 0 && path.length === slash + 5 && path.endsWith('/desc') && entry.type === 'file';
        if (!isDesc) {
            const m = member(entry, this.file);
            if (m !== null && m.member === 'depends')
                this.dependsOnly.push(m.dir);
            return;
        }
        const dir = path.slice(0, slash);
        const where = `${this.file}:${path}`;
        const id = splitEntryName(dir);
        if (id === null)
            throw new PacmanFormatError(where, `invalid entry name '${dir}'`);
        const name = valueAfter(entry.data, NAME_HEADER);
        if (name === null)
            throw new PacmanFormatError(where, 'missing %NAME%');
        const version = valueAfter(entry.data, VERSION_HEADER);
        if (version === null)
            throw new PacmanFormatError(where, 'missing %VERSION%');
        if (!bytesEqual(entry.data, name, id.name) || !bytesEqual(entry.data, version, id.version)) {
            checkIdentity(parseDescInto(emptyPackage(), utf8.decode(entry.data), where, 'sync'), where, dir); // throws, naming both
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
            const entries = new Set(out.map((p) => `${p.name}-${p.version}`));
            for (const d of this.dependsOnly)
                if (!entries.has(d))
                    throw new PacmanFormatError(`${this.file}:${d}/desc`, 'missing desc');
        }
        return out;
    }
}
/** Runs a consumer over an in-memory archive. */
function consume(tar, file, consumer) {
    const parser = new TarParser(file, (e) => consumer.add(e), { directories: false });
    parser.write(tar);
    parser.end();
    return consumer.finish();
}
/** Parses the tar bytes of a sync database: every package, desc in full, sorted by name. */
export function parseSyncDb(tar, file) {
    return consume(tar, file, new SyncDbPackages(file));
}
/** Names and versions of a sync database, sorted by name, without parsing whole descs. */
export function listSyncDb(tar, file) {
    return consume(tar, file, new SyncDbIds(file));
}
//# sourceMappingURL=sync-db.parser.js.map