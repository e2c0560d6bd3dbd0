// Drift, kept current (SPEC §4 "Drift"): the real DriftRefresher. Every report, target change,
// membership change and operation transition recomputes the affected endpoints' drift with
// src/core/drift.ts and stores it in endpoints.package_summary / sync_status; a change of a
// member's sync_status samples the pool's counts into drift_history (only when they differ from
// the latest sample, keeping the newest DRIFT_HISTORY_MAX_SAMPLES per pool), and queues a
// `sync_status` message (published after commit, see events/notifier.ts).
//
// Prepared targets are cached by (target id, exclusion settings): target rows never change
// after insert, so the cache only saves re-reading and re-indexing the target on every report.
//
// `sync_pending` comes from the endpoint's active operation (not from the stored status); member
// rows are locked before their states are read, so a concurrent report is either seen or waits.
import { DRIFT_HISTORY_MAX_SAMPLES } from '../../contracts/analysis.contract.js';
import { NotFoundError } from '../../core/errors.js';
import { computeDrift, prepareTarget } from '../../core/drift.js';
import { newId } from '../../db/dialect.js';
import { findMemberState, insertDriftSample, latestDriftSample, listDriftHistory, listMemberStates, lockEndpoint, lockPoolMembers, pruneDriftHistory, } from '../../db/drift.repository.js';
import { updateEndpointDrift } from '../../db/endpoint.repository.js';
import { endpointsWithActiveOperation, findActiveOperation } from '../../db/operation.repository.js';
import { findPackageStateById, findTargetSummary } from '../../db/package-state.repository.js';
import { findPoolById, poolMemberCounts } from '../../db/pool.repository.js';
import { endpointChannels, poolChannel } from '../events/notifier.js';
import { completeSettings } from './pool-settings.js';
const MEMBER_BATCH = 200;
const TARGET_CACHE_SIZE = 16;
const COUNT_KEYS = ['total_packages', 'target_packages', 'in_sync', 'missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded'];
function countsOf(d) {
    const out = {};
    for (const k of COUNT_KEYS)
        out[k] = d[k];
    return out;
}
/** A stored package_summary read back as counts (zeros for what it lacks, e.g. `{}` when unknown). */
export function driftFromSummary(summary, totalPackages) {
    const out = {};
    for (const k of COUNT_KEYS) {
        const v = summary?.[k];
        out[k] = typeof v === 'number' ? v : 0;
    }
    if (totalPackages !== undefined && typeof summary?.total_packages !== 'number')
        out.total_packages = totalPackages;
    return out;
}
export class DriftTracker {
    ctx;
    notifier;
    maxSamples;
    targets = new Map();
    constructor(ctx, notifier, maxSamples = DRIFT_HISTORY_MAX_SAMPLES) {
        this.ctx = ctx;
        this.notifier = notifier;
        this.maxSamples = maxSamples;
    }
    // ---- DriftRefresher (called by other services inside their transactions) ----
    async refreshPool(db, poolId, at) {
        const r = await this.recomputePool(db, poolId, at);
        if (r)
            this.notifier.queue({ type: 'pool_update', channels: [poolChannel(poolId)], data: { pool_id: poolId, reason: 'pool_changed', target_state_id: r.target_state_id, counts: r.counts } });
    }
    async refreshEndpoint(db, endpointId, at) {
        await this.recomputeEndpoint(db, endpointId, at);
    }
    // ---- recomputation ----
    /** The pool's settings and prepared target (cached), or null when the pool does not exist. */
    async poolContext(db, poolId) {
        const pool = await findPoolById(db, poolId);
        if (!pool)
            return null;
        const settings = completeSettings(pool.settings);
        const summary = await findTargetSummary(db, poolId);
        if (!summary)
            return { poolId, settings, targetId: null, target: null };
        const key = `${summary.id}\n${JSON.stringify([settings.excluded_packages, settings.excluded_repos, settings.remove_extra])}`;
        let target = this.targets.get(key);
        if (target) {
            this.targets.delete(key); // keep recently used entries last
        }
        else {
            const row = await findPackageStateById(db, summary.id);
            if (!row)
                return { poolId, settings, targetId: null, target: null };
            target = prepareTarget(row.state_data, {
                exclusions: { packages: settings.excluded_packages, repos: settings.excluded_repos },
                remove_extra: settings.remove_extra,
            });
            if (this.targets.size >= TARGET_CACHE_SIZE)
                this.targets.delete(this.targets.keys().next().value);
        }
        this.targets.set(key, target);
        return { poolId, settings, targetId: summary.id, target };
    }
    /**
     * Recomputes one endpoint against its pool's target and stores the result. `state` stands in
     * for its stored current state when the caller has it parsed already; `details` adds the
     * per-package lists to the answer (they are never stored).
     */
    async recomputeEndpoint(db, endpointId, at, opts = {}) {
        // Locked before anything is read, so a concurrent target change is either seen or waits.
        if (!(await lockEndpoint(db, endpointId)))
            return null;
        const m = await findMemberState(db, endpointId, opts.state === undefined);
        if (!m)
            return null;
        const pctx = m.pool_id ? await this.poolContext(db, m.pool_id) : null;
        const pending = (await findActiveOperation(db, endpointId)) !== undefined;
        return this.apply(db, m, pctx, opts.state ?? m.state_data, pending, at, opts.details ?? false);
    }
    /** Recomputes every member of the pool (after a target or settings change). */
    async recomputePool(db, poolId, at) {
        await lockPoolMembers(db, poolId);
        const pctx = await this.poolContext(db, poolId);
        if (!pctx)
            return null;
        const active = await endpointsWithActiveOperation(db, poolId);
        let after = null;
        let members = 0;
        let changed = 0;
        let statusChanged = false;
        for (;;) {
            const batch = await listMemberStates(db, poolId, after, MEMBER_BATCH);
            for (const m of batch) {
                const before = { status: m.sync_status, summary: JSON.stringify(m.package_summary) };
                const r = await this.apply(db, m, pctx, m.state_data, active.has(m.id), at, false, false);
                members++;
                if (r.sync_status !== before.status)
                    statusChanged = true;
                if (r.sync_status !== before.status || JSON.stringify(this.summaryOf(pctx, m, r)) !== before.summary)
                    changed++;
            }
            if (batch.length < MEMBER_BATCH)
                break;
            after = batch[batch.length - 1].id;
        }
        const counts = statusChanged ? await this.sample(db, poolId, at) : await this.countMembers(db, poolId);
        return { pool_id: poolId, target_state_id: pctx.targetId, members, changed, counts };
    }
    summaryOf(pctx, m, r) {
        if (!pctx?.target || m.state_data === null)
            return {};
        return { ...countsOf(r.drift), target_state_id: pctx.targetId, state_id: m.current_state_id };
    }
    async apply(db, m, pctx, state, pending, at, details, sampleOnChange = true) {
        const result = computeDrift(pctx?.target ?? null, state, { sync_pending: pending, details });
        const known = pctx?.target != null && state !== null;
        const drift = countsOf(result);
        if (result.details)
            drift.details = result.details;
        const summary = known ? { ...countsOf(result), target_state_id: pctx?.targetId ?? null, state_id: m.current_state_id } : {};
        const statusChanged = result.sync_status !== m.sync_status;
        const summaryChanged = JSON.stringify(summary) !== JSON.stringify(m.package_summary);
        if (statusChanged || summaryChanged) {
            await updateEndpointDrift(db, m.id, { sync_status: result.sync_status, package_summary: summary }, at);
            const before = driftFromSummary(m.package_summary);
            const countsChanged = COUNT_KEYS.some((k) => before[k] !== drift[k]);
            if (statusChanged || countsChanged) {
                this.notifier.queue({
                    type: 'sync_status',
                    channels: endpointChannels(m.id, m.pool_id),
                    data: {
                        endpoint_id: m.id,
                        endpoint_name: m.name,
                        pool_id: m.pool_id,
                        sync_status: result.sync_status,
                        previous_sync_status: m.sync_status,
                        target_state_id: pctx?.targetId ?? null,
                        package_summary: known ? countsOf(result) : null,
                    },
                });
            }
            if (statusChanged && sampleOnChange && m.pool_id)
                await this.sample(db, m.pool_id, at);
        }
        // The row is now what was stored (recomputePool compares against it).
        return { endpoint_id: m.id, pool_id: m.pool_id, target_state_id: known ? (pctx?.targetId ?? null) : null, sync_status: result.sync_status, drift };
    }
    // ---- drift history ----
    async countMembers(db, poolId) {
        const c = await poolMemberCounts(db, poolId);
        const by = c.bySyncStatus;
        return { in_sync: by.in_sync ?? 0, behind: by.behind ?? 0, ahead: by.ahead ?? 0, sync_pending: by.sync_pending ?? 0, unknown: by.unknown ?? 0, total: c.total };
    }
    /**
     * Stores the pool's current counts when they differ from its latest sample. Sample times
     * strictly increase per pool (a sample in the same millisecond as the latest goes 1 ms later),
     * so "latest" and pruning are exact.
     */
    async sample(db, poolId, at) {
        const counts = await this.countMembers(db, poolId);
        const latest = await latestDriftSample(db, poolId);
        if (latest && Object.keys(counts).every((k) => latest[k] === counts[k]))
            return counts;
        let time = at.getTime();
        if (latest && Date.parse(latest.created_at) >= time)
            time = Date.parse(latest.created_at) + 1;
        await insertDriftSample(db, { id: newId(), pool_id: poolId, created_at: new Date(time).toISOString(), ...counts });
        await pruneDriftHistory(db, poolId, this.maxSamples);
        return counts;
    }
    async history(poolId, query) {
        if (!(await findPoolById(this.ctx.db, poolId)))
            throw new NotFoundError('pool', poolId);
        const rows = await listDriftHistory(this.ctx.db, poolId, { since: query.since, limit: query.limit ?? 1000 });
        return {
            pool_id: poolId,
            samples: rows.map((r) => ({
                timestamp: r.created_at,
                in_sync: r.in_sync,
                behind: r.behind,
                ahead: r.ahead,
                sync_pending: r.sync_pending,
                unknown: r.unknown,
                total: r.total,
            })),
            max_samples: this.maxSamples,
        };
    }
}
//# sourceMappingURL=drift-tracker.service.js.map