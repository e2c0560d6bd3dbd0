// The work behind `pacsync query` (see query.command.ts; loaded only when the command runs):
// pacman -Q / -Qi on the local database.
import { listLocalDb, readLocalDb } from '../pacman/local-db.reader.js';
import { InstalledPackages, formatQi, qiContext } from '../pacman/pacman-output.js';
import { StdoutBuffer, outputColumns } from '../stdout.js';

/** Standard output in order with the error lines on stderr, as pacman's would appear on a terminal. */
class Output {
  private stdout = new StdoutBuffer();
  failed = false;
  out(s: string): void {
    this.stdout.write(s);
  }
  error(msg: string): void {
    this.stdout.flush(); // what was found so far comes before the error
    process.stderr.write(`error: ${msg}\n`);
    this.failed = true;
  }
  flush(): void {
    this.stdout.flush();
  }
}

/** Runs the query; sets process.exitCode to 1 when a name was not found or nothing was listed. */
export function runQuery(dbpath: string, names: string[], opts: { info: boolean }): void {
  const o = new Output();
  const targets = names.map((n) => (n.startsWith('local/') ? n.slice('local/'.length) : n));
  if (!opts.info) {
    const ids = listLocalDb(dbpath);
    if (targets.length === 0) {
      for (const p of ids) o.out(`${p.name} ${p.version}\n`);
      if (ids.length === 0) o.failed = true;
    } else {
      const byName = new Map(ids.map((p) => [p.name, p]));
      let full: InstalledPackages | null = null; // read only when a target is not a plain name
      for (const t of targets) {
        const p: { name: string; version: string } | undefined = byName.get(t) ?? (full ??= new InstalledPackages(readLocalDb(dbpath))).find(t);
        if (p === undefined) o.error(`package '${t}' was not found`);
        else o.out(`${p.name} ${p.version}\n`);
      }
    }
  } else {
    const installed = new InstalledPackages(readLocalDb(dbpath, { scriptlets: true }));
    const ctx = qiContext(installed, outputColumns());
    const all = installed.all;
    if (targets.length === 0) {
      for (const p of all) o.out(formatQi(p, ctx));
      if (all.length === 0) o.failed = true;
    } else {
      for (const t of targets) {
        const p = installed.find(t);
        if (p === undefined) o.error(`package '${t}' was not found`);
        else o.out(formatQi(p, ctx));
      }
    }
  }
  o.flush();
  if (o.failed) process.exitCode = 1;
}
