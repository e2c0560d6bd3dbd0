import type { RevertBody, SyncOptions } from '../../contracts/operation.contract.js';
import type { OperationWithPlan, SyncAllResult } from '../../contracts/sync.contract.js';
import { DomainError } from '../../core/errors.js';
import { type OperationRow } from '../../db/operation.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { type Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftTracker } from './drift-tracker.service.js';
/** 409 SYNC_IN_PROGRESS naming the operation that is in the way. */
export declare function syncInProgress(ep: {
    id: string;
    name: string;
}, active: Pick<OperationRow, 'id' | 'operation_type' | 'status'> | null): DomainError;
/** The message a sync/revert operation sends subscribers when it changes. */
export declare function operationNotice(op: Pick<OperationRow, 'id' | 'endpoint_id' | 'pool_id' | 'operation_type' | 'status' | 'progress' | 'error_message'>, extra?: JsonObject): {
    type: "operation_progress";
    channels: string[];
    data: {
        operation_id: string;
        endpoint_id: string | null;
        pool_id: string | null;
        operation_type: string;
        status: string;
        progress: number;
        error_message: string | null;
    };
};
export declare class SyncService {
    private readonly ctx;
    private readonly tracker;
    private readonly notifier;
    constructor(ctx: ServiceContext, tracker: DriftTracker, notifier: Notifier);
    /** `POST /endpoints/{id}/sync`. */
    sync(endpointId: string, body: SyncOptions, actor: string): Promise<OperationWithPlan>;
    /** `POST /pools/{id}/sync-all`: a sync for every member; members that cannot get one are listed. */
    syncAll(poolId: string, body: SyncOptions, actor: string): Promise<SyncAllResult>;
    /** `POST /endpoints/{id}/revert`: back to the state before the last sync, or `target_state_id`. */
    revert(endpointId: string, body: RevertBody, actor: string): Promise<OperationWithPlan>;
    /** The endpoint, locked first when an operation will be created (see the file comment). */
    private endpoint;
    private poolTarget;
    private currentState;
    private createSync;
    /** Stores the operation (pending, or completed for a dry run) and marks the endpoint sync_pending. */
    private insert;
}
