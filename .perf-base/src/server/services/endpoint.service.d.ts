import type { PageOf } from '../../contracts/common.contract.js';
import type { EndpointDetail, EndpointListQuery, EndpointView, RegisterEndpointBody, RegisteredEndpoint, UpdateEndpointBody } from '../../contracts/endpoint.contract.js';
import type { OperationView } from '../../contracts/operation.contract.js';
import { type EndpointRow } from '../../db/endpoint.repository.js';
import { type OperationRow } from '../../db/operation.repository.js';
import { type Principal } from '../auth/principal.js';
import type { Notifier } from '../events/notifier.js';
import type { ApiKeyService } from './api-key.service.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
/** How many operations and events an endpoint's detail shows as recent activity. */
export declare const RECENT_ACTIVITY_LIMIT = 10;
export declare function toEndpointView(row: EndpointRow): EndpointView;
export declare function toOperationView(row: OperationRow): OperationView;
export declare class EndpointService {
    private readonly ctx;
    private readonly apiKeys;
    private readonly drift;
    private readonly notifier;
    constructor(ctx: ServiceContext, apiKeys: ApiKeyService, drift: DriftRefresher, notifier: Notifier);
    /**
     * Registers a machine. An enroll key bound to a pool registers into that pool only (a different
     * pool_id is refused; none means that pool). Names are unique: a taken name is a 409, never a
     * takeover of the existing endpoint.
     */
    register(body: RegisterEndpointBody, caller: Principal, actor: string): Promise<RegisteredEndpoint>;
    list(query: EndpointListQuery): Promise<PageOf<EndpointView>>;
    get(id: string): Promise<EndpointDetail>;
    /**
     * Admin: any field. The endpoint itself: name, hostname, system_info — not its pool (pools are
     * the administrator's decision). A system_info-only change by the agent is not audited (it
     * happens routinely); everything else is.
     */
    update(id: string, body: UpdateEndpointBody, caller: Principal, actor: string): Promise<EndpointView>;
    /** Deletes the endpoint with its key(s), states, repositories and operations (cascade). */
    delete(id: string, actor: string): Promise<{
        id: string;
        deleted: true;
    }>;
    private view;
    private assertNameFree;
    private uniqueName;
}
