import type { EnvelopeOf, PageOf } from '../contracts/common.contract.js';
import type { EndpointDetail, EndpointView, RegisteredEndpoint, RegisterEndpointBody, UpdateEndpointBody } from '../contracts/endpoint.contract.js';
import type { CompleteBody, FailBody, OperationStatus, OperationView, ProgressBody, RevertBody, SetLatestBody, SyncOptions } from '../contracts/operation.contract.js';
import type { RepositoriesReportBody, StateReportBody } from '../contracts/package.contract.js';
import type { PoolView } from '../contracts/pool.contract.js';
import type { RepositoriesReportResult, StateReportResult } from '../contracts/report.contract.js';
import type { OperationWithPlan, SetLatestResult } from '../contracts/sync.contract.js';
import type { StateDetail, StateSummary } from '../contracts/state.contract.js';
import { CliError, type ExitCode } from './errors.js';
/** The server could not be reached (or did not answer in time). Exit 3. */
export declare class NetworkError extends CliError {
    constructor(message: string);
}
/** The server answered with an error envelope (or something that is not our API). */
export declare class ApiError extends CliError {
    readonly status: number;
    readonly code: string;
    readonly details: unknown;
    constructor(message: string, status: number, code: string, details: unknown, exitCode: ExitCode);
}
/** Worth retrying later: the server was unreachable or failed transiently (daemon queue). */
export declare function isRetryable(err: unknown): boolean;
export interface ApiClientOptions {
    /** Server base URL (`http://host:8080`; a trailing `/api/v1` is accepted too). */
    url: string;
    /** Bearer key, or null for unauthenticated calls (health). */
    apiKey: string | null;
    /** Per-request timeout in milliseconds. */
    timeoutMs: number;
    fetch?: typeof fetch;
}
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export declare class ApiClient {
    readonly baseUrl: string;
    private readonly apiKey;
    private readonly timeoutMs;
    private readonly fetchFn;
    constructor(opts: ApiClientOptions);
    /** Calls `/api/v1<path>` and returns the envelope's `data`. Throws NetworkError or ApiError. */
    request<T>(method: Method, path: string, body?: unknown, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
    /** Like request, with the whole envelope (for the server's `message`). */
    envelope<T>(method: Method, path: string, body?: unknown, query?: Record<string, string | number | boolean | undefined>): Promise<EnvelopeOf<T>>;
    health(): Promise<{
        status: string;
        version?: string;
    }>;
    register(body: RegisterEndpointBody): Promise<RegisteredEndpoint>;
    getEndpoint(id: string): Promise<EndpointDetail>;
    updateEndpoint(id: string, body: UpdateEndpointBody): Promise<EndpointView>;
    /** Reports the state; the reply carries drift (per-package lists with `details`). */
    submitState(id: string, state: StateReportBody, opts?: {
        details?: boolean;
    }): Promise<StateReportResult>;
    submitRepositories(id: string, body: RepositoriesReportBody): Promise<RepositoriesReportResult>;
    sync(id: string, body: SyncOptions): Promise<OperationWithPlan>;
    setLatest(id: string, body: SetLatestBody): Promise<SetLatestResult>;
    revert(id: string, body: RevertBody): Promise<OperationWithPlan>;
    listOperations(id: string, query?: {
        status?: OperationStatus;
        operation_type?: string;
        limit?: number;
        offset?: number;
    }): Promise<PageOf<OperationView>>;
    getOperation(id: string): Promise<OperationView>;
    progress(id: string, body: ProgressBody): Promise<OperationView>;
    complete(id: string, body: CompleteBody): Promise<OperationView>;
    fail(id: string, body: FailBody): Promise<OperationView>;
    cancel(id: string): Promise<OperationView>;
    getPool(id: string): Promise<PoolView>;
    poolStates(id: string, query?: {
        is_target?: boolean;
        endpoint_id?: string;
        kind?: 'target' | 'report';
        limit?: number;
    }): Promise<PageOf<StateSummary>>;
    getState(id: string): Promise<StateDetail>;
}
export {};
