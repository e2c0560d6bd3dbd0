// Keeps members' drift current (SPEC §4): after a target change every member of the pool, after
// a membership change the one endpoint, is compared with its pool's target (src/core/drift.ts)
// and its package_summary and sync_status are stored; a pool recomputation also appends one
// drift_history row with the members per sync_status. Runs inside the caller's transaction.
import { computeDrift, prepareTarget } from '../../core/drift.js';
import { newId } from '../../db/dialect.js';
import { insertDriftHistory } from '../../db/drift-history.repository.js';
import { findEndpointById, listDriftMembers, updateEndpointDrift } from '../../db/endpoint.repository.js';
import { findStateDataByIds, findTargetState } from '../../db/package-state.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import { completeSettings } from './pool-settings.js';
/** Members' states are loaded this many at a time, so a large pool never sits in memory at once. */
const STATE_BATCH = 100;
function summaryOf(result) {
    const { sync_status: _status, details: _details, ...counts } = result;
    return counts;
}
export class DriftService {
    /** The pool's target prepared with its exclusions and removal policy, or null without one. */
    async preparedTarget(db, poolId) {
        const [pool, target] = await Promise.all([findPoolById(db, poolId), findTargetState(db, poolId)]);
        if (!pool || !target)
            return null;
        const settings = completeSettings(pool.settings);
        return prepareTarget(target.state_data, {
            exclusions: { packages: settings.excluded_packages, repos: settings.excluded_repos },
            remove_extra: settings.remove_extra,
        });
    }
    async refreshPool(db, poolId, at) {
        const target = await this.preparedTarget(db, poolId);
        const members = await listDriftMembers(db, poolId);
        const counts = { in_sync: 0, behind: 0, ahead: 0, sync_pending: 0, unknown: 0 };
        for (let i = 0; i < members.length; i += STATE_BATCH) {
            const batch = members.slice(i, i + STATE_BATCH);
            for (const status of await this.apply(db, target, batch, at))
                counts[status] = (counts[status] ?? 0) + 1;
        }
        await insertDriftHistory(db, {
            id: newId(),
            pool_id: poolId,
            in_sync: counts.in_sync ?? 0,
            behind: counts.behind ?? 0,
            ahead: counts.ahead ?? 0,
            sync_pending: counts.sync_pending ?? 0,
            unknown: counts.unknown ?? 0,
            total: members.length,
            created_at: at,
        });
    }
    async refreshEndpoint(db, endpointId, at) {
        const ep = await findEndpointById(db, endpointId);
        if (!ep)
            return;
        const target = ep.pool_id ? await this.preparedTarget(db, ep.pool_id) : null;
        await this.apply(db, target, [ep], at);
    }
    /** Computes and stores the drift of `members`; returns their new sync statuses. */
    async apply(db, target, members, at) {
        const ids = members.map((m) => m.current_state_id).filter((id) => id !== null);
        const states = target ? await findStateDataByIds(db, ids) : new Map();
        const statuses = [];
        for (const m of members) {
            const state = m.current_state_id ? (states.get(m.current_state_id) ?? null) : null;
            const result = computeDrift(target, state, { sync_pending: m.sync_status === 'sync_pending' });
            // Without a target or a report there is nothing to count: an empty summary, not zeros.
            const summary = target && state ? summaryOf(result) : {};
            await updateEndpointDrift(db, m.id, { sync_status: result.sync_status, package_summary: summary }, at);
            statuses.push(result.sync_status);
        }
        return statuses;
    }
}
//# sourceMappingURL=drift.service.js.map