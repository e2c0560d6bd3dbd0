// Noticing that pacman changed this machine, without inotify and without reading every package:
// the signature of the local database is the names and modification times of `<dbpath>/local`'s
// entries and of their `desc` files (an install, removal or upgrade changes the entries; a reason
// change with `pacman -D` rewrites a desc in place), and that of the sync databases is each
// `<dbpath>/sync/*.db` file's size and mtime. While pacman holds `<dbpath>/db.lck` the database
// is mid-transaction: no signature (the caller waits for the next look).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
function mtime(file) {
    try {
        return statSync(file).mtimeMs;
    }
    catch {
        return null;
    }
}
/** True while pacman holds its lock on `dbpath`. */
export function databaseLocked(dbpath) {
    return existsSync(path.join(dbpath, 'db.lck'));
}
/** Signature of the local database, or null while it is locked. */
export function localDbSignature(dbpath) {
    if (databaseLocked(dbpath))
        return null;
    const local = path.join(dbpath, 'local');
    const hash = createHash('sha1');
    hash.update(`dir ${mtime(local)}\n`);
    let names = [];
    try {
        names = readdirSync(local).sort();
    }
    catch {
        names = [];
    }
    for (const n of names)
        hash.update(`${n} ${mtime(path.join(local, n, 'desc'))}\n`);
    return hash.digest('hex');
}
/** Signature of the sync databases (a `pacman -Sy` changes it). */
export function syncDbSignature(dbpath) {
    const sync = path.join(dbpath, 'sync');
    const hash = createHash('sha1');
    let names = [];
    try {
        names = readdirSync(sync).filter((n) => n.endsWith('.db')).sort();
    }
    catch {
        names = [];
    }
    for (const n of names) {
        try {
            const st = statSync(path.join(sync, n));
            hash.update(`${n} ${st.size} ${st.mtimeMs}\n`);
        }
        catch {
            hash.update(`${n} gone\n`);
        }
    }
    return hash.digest('hex');
}
//# sourceMappingURL=db-watcher.js.map