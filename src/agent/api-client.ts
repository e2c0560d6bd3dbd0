// The agent's client of the server's public API (README "API keys and the HTTP API"): fetch with a
// Bearer key and the configured timeout, request/response types from src/contracts, and every
// failure mapped to the agent's exit codes (README "Agent (`pacsync`)"):
//   network (refused, DNS, TLS, timeout)      NetworkError  exit 3
//   401 AUTHENTICATION_REQUIRED, 403          ApiError      exit 5
//   anything else the server refuses          ApiError      exit 1, with the server's message
// The key only ever goes into the Authorization header: no message, log line or error built here
// contains it.
import type { EnvelopeOf, PageOf } from '../contracts/common.contract.js';
import type { EndpointDetail, EndpointView, RegisteredEndpoint, RegisterEndpointBody, UpdateEndpointBody } from '../contracts/endpoint.contract.js';
import type {
  CompleteBody,
  FailBody,
  OperationStatus,
  OperationView,
  ProgressBody,
  RevertBody,
  SetLatestBody,
  SyncOptions,
} from '../contracts/operation.contract.js';
import type { RepositoriesReportBody, StateReportRequest } from '../contracts/package.contract.js';
import type { PoolView } from '../contracts/pool.contract.js';
import type { RepositoriesReportResult, StateReportResult } from '../contracts/report.contract.js';
import type { OperationWithPlan, SetLatestResult } from '../contracts/sync.contract.js';
import type { StateDetail, StateSummary } from '../contracts/state.contract.js';
import { CliError, EXIT, type ExitCode } from './errors.js';
import { checkServerUrl, verifiedFetch, type TransportOptions } from './transport.js';

/** The server could not be reached (or did not answer in time). Exit 3. */
export class NetworkError extends CliError {
  constructor(message: string) {
    super(message, EXIT.NETWORK);
    this.name = 'NetworkError';
  }
}

/** The server answered with an error envelope (or something that is not our API). */
export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: unknown,
    exitCode: ExitCode,
  ) {
    super(message, exitCode);
    this.name = 'ApiError';
  }
}

/** Worth retrying later: the server was unreachable or failed transiently (daemon queue). */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof ApiError && (err.status >= 500 || err.status === 429);
}

export interface ApiClientOptions {
  /** Server base URL (`http://host:8080`; a trailing `/api/v1` is accepted too). */
  url: string;
  /** Bearer key, or null for unauthenticated calls (health). */
  apiKey: string | null;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** http to other machines, the server's CA (transport.ts); checked when the client is made. */
  transport?: TransportOptions;
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /**
   * Sent as `Idempotency-Key`: the same key on every retry of one report, so that a retry of a
   * request the server carried out (its answer lost to a crash or a timeout) writes nothing new
   * and answers as the first did.
   */
  idempotencyKey?: string;
}

