import { unixToIso } from '../core/state.js';
import { readMachine, repositorySnapshots, stateOfMachine } from './pacman/machine-state.js';
/** The state as the API takes it (the contract's body is the state_data object itself). */
export function stateBody(state) {
    return state;
}
function repositoryPackage(p) {
    return {
        version: p.version,
        description: p.desc ?? null,
        ...(p.size !== undefined ? { size: p.size } : {}),
        dependencies: [...p.depends],
        provides: [...p.provides],
        ...(p.arch !== undefined ? { arch: p.arch } : {}),
        last_modified: unixToIso(p.builddate),
    };
}
/** Every configured sync repository with its packages (repositories never synced are left out). */
export async function repositoriesOf(m) {
    const snaps = new Map((await repositorySnapshots(m)).map((s) => [s.name, s]));
    const repositories = [];
    for (const r of m.repos) {
        if (r.packages === null)
            continue;
        const packages = {};
        for (const p of r.packages)
            Object.defineProperty(packages, p.name, { value: repositoryPackage(p), enumerable: true, writable: true, configurable: true });
        const snap = snaps.get(r.name);
        repositories.push({
            name: r.name,
            url: r.servers[0] ?? null,
            packages,
            metadata: { last_sync: snap?.db_date ?? null, sync_method: 'pacman_database', db_hash: snap?.db_hash ?? null },
        });
    }
    return { repositories };
}
/** Reads this machine once: its package state and its repositories. */
export async function capture(ctx) {
    const m = await readMachine(ctx);
    const [state, repositories] = await Promise.all([stateOfMachine(m, ctx), repositoriesOf(m)]);
    return { state, repositories };
}
/** Reads the machine's state only (cheaper: no repository report). */
export async function captureState(ctx) {
    const m = await readMachine(ctx);
    return stateOfMachine(m, ctx);
}
/** Sends the state (and the repositories, when given); returns the server's drift reply. */
export async function submitCapture(client, endpointId, c) {
    const reply = await client.submitState(endpointId, stateBody(c.state));
    if (c.repositories)
        await client.submitRepositories(endpointId, c.repositories);
    return reply;
}
//# sourceMappingURL=reporting.js.map