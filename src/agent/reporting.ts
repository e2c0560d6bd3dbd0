// The reports an agent sends (`POST /endpoints/{id}/state`, `/repositories`: README "API keys and
// the HTTP API"): this machine's package state, built by core's state builder from the local
// database, and its sync repositories with their packages — both read straight from pacman's files.
import type { RepositoriesReportBody, StateReportBody } from '../contracts/package.contract.js';
import type { StateReportResult } from '../contracts/report.contract.js';
import type { PackageStateData } from '../core/package-state.js';
import type { PacmanPackage } from '../core/pacman/types.js';
import { unixToIso } from '../core/state.js';
import type { ExecutorContext } from './pacman/executor-context.js';
import { readMachine, repositorySnapshots, stateOfMachine, type Machine } from './pacman/machine-state.js';
import type { Session } from './session.js';
import { reportRepositories } from './repositories-report.js';
import { AcknowledgedState, reportState } from './state-report.js';

export interface Capture {
  state: PackageStateData;
  repositories: RepositoriesReportBody;
}

/**
 * The state as the API takes it: the state_data object itself, with only the metadata an agent
 * may send (the server adds the rest). Built field by field, so that the compiler holds core's
 * state and the contract's body together (contracts/core-agreement.ts); the same keys in the same
 * order as core's buildPackageState, so the JSON is the state's own.
 */
export function stateBody(state: PackageStateData): StateReportBody {
  const { total_packages, total_size, capture_method, excluded_packages, content_hash, repositories } = state.metadata;
  return {
    packages: state.packages,
    metadata: {
      total_packages,
      total_size,
      capture_method,
      excluded_packages,
      ...(content_hash !== undefined ? { content_hash } : {}),
      ...(repositories !== undefined ? { repositories } : {}),
    },
  };
}

function repositoryPackage(p: PacmanPackage): NonNullable<RepositoriesReportBody['repositories'][number]['packages']>[string] {
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
export async function repositoriesOf(m: Machine): Promise<RepositoriesReportBody> {
  const snaps = new Map((await repositorySnapshots(m)).map((s) => [s.name, s]));
  const repositories: RepositoriesReportBody['repositories'] = [];
  for (const r of m.repos) {
    if (r.packages === null) continue;
    const packages: Record<string, ReturnType<typeof repositoryPackage>> = {};
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
export async function capture(ctx: ExecutorContext): Promise<Capture> {
  const m = await readMachine(ctx);
  const [state, repositories] = await Promise.all([stateOfMachine(m, ctx), repositoriesOf(m)]);
  return { state, repositories };
}

/** Reads the machine's state only (cheaper: no repository report). */
export async function captureState(ctx: ExecutorContext): Promise<PackageStateData> {
  const m = await readMachine(ctx);
  return stateOfMachine(m, ctx);
}

/** The session's memory of the state hash the server acknowledged (state-report.ts). */
export function acknowledgedState(session: Pick<Session, 'config'>): AcknowledgedState {
  return new AcknowledgedState(session.config.client.stateDir);
}

/**
 * Sends the state — only its hash when the server already has it (state-report.ts) — and the
 * repositories, when given; returns the server's drift reply.
 */
export async function submitCapture(
  session: Pick<Session, 'client' | 'endpointId' | 'config'>,
  c: Partial<Capture> & { state: PackageStateData },
  opts: { details?: boolean; idempotencyKey?: string } = {},
): Promise<StateReportResult> {
  const reply = await reportState(session.client, session.endpointId, stateBody(c.state), acknowledgedState(session), opts);
  if (c.repositories) await reportRepositories(session.client, session.endpointId, c.repositories);
  return reply;
}
