// The work behind `pacsync repo-list` (see repo-list.command.ts; loaded only when the command
// runs): pacman -Sl from the sync databases.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { listLocalDb } from '../pacman/local-db.reader.js';
import { loadPacmanConf } from '../pacman/pacman-conf.reader.js';
import { listSyncDbPackages } from '../pacman/sync-db.reader.js';
import type { PackageId } from '../../core/pacman/sync-db.parser.js';
import { writeStdout } from '../stdout.js';

export interface RepoListPaths {
  dbpath: string;
  configPath: string;
}

export async function runRepoList(paths: RepoListPaths, only: string[]): Promise<void> {
  // Start decompressing every sync database right away (in child processes, largest first),
  // then run pacman-conf beside them: most of the time goes into decompression, and the
  // machine's other cores are idle otherwise.
  const reads = new Map<string, Promise<PackageId[] | null>>();
  const read = (repo: string): Promise<PackageId[] | null> => {
    let p = reads.get(repo);
    if (!p) {
      p = listSyncDbPackages(paths.dbpath, repo);
      p.catch(() => undefined); // handled when awaited below
      reads.set(repo, p);
    }
    return p;
  };
  let files: string[] = [];
  try {
    files = readdirSync(path.join(paths.dbpath, 'sync'));
  } catch {
    // no sync directory: every configured repository gets pacman's "does not exist" warning
  }
  const wanted = new Set(only);
  const size = (f: string): number => statSync(path.join(paths.dbpath, 'sync', f), { throwIfNoEntry: false })?.size ?? 0;
  files
    .filter((f) => f.endsWith('.db') && (only.length === 0 || wanted.has(f.slice(0, -3))))
    .map((f) => ({ repo: f.slice(0, -3), size: size(f) }))
    .sort((a, b) => b.size - a.size)
    .forEach((f) => read(f.repo));
  const conf = loadPacmanConf(paths.configPath);
  conf.catch(() => undefined);

  const configured = (await conf).repositories.map((r) => r.name);
  // Like pacman: an unknown name is an error (exit 1) but the known ones are still listed.
  let failed = false;
  const repos = only.length === 0 ? configured : only.filter((r) => configured.includes(r) || ((failed = true), warnUnknown(r)));

  const installed = new Map(listLocalDb(paths.dbpath).map((p) => [p.name, p.version]));
  for (const repo of repos) {
    const pkgs = await read(repo);
    if (pkgs === null) {
      process.stderr.write(`warning: database file for '${repo}' does not exist (use '-Sy' to download)\n`);
      continue;
    }
    const lines: string[] = new Array<string>(pkgs.length);
    for (let i = 0; i < pkgs.length; i++) {
      const p = pkgs[i] as PackageId;
      const local = installed.get(p.name);
      lines[i] =
        local === undefined
          ? `${repo} ${p.name} ${p.version}\n`
          : local === p.version
            ? `${repo} ${p.name} ${p.version} [installed]\n`
            : `${repo} ${p.name} ${p.version} [installed: ${local}]\n`;
    }
    writeStdout(lines.join(''));
  }
  if (failed) process.exitCode = 1;
}

function warnUnknown(repo: string): false {
  process.stderr.write(`error: repository "${repo}" was not found.\n`);
  return false;
}
