import type { RepositoriesReportBody, StateReportBody } from '../contracts/package.contract.js';
import type { StateReportResult } from '../contracts/report.contract.js';
import type { PackageStateData } from '../core/package-state.js';
import type { ApiClient } from './api-client.js';
import type { ExecutorContext } from './pacman/executor-context.js';
import { type Machine } from './pacman/machine-state.js';
export interface Capture {
    state: PackageStateData;
    repositories: RepositoriesReportBody;
}
/** The state as the API takes it (the contract's body is the state_data object itself). */
export declare function stateBody(state: PackageStateData): StateReportBody;
/** Every configured sync repository with its packages (repositories never synced are left out). */
export declare function repositoriesOf(m: Machine): Promise<RepositoriesReportBody>;
/** Reads this machine once: its package state and its repositories. */
export declare function capture(ctx: ExecutorContext): Promise<Capture>;
/** Reads the machine's state only (cheaper: no repository report). */
export declare function captureState(ctx: ExecutorContext): Promise<PackageStateData>;
/** Sends the state (and the repositories, when given); returns the server's drift reply. */
export declare function submitCapture(client: ApiClient, endpointId: string, c: Partial<Capture> & {
    state: PackageStateData;
}): Promise<StateReportResult>;
