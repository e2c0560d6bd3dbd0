// This machine as pacman sees it — pacman.conf, the local database, the sync databases — read
// directly (no pacman process), and the package state built from it (README "Domain rules": Package
// state). A sync reads it once before the plan (the state it reports, and what the plan is checked
// and resolved against: sources, IgnorePkg, HoldPkg, conflicts) and once after pacman (the state
// actually reached is reported); a `pacman -Sy` in between replaces only the sync databases, which
// are read again (withSyncDbsReread).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { machine as osMachine } from 'node:os';
import type { PackageStateData, RepositorySnapshot } from '../../core/package-state.js';
import type { PacmanConf } from '../../core/pacman/pacman-conf.parser.js';
import type { PacmanPackage } from '../../core/pacman/types.js';
import { buildPackageState, unixToIso } from '../../core/state.js';
import type { ExecutorContext } from './executor-context.js';
import { readLocalDb, type LocalPackage } from './local-db.reader.js';
import { loadPacmanConf } from './pacman-conf.reader.js';
import { readSyncDb, syncDbFile } from './sync-db.reader.js';

export interface SyncRepo {
  name: string;
  servers: string[];
  /** `<dbpath>/sync/<name>.db` */
  file: string;
  /** null when the database was never downloaded (`pacman -Sy` not run yet). */
  packages: PacmanPackage[] | null;
  byName: Map<string, PacmanPackage>;
}

export interface Machine {
  conf: PacmanConf;
  local: LocalPackage[];
  localByName: Map<string, LocalPackage>;
  /** In pacman.conf order (pacman's order of preference). */
  repos: SyncRepo[];
  /** Package architectures this machine installs: pacman.conf's (or the machine's) and `any`. */
  arches: string[];
  /**
   * Local database entries a killed pacman left without their desc (`<name>-<version>`): not
   * installed as far as the state goes; the next transaction installs them over what was left.
   */
  incomplete: string[];
}

/** Reads pacman.conf, the local and the sync databases. Throws PacmanFormatError naming a bad file. */
export async function readMachine(ctx: ExecutorContext): Promise<Machine> {
  const conf = await loadPacmanConf(ctx.pacman.configPath, ctx.pacmanConf === undefined ? {} : { pacmanConf: ctx.pacmanConf });
  const incomplete: string[] = [];
  const local = readLocalDb(ctx.pacman.dbpath, { incomplete });
  const own = conf.architectures.filter((a) => a !== 'auto' && a !== '');
  const arches = [...new Set([...(own.length > 0 ? own : [osMachine()]), 'any'])];
  return { conf, local, localByName: new Map(local.map((p) => [p.name, p])), repos: await readSyncRepos(conf, ctx), arches, incomplete };
}

/** `m` after a `pacman -Sy`: the same pacman.conf and local database, the sync databases read again. */
export async function withSyncDbsReread(m: Machine, ctx: ExecutorContext): Promise<Machine> {
  return { ...m, repos: await readSyncRepos(m.conf, ctx) };
}

function readSyncRepos(conf: PacmanConf, ctx: ExecutorContext): Promise<SyncRepo[]> {
  return Promise.all(
    conf.repositories.map(async (r): Promise<SyncRepo> => {
      const packages = await readSyncDb(ctx.pacman.dbpath, r.name);
      return {
        name: r.name,
        servers: r.servers,
        file: syncDbFile(ctx.pacman.dbpath, r.name),
        packages,
        byName: new Map((packages ?? []).map((p) => [p.name, p])),
      };
    }),
  );
}

/**
 * Names and patterns this machine excludes: the agent's `exclude`, pacman.conf's IgnorePkg (as
 * written: pacman matches them as globs) and every known package in an IgnoreGroup group.
 */
export function machineExclusions(m: Machine, exclude: readonly string[] = []): string[] {
  const out = new Set<string>([...exclude, ...m.conf.ignorePkg]);
  if (m.conf.ignoreGroup.length > 0) {
    const groups = new Set(m.conf.ignoreGroup);
    const all: PacmanPackage[] = [...m.local, ...m.repos.flatMap((r) => r.packages ?? [])];
    for (const p of all) if (p.groups.some((g) => groups.has(g))) out.add(p.name);
  }
  return [...out].sort();
}

/** Package name → groups, from the local and sync databases (for IgnoreGroup). */
export function machineGroups(m: Machine): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of [...m.repos.flatMap((r) => r.packages ?? []).reverse(), ...m.local]) {
    if (p.groups.length > 0) groups.set(p.name, p.groups);
  }
  return groups;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// One Machine is one reading of the databases: a capture's state and its repository report both
// carry the snapshots, which are hashed once for both (each hash reads every sync database file).
const snapshots = new WeakMap<Machine, Promise<RepositorySnapshot[]>>();

/** The sync databases the state is taken against (name, first server, hash and date of the file). */
export function repositorySnapshots(m: Machine): Promise<RepositorySnapshot[]> {
  let found = snapshots.get(m);
  if (found === undefined) snapshots.set(m, (found = hashSnapshots(m)));
  return found;
}

function hashSnapshots(m: Machine): Promise<RepositorySnapshot[]> {
  return Promise.all(
    m.repos.map(async (r) => {
      let db_hash: string | null = null;
      let db_date: string | null = null;
      if (r.packages !== null) {
        try {
          db_hash = await sha256(r.file);
          db_date = unixToIso(Math.floor((await stat(r.file)).mtimeMs / 1000));
        } catch {
          // Replaced while we read it: report it without a hash rather than fail the state.
        }
      }
      return { name: r.name, server: r.servers[0] ?? null, db_hash, db_date };
    }),
  );
}

/** The package state of `m`. */
export async function stateOfMachine(m: Machine, ctx: ExecutorContext): Promise<PackageStateData> {
  return buildPackageState(
    m.local,
    m.repos.map((r) => ({ name: r.name, packages: r.byName })),
    { excluded_packages: machineExclusions(m, ctx.exclude), repositories: await repositorySnapshots(m) },
  );
}

/** Reads the machine and builds its current package state. */
export async function readCurrentState(ctx: ExecutorContext): Promise<PackageStateData> {
  return stateOfMachine(await readMachine(ctx), ctx);
}
