// The services of one app instance, built once in buildApp and reached by routes through
// `app.deps.services`. Part of the API surface for later route modules: add new services here.
import type { ServiceContext } from './context.js';
import { ApiKeyService } from './api-key.service.js';
import type { DriftRefresher } from './drift-refresher.js';
import { DriftService } from './drift.service.js';
import { EndpointService } from './endpoint.service.js';
import { EventService } from './event.service.js';
import { PoolService } from './pool.service.js';
import { StateService } from './state.service.js';

export interface Services {
  apiKeys: ApiKeyService;
  pools: PoolService;
  endpoints: EndpointService;
  states: StateService;
  events: EventService;
  /** Recomputes members' drift after target/membership changes (see drift-refresher.ts). */
  drift: DriftRefresher;
}

export function createServices(ctx: ServiceContext, drift: DriftRefresher = new DriftService()): Services {
  const apiKeys = new ApiKeyService(ctx);
  return {
    apiKeys,
    pools: new PoolService(ctx, drift),
    endpoints: new EndpointService(ctx, apiKeys, drift),
    states: new StateService(ctx),
    events: new EventService(ctx),
    drift,
  };
}