/** One line for a failed fetch: `connection refused`, `timed out after 30 s`, … */
function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.cause?.name === 'TimeoutError') {
    return `timed out after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  }
  const code = e.cause?.code ?? e.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'timed out';
    default:
      if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return `TLS error (${code})`;
      // fetch refuses the Fetch standard's "bad ports" (6000 for X11, 6665-6669 for IRC, …).
      if ((e.cause?.message ?? e.message) === 'bad port')
        return 'the port is one that fetch refuses to use (the Fetch standard\'s "bad ports"): run the server on another port';
      return (e.cause?.message ?? e.message ?? String(err)).split('\n')[0] ?? 'request failed';
  }
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly apiKey: string | null;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = opts.url.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    checkServerUrl(this.baseUrl, opts.transport ?? {});
    this.apiKey = opts.apiKey;
    this.timeoutMs = opts.timeoutMs;
    this.fetchFn = opts.fetch ?? verifiedFetch(opts.transport ?? {});
  }

  /** Calls `/api/v1<path>` and returns the envelope's `data`. Throws NetworkError or ApiError. */
  async request<T>(
    method: Method,
    path: string,
    body?: unknown,
    query?: Record<string, string | number | boolean | undefined>,
    opts: RequestOptions = {},
  ): Promise<T> {
    return (await this.envelope<T>(method, path, body, query, opts)).data;
  }

  /** Like request, with the whole envelope (for the server's `message`). */
  async envelope<T>(
    method: Method,
    path: string,
    body?: unknown,
    query?: Record<string, string | number | boolean | undefined>,
    opts: RequestOptions = {},
  ): Promise<EnvelopeOf<T>> {
    const url = new URL(`${this.baseUrl}/api/v1${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.apiKey !== null) headers.authorization = `Bearer ${this.apiKey}`;
    if (opts.idempotencyKey !== undefined) headers['idempotency-key'] = opts.idempotencyKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new NetworkError(`cannot reach the server at ${this.baseUrl}: ${describeFetchError(err, this.timeoutMs)}`);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const env = parsed as { success?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
    if (res.ok && env?.success === true) return env as EnvelopeOf<T>;
    if (env?.success === false && env.error && typeof env.error.message === 'string') {
      const code = typeof env.error.code === 'string' ? env.error.code : `HTTP_${res.status}`;
      const auth = res.status === 401 || res.status === 403;
      const what = res.status === 401 ? 'authentication failed' : res.status === 403 ? 'permission denied' : 'server refused';
      throw new ApiError(`${what}: ${env.error.message} (${code})`, res.status, code, env.error.details, auth ? EXIT.AUTH : EXIT.ERROR);
    }
    if (res.status === 401 || res.status === 403) {
      throw new ApiError(`authentication failed: HTTP ${res.status} from ${this.baseUrl}`, res.status, `HTTP_${res.status}`, null, EXIT.AUTH);
    }
    // Not our API: a proxy's error page, another service on that port, a server of another version.
    if (res.status >= 300 && res.status < 400) {
      // Not followed (transport.ts): the configured URL should be the server's own address.
      const to = res.headers.get('location');
      throw new ApiError(
        `the server at ${this.baseUrl} answered with a redirect${to ? ` to ${to.split('?')[0]}` : ''}, ` +
          `which is not followed: set [server] url to the final address`,
        res.status,
        `HTTP_${res.status}`,
        null,
        EXIT.ERROR,
      );
    }
    const exit = res.status === 502 || res.status === 503 || res.status === 504 ? EXIT.NETWORK : EXIT.ERROR;
    const msg = `unexpected answer from ${this.baseUrl}: HTTP ${res.status}${res.ok ? ' without the API envelope' : ''}`;
    if (exit === EXIT.NETWORK) throw new NetworkError(`cannot reach the server at ${this.baseUrl}: ${msg}`);
    throw new ApiError(msg, res.status, `HTTP_${res.status}`, null, exit);
  }

  // ---- health (public) ----
  health(): Promise<{ status: string; version?: string }> {
    return this.request('GET', '/health/live');
  }

  // ---- endpoints ----
  register(body: RegisterEndpointBody): Promise<RegisteredEndpoint> {
    return this.request('POST', '/endpoints', body);
  }
  getEndpoint(id: string): Promise<EndpointDetail> {
    return this.request('GET', `/endpoints/${encodeURIComponent(id)}`);
  }
  updateEndpoint(id: string, body: UpdateEndpointBody): Promise<EndpointView> {
    return this.request('PUT', `/endpoints/${encodeURIComponent(id)}`, body);
  }
  /**
   * Reports the state (or only the content hash of an unchanged one: state-report.ts); the reply
   * carries drift (per-package lists with `details`).
   */
  submitState(id: string, state: StateReportRequest, opts: { details?: boolean } & RequestOptions = {}): Promise<StateReportResult> {
    return this.request('POST', `/endpoints/${encodeURIComponent(id)}/state`, state, opts.details ? { details: true } : undefined, opts);
  }
  submitRepositories(id: string, body: RepositoriesReportBody): Promise<RepositoriesReportResult> {
    return this.request('POST', `/endpoints/${encodeURIComponent(id)}/repositories`, body);
  }

  // ---- operations an endpoint starts ----
  sync(id: string, body: SyncOptions): Promise<OperationWithPlan> {
    return this.request('POST', `/endpoints/${encodeURIComponent(id)}/sync`, body);
  }
  setLatest(id: string, body: SetLatestBody): Promise<SetLatestResult> {
    return this.request('POST', `/endpoints/${encodeURIComponent(id)}/set-latest`, body);
  }
  revert(id: string, body: RevertBody): Promise<OperationWithPlan> {
    return this.request('POST', `/endpoints/${encodeURIComponent(id)}/revert`, body);
  }
  listOperations(
    id: string,
    query: { status?: OperationStatus; operation_type?: string; limit?: number; offset?: number } = {},
  ): Promise<PageOf<OperationView>> {
    return this.request('GET', `/endpoints/${encodeURIComponent(id)}/operations`, undefined, query);
  }
  getOperation(id: string): Promise<OperationView> {
    return this.request('GET', `/operations/${encodeURIComponent(id)}`);
  }
  progress(id: string, body: ProgressBody, opts: RequestOptions = {}): Promise<OperationView> {
    return this.request('POST', `/operations/${encodeURIComponent(id)}/progress`, body, undefined, opts);
  }
  complete(id: string, body: CompleteBody, opts: RequestOptions = {}): Promise<OperationView> {
    return this.request('POST', `/operations/${encodeURIComponent(id)}/complete`, body, undefined, opts);
  }
  fail(id: string, body: FailBody, opts: RequestOptions = {}): Promise<OperationView> {
    return this.request('POST', `/operations/${encodeURIComponent(id)}/fail`, body, undefined, opts);
  }
  cancel(id: string): Promise<OperationView> {
    return this.request('POST', `/operations/${encodeURIComponent(id)}/cancel`, {});
  }

  // ---- pool and states ----
  getPool(id: string): Promise<PoolView> {
    return this.request('GET', `/pools/${encodeURIComponent(id)}`);
  }
  poolStates(
    id: string,
    query: { is_target?: boolean; endpoint_id?: string; kind?: 'target' | 'report'; limit?: number } = {},
  ): Promise<PageOf<StateSummary>> {
    return this.request('GET', `/pools/${encodeURIComponent(id)}/states`, undefined, query);
  }
  getState(id: string): Promise<StateDetail> {
    return this.request('GET', `/states/${encodeURIComponent(id)}`);
  }
}
