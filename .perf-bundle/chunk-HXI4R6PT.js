import {
  readMachine,
  repositorySnapshots,
  stateOfMachine,
  unixToIso
} from "./chunk-KUJ3AIP3.js";

// dist/src/agent/reporting.js
function stateBody(state) {
  return state;
}
function repositoryPackage(p) {
  return {
    version: p.version,
    description: p.desc ?? null,
    ...p.size !== void 0 ? { size: p.size } : {},
    dependencies: [...p.depends],
    provides: [...p.provides],
    ...p.arch !== void 0 ? { arch: p.arch } : {},
    last_modified: unixToIso(p.builddate)
  };
}
async function repositoriesOf(m) {
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
      metadata: { last_sync: snap?.db_date ?? null, sync_method: "pacman_database", db_hash: snap?.db_hash ?? null }
    });
  }
  return { repositories };
}
async function capture(ctx) {
  const m = await readMachine(ctx);
  const [state, repositories] = await Promise.all([stateOfMachine(m, ctx), repositoriesOf(m)]);
  return { state, repositories };
}
async function captureState(ctx) {
  const m = await readMachine(ctx);
  return stateOfMachine(m, ctx);
}
async function submitCapture(client, endpointId, c) {
  const reply = await client.submitState(endpointId, stateBody(c.state));
  if (c.repositories)
    await client.submitRepositories(endpointId, c.repositories);
  return reply;
}

export {
  stateBody,
  repositoriesOf,
  capture,
  captureState,
  submitCapture
};
