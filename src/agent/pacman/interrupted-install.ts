// A package pacman was killed in the middle of (issue #16): libalpm makes the package's local
// database entry (`<dbpath>/local/<name>-<version>/`) before extracting its files and writes the
// entry's `desc` after, so a pacman killed in between leaves an entry without a desc and some of
// the package's files on disk. pacman then refuses every transaction ("invalid or corrupted
// package") until someone removes the entry, and reinstalling the package trips over the files
// already there ("exists in filesystem") — the manual repair is to remove the entry and reinstall
// with --overwrite for that package's files. The agent does exactly that, and only that, before
// its own transaction: each such entry is moved to `<dbpath>/pacsync-incomplete/` (kept, not
// deleted), saying so, and the transaction gets `--overwrite` for the files of the packages it
// installs again (listed from their own archives); nothing else is overwritten.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { splitEntryName } from '../../core/pacman/desc.parser.js';

const exec = promisify(execFile);

/** `--overwrite` takes a glob: a file name is matched literally. */
const literal = (p: string): string => p.replace(/[\\*?[\]]/g, (c) => `\\${c}`);

/** The regular files and links of a package archive (not its metadata, not directories). */
async function packageFiles(file: string): Promise<string[]> {
  const { stdout } = await exec('bsdtar', ['-tf', file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((p) => p !== '' && !p.startsWith('.') && !p.endsWith('/'));
}

/** Entries of `<dbpath>/local` without a desc (what `Machine.incomplete` lists). */
function incompleteEntries(dbpath: string): string[] {
  const local = path.join(dbpath, 'local');
  try {
    return readdirSync(local, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !existsSync(path.join(local, d.name, 'desc')))
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/**
 * Moves the entries a killed pacman left without desc out of the local database (before any
 * pacman run of the plan: every one that reads the local database refuses them). Returns them.
 */
export function setAsideIncompleteEntries(dbpath: string, warn: (line: string) => void): string[] {
  const found = incompleteEntries(dbpath);
  if (found.length === 0) return [];
  const aside = path.join(dbpath, 'pacsync-incomplete');
  mkdirSync(aside, { recursive: true, mode: 0o755 });
  for (const entry of found) {
    renameSync(path.join(dbpath, 'local', entry), path.join(aside, `${entry}.${Date.now()}`));
    warn(`${entry}: pacman was killed while installing it (its database entry has no desc): the entry was moved to ${aside}`);
  }
  return found;
}

/**
 * `--overwrite=<file>` for the files of the set-aside packages that `items` installs again. libalpm
 * matches the patterns against the file's path under the root (`<root>/usr/…`; `/usr/…` on a real
 * machine, whose root is `/`).
 */
export async function overwriteForReinstalls(
  setAside: readonly string[],
  items: readonly { name: string; file: string }[],
  root: string,
  warn: (line: string) => void,
): Promise<string[]> {
  const overwrite: string[] = [];
  for (const entry of setAside) {
    const again = items.find((i) => i.name === splitEntryName(entry)?.name);
    if (!again) continue;
    for (const f of await packageFiles(again.file)) overwrite.push(`--overwrite=${literal(path.join(root, f))}`);
    warn(`${entry}: installed again, over the files of it already on disk`);
  }
  return overwrite;
}
