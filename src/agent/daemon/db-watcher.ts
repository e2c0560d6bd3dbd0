// Noticing that pacman changed this machine, without inotify and without reading every package:
// the signature of the local database is the names and modification times of `<dbpath>/local`'s
// entries and of their `desc` files (an install, removal or upgrade changes the entries; a reason
// change with `pacman -D` rewrites a desc in place), and that of the sync databases is each
// `<dbpath>/sync/*.db` file's size and mtime. While pacman holds `<dbpath>/db.lck` the database
// is mid-transaction: no signature (the caller waits for the next look). A db.lck that no process
// holds (left by a pacman killed mid-transaction, e.g. by a reboot: pacman/db-lock.ts) does not
// stop the watch: the database is what that pacman left, and that is what must be reported.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { dbLockState } from '../pacman/db-lock.js';

function mtime(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** True while pacman holds its lock on `dbpath` (or a lock whose holder cannot be told). */
export function databaseLocked(dbpath: string): boolean {
  const s = dbLockState(dbpath).state;
  return s === 'held' || s === 'unknown';
}

/** Signature of the local database, or null while it is locked. */
export function localDbSignature(dbpath: string): string | null {
  if (databaseLocked(dbpath)) return null;
  const local = path.join(dbpath, 'local');
  const hash = createHash('sha1');
  hash.update(`dir ${mtime(local)}\n`);
  let names: string[] = [];
  try {
    names = readdirSync(local).sort();
  } catch {
    names = [];
  }
  for (const n of names) hash.update(`${n} ${mtime(path.join(local, n, 'desc'))}\n`);
  return hash.digest('hex');
}

/** Signature of the sync databases (a `pacman -Sy` changes it). */
export function syncDbSignature(dbpath: string): string {
  const sync = path.join(dbpath, 'sync');
  const hash = createHash('sha1');
  let names: string[] = [];
  try {
    names = readdirSync(sync)
      .filter((n) => n.endsWith('.db'))
      .sort();
  } catch {
    names = [];
  }
  for (const n of names) {
    try {
      const st = statSync(path.join(sync, n));
      hash.update(`${n} ${st.size} ${st.mtimeMs}\n`);
    } catch {
      hash.update(`${n} gone\n`);
    }
  }
  return hash.digest('hex');
}
