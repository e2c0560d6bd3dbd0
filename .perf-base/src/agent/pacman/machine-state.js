// This machine as pacman sees it — pacman.conf, the local database, the sync databases — read
// directly (no pacman process), and the package state built from it (SPEC §4 "Package state").
// The executor reads it before a plan (sources, IgnorePkg, HoldPkg, conflicts), and callers
// re-read the state after applying or after a failure: the state actually reached is reported.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { machine as osMachine } from 'node:os';
import { buildPackageState, unixToIso } from '../../core/state.js';
import { readLocalDb } from './local-db.reader.js';
import { loadPacmanConf } from './pacman-conf.reader.js';
import { readSyncDb, syncDbFile } from './sync-db.reader.js';
/** Reads pacman.conf, the local and the sync databases. Throws PacmanFormatError naming a bad file. */
export async function readMachine(ctx) {
    const conf = await loadPacmanConf(ctx.pacman.configPath, ctx.pacmanConf === undefined ? {} : { pacmanConf: ctx.pacmanConf });
    const local = readLocalDb(ctx.pacman.dbpath);
    const repos = await Promise.all(conf.repositories.map(async (r) => {
        const packages = await readSyncDb(ctx.pacman.dbpath, r.name);
        return {
            name: r.name,
            servers: r.servers,
            file: syncDbFile(ctx.pacman.dbpath, r.name),
            packages,
            byName: new Map((packages ?? []).map((p) => [p.name, p])),
        };
    }));
    const own = conf.architectures.filter((a) => a !== 'auto' && a !== '');
    const arches = [...new Set([...(own.length > 0 ? own : [osMachine()]), 'any'])];
    return { conf, local, localByName: new Map(local.map((p) => [p.name, p])), repos, arches };
}
/**
 * Names and patterns this machine excludes: the agent's `exclude`, pacman.conf's IgnorePkg (as
 * written: pacman matches them as globs) and every known package in an IgnoreGroup group.
 */
export function machineExclusions(m, exclude = []) {
    const out = new Set([...exclude, ...m.conf.ignorePkg]);
    if (m.conf.ignoreGroup.length > 0) {
        const groups = new Set(m.conf.ignoreGroup);
        const all = [...m.local, ...m.repos.flatMap((r) => r.packages ?? [])];
        for (const p of all)
            if (p.groups.some((g) => groups.has(g)))
                out.add(p.name);
    }
    return [...out].sort();
}
/** Package name → groups, from the local and sync databases (for IgnoreGroup). */
export function machineGroups(m) {
    const groups = new Map();
    for (const p of [...m.repos.flatMap((r) => r.packages ?? []).reverse(), ...m.local]) {
        if (p.groups.length > 0)
            groups.set(p.name, p.groups);
    }
    return groups;
}
async function sha256(file) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The sync databases the state is taken against (name, first server, hash and date of the file). */
export async function repositorySnapshots(m) {
    return Promise.all(m.repos.map(async (r) => {
        let db_hash = null;
        let db_date = null;
        if (r.packages !== null) {
            try {
                db_hash = await sha256(r.file);
                db_date = unixToIso(Math.floor((await stat(r.file)).mtimeMs / 1000));
            }
            catch {
                // Replaced while we read it: report it without a hash rather than fail the state.
            }
        }
        return { name: r.name, server: r.servers[0] ?? null, db_hash, db_date };
    }));
}
/** The package state of `m`. */
export async function stateOfMachine(m, ctx) {
    return buildPackageState(m.local, m.repos.map((r) => ({ name: r.name, packages: r.byName })), { excluded_packages: machineExclusions(m, ctx.exclude), repositories: await repositorySnapshots(m) });
}
/** Reads the machine and builds its current package state. */
export async function readCurrentState(ctx) {
    return stateOfMachine(await readMachine(ctx), ctx);
}
//# sourceMappingURL=machine-state.js.map