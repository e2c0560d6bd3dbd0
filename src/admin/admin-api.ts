// The public API as `pacsync-admin` uses it: every route it calls is in ROUTES (a test checks each
// against the server's OpenAPI document), and every request and answer is typed by src/contracts,
// so the command line and the API cannot drift apart. Transport, TLS and error → exit code come
// from the agent's client (src/agent/api-client.ts): network 3, 401/403 5, other refusals 1; here
// a 409 (a conflict: name taken, operation in progress) becomes 4.
import { ApiClient, ApiError } from '../agent/api-client.js';
import { EXIT } from '../agent/errors.js';
import type { AnalysisView } from '../contracts/analysis.contract.js';
import type { PageOf } from '../contracts/common.contract.js';
import type { EndpointDeleted, EndpointDetail, EndpointListQuery, EndpointView } from '../contracts/endpoint.contract.js';
import type { EventListQuery, EventView } from '../contracts/event.contract.js';
import type { CreatedKey, CreateKeyBody, KeyListQuery, KeyView } from '../contracts/key.contract.js';
import type { OperationListQuery, OperationView, SyncOptions } from '../contracts/operation.contract.js';
import type {
  CreatePoolBody,
  PoolDeleted,
  PoolDetail,
  PoolListQuery,
  PoolView,
  RevertTargetBody,
  TargetReverted,
  UpdatePoolBody,
} from '../contracts/pool.contract.js';
import type { PoolStatesQuery, StateDiff, StateSummary } from '../contracts/state.contract.js';
import type { SyncAllResult } from '../contracts/sync.contract.js';
import type { ConnectionSettings } from './settings.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Every route the admin command line calls: method and OpenAPI path (under /api/v1). */
export const ROUTES = {
  listPools: ['GET', '/pools'],
  getPool: ['GET', '/pools/{id}'],
  createPool: ['POST', '/pools'],
  updatePool: ['PUT', '/pools/{id}'],
  deletePool: ['DELETE', '/pools/{id}'],
  assign: ['POST', '/pools/{id}/endpoints'],
  unassign: ['DELETE', '/pools/{id}/endpoints/{eid}'],
  poolStates: ['GET', '/pools/{id}/states'],
  revertTarget: ['POST', '/pools/{id}/revert-target'],
  syncAll: ['POST', '/pools/{id}/sync-all'],
  poolOperations: ['GET', '/pools/{id}/operations'],
  analyze: ['POST', '/pools/{id}/analyze'],
  analysis: ['GET', '/pools/{id}/analysis'],
  listEndpoints: ['GET', '/endpoints'],
  getEndpoint: ['GET', '/endpoints/{id}'],
  deleteEndpoint: ['DELETE', '/endpoints/{id}'],
  approve: ['POST', '/endpoints/{id}/approve'],
  reject: ['POST', '/endpoints/{id}/reject'],
  endpointOperations: ['GET', '/endpoints/{id}/operations'],
  diff: ['GET', '/states/{a}/diff/{b}'],
  getOperation: ['GET', '/operations/{id}'],
  cancelOperation: ['POST', '/operations/{id}/cancel'],
  events: ['GET', '/events'],
  listKeys: ['GET', '/keys'],
  createKey: ['POST', '/keys'],
  revokeKey: ['DELETE', '/keys/{id}'],
} as const satisfies Record<string, readonly [Method, string]>;

type RouteName = keyof typeof ROUTES;
type Query = Record<string, string | number | boolean | undefined>;

export class AdminApi {
  private readonly client: ApiClient;

  constructor(settings: ConnectionSettings) {
    this.client = new ApiClient({ url: settings.url, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs, transport: settings.transport });
  }

  get baseUrl(): string {
    return this.client.baseUrl;
  }

  private async call<T>(route: RouteName, params: Record<string, string>, body?: unknown, query?: object): Promise<T> {
    const [method, template] = ROUTES[route];
    const path = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
    try {
      return await this.client.request<T>(method, path, body, query as Query | undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) throw new ApiError(err.message, err.status, err.code, err.details, EXIT.CONFLICT);
      throw err;
    }
  }

  listPools(q: PoolListQuery): Promise<PageOf<PoolView>> {
    return this.call('listPools', {}, undefined, q);
  }
  getPool(id: string): Promise<PoolDetail> {
    return this.call('getPool', { id });
  }
  createPool(body: CreatePoolBody): Promise<PoolView> {
    return this.call('createPool', {}, body);
  }
  updatePool(id: string, body: UpdatePoolBody): Promise<PoolView> {
    return this.call('updatePool', { id }, body);
  }
  deletePool(id: string, force: boolean): Promise<PoolDeleted> {
    return this.call('deletePool', { id }, undefined, force ? { force: true } : {});
  }
  assign(poolId: string, endpointId: string): Promise<EndpointView> {
    return this.call('assign', { id: poolId }, { endpoint_id: endpointId });
  }
  unassign(poolId: string, endpointId: string): Promise<EndpointView> {
    return this.call('unassign', { id: poolId, eid: endpointId });
  }
  poolStates(id: string, q: PoolStatesQuery): Promise<PageOf<StateSummary>> {
    return this.call('poolStates', { id }, undefined, q);
  }
  revertTarget(id: string, body: RevertTargetBody): Promise<TargetReverted> {
    return this.call('revertTarget', { id }, body);
  }
  syncAll(id: string, body: SyncOptions): Promise<SyncAllResult> {
    return this.call('syncAll', { id }, body);
  }
  poolOperations(id: string, q: OperationListQuery): Promise<PageOf<OperationView>> {
    return this.call('poolOperations', { id }, undefined, q);
  }
  analyze(id: string): Promise<AnalysisView> {
    return this.call('analyze', { id }, {});
  }
  analysis(id: string): Promise<AnalysisView> {
    return this.call('analysis', { id });
  }
  listEndpoints(q: EndpointListQuery): Promise<PageOf<EndpointView>> {
    return this.call('listEndpoints', {}, undefined, q);
  }
  getEndpoint(id: string): Promise<EndpointDetail> {
    return this.call('getEndpoint', { id });
  }
  deleteEndpoint(id: string): Promise<EndpointDeleted> {
    return this.call('deleteEndpoint', { id });
  }
  approve(id: string): Promise<EndpointView> {
    return this.call('approve', { id }, {});
  }
  reject(id: string): Promise<EndpointView> {
    return this.call('reject', { id }, {});
  }
  endpointOperations(id: string, q: OperationListQuery): Promise<PageOf<OperationView>> {
    return this.call('endpointOperations', { id }, undefined, q);
  }
  diff(a: string, b: string): Promise<StateDiff> {
    return this.call('diff', { a, b });
  }
  getOperation(id: string): Promise<OperationView> {
    return this.call('getOperation', { id });
  }
  cancelOperation(id: string): Promise<OperationView> {
    return this.call('cancelOperation', { id }, {});
  }
  events(q: EventListQuery): Promise<PageOf<EventView>> {
    return this.call('events', {}, undefined, q);
  }
  listKeys(q: KeyListQuery): Promise<KeyView[]> {
    return this.call('listKeys', {}, undefined, q);
  }
  createKey(body: CreateKeyBody): Promise<CreatedKey> {
    return this.call('createKey', {}, body);
  }
  revokeKey(id: string): Promise<KeyView> {
    return this.call('revokeKey', { id });
  }
}
