import { checkConsistency } from '../../core/consistency.js';
import { ConflictError, InvalidStateError, NotFoundError } from '../../core/errors.js';
import { promotePackages } from '../../core/promotion.js';
import { diffStates } from '../../core/state-diff.js';
import { newId } from '../../db/dialect.js';
import { findEndpointById } from '../../db/endpoint.repository.js';
import { insertOperation } from '../../db/operation.repository.js';
import { listEndpointRepositoryHeads } from '../../db/package-repository.repository.js';
import { clearPoolTarget, findPackageStateById, findTargetState, insertPackageState } from '../../db/package-state.repository.js';
import { lockPool } from '../../db/pool.repository.js';
import { poolChannel } from '../events/notifier.js';
import { toOperationView } from './endpoint.service.js';
import { recordEvent } from './event.service.js';
import { contentHash } from './report.service.js';
import { inTransaction } from './retry.js';
export class SetLatestService {
    ctx;
    tracker;
    notifier;
    constructor(ctx, tracker, notifier) {
        this.ctx = ctx;
        this.tracker = tracker;
        this.notifier = notifier;
    }
    async setLatest(endpointId, body, actor) {
        if (body.dry_run)
            return this.preview(endpointId, body);
        return inTransaction(this.ctx, this.notifier, 'set-latest', (trx) => this.apply(trx, endpointId, body, actor));
    }
    async preview(endpointId, body) {
        const db = this.ctx.db;
        const c = await this.candidate(db, endpointId, body);
        return this.result(c, body, null, null, await this.tracker.countMembers(db, c.poolId));
    }
    async apply(trx, endpointId, body, actor) {
        const before = await findEndpointById(trx, endpointId);
        if (!before)
            throw new NotFoundError('endpoint', endpointId);
        if (!before.pool_id)
            throw this.noPool(before);
        // Serialises every target change of this pool until commit (PostgreSQL row lock; SQLite's
        // writes are serialised anyway). Everything below reads what the previous change committed.
        if (!(await lockPool(trx, before.pool_id)))
            throw new NotFoundError('pool', before.pool_id);
        const c = await this.candidate(trx, endpointId, body);
        if (c.poolId !== before.pool_id)
            throw new ConflictError(`endpoint '${c.ep.name}' moved to another pool during set-latest; retry`, { endpoint_id: endpointId });
        if (c.unsatisfied.length > 0 && !body.force)
            throw this.inconsistent(c);
        const now = this.ctx.clock.now();
        // Target history is ordered by time: a target never gets the same instant as the one before.
        const prevTime = c.previous ? Date.parse(c.previous.created_at) : Number.NEGATIVE_INFINITY;
        const at = new Date(Math.max(now.getTime(), prevTime + 1));
        const targetId = newId();
        const hash = contentHash(c.state);
        const metadata = {
            ...c.state.metadata,
            content_hash: hash,
            repositories: c.repositories,
            source_endpoint_id: c.ep.id,
            source_state_id: c.source.id,
        };
        if (c.unsatisfied.length > 0) {
            metadata.inconsistent = true;
            metadata.unsatisfied_dependencies = c.unsatisfied;
        }
        else {
            delete metadata.inconsistent;
            delete metadata.unsatisfied_dependencies;
        }
        const message = body.message ?? null;
        await clearPoolTarget(trx, c.poolId);
        await insertPackageState(trx, {
            id: targetId,
            pool_id: c.poolId,
            endpoint_id: null,
            state_data: { packages: c.state.packages, metadata },
            is_target: true,
            message,
            created_by: c.ep.name,
            created_at: at,
            content_hash: hash,
        });
        const drift = await this.tracker.recomputePool(trx, c.poolId, at);
        const counts = drift?.counts ?? (await this.tracker.countMembers(trx, c.poolId));
        const changes = diffStates(c.previous?.state_data.packages ?? {}, c.state.packages);
        const details = {
            target_state_id: targetId,
            previous_target_id: c.previous?.id ?? null,
            source_state_id: c.source.id,
            packages: body.packages ?? null,
            message,
            force: body.force ?? false,
            inconsistent: c.unsatisfied.length > 0,
            unsatisfied_dependencies: c.unsatisfied,
            total_packages: Object.keys(c.state.packages).length,
            changes: { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length },
            repositories: c.repositories,
            requested_by: actor,
        };
        const op = {
            id: newId(),
            pool_id: c.poolId,
            endpoint_id: c.ep.id,
            operation_type: 'set_as_latest',
            status: 'completed',
            progress: 100,
            details,
            error_message: null,
            started_at: now.toISOString(),
            completed_at: now.toISOString(),
            created_at: now.toISOString(),
        };
        await insertOperation(trx, op);
        await recordEvent(trx, now, actor, {
            event_type: 'pool_target_set',
            severity: c.unsatisfied.length > 0 ? 'warning' : 'info',
            message: `endpoint '${c.ep.name}' set ${body.packages ? `${body.packages.length} package(s)` : 'its state'} as the pool's target${c.unsatisfied.length > 0 ? ` (forced: ${c.unsatisfied.length} unsatisfied dependencies)` : ''}`,
            pool_id: c.poolId,
            endpoint_id: c.ep.id,
            details: { target_state_id: targetId, previous_target_id: c.previous?.id ?? null, operation_id: op.id, source_state_id: c.source.id, inconsistent: c.unsatisfied.length > 0 },
        });
        this.notifier.queue({
            type: 'pool_update',
            channels: [poolChannel(c.poolId)],
            data: {
                pool_id: c.poolId,
                reason: 'target_set',
                target_state_id: targetId,
                previous_target_id: c.previous?.id ?? null,
                created_by: c.ep.name,
                message,
                total_packages: details.total_packages,
                counts,
            },
        });
        return this.result(c, body, { id: targetId, created_at: at.toISOString(), created_by: c.ep.name, message, endpoint_id: null, total_packages: Object.keys(c.state.packages).length }, op, counts);
    }
    /** What would become the target, with its consistency and the repository snapshot. */
    async candidate(db, endpointId, body) {
        const ep = await findEndpointById(db, endpointId);
        if (!ep)
            throw new NotFoundError('endpoint', endpointId);
        if (!ep.pool_id)
            throw this.noPool(ep);
        const source = ep.current_state_id ? await findPackageStateById(db, ep.current_state_id) : undefined;
        if (!source) {
            throw new InvalidStateError(`endpoint '${ep.name}' has not reported its package state yet (POST /endpoints/${ep.id}/state)`, { endpoint_id: ep.id });
        }
        const previous = await findTargetState(db, ep.pool_id);
        let state;
        let unsatisfied;
        if (body.packages !== undefined) {
            const promoted = promotePackages(previous?.state_data ?? null, source.state_data, body.packages);
            state = promoted.state;
            unsatisfied = promoted.unsatisfied;
        }
        else {
            state = source.state_data;
            unsatisfied = checkConsistency(state.packages);
        }
        return { ep, poolId: ep.pool_id, source, previous, state, unsatisfied, repositories: await this.repositories(db, ep, source) };
    }
    /**
     * The sync databases the target was taken against: those the agent sent with its state, and
     * for names it did not send, the endpoint's latest repository report.
     */
    async repositories(db, ep, source) {
        const out = [...(source.state_data.metadata.repositories ?? [])];
        const known = new Set(out.map((r) => r.name));
        const pos = (m) => m.position ?? Number.MAX_SAFE_INTEGER;
        const heads = (await listEndpointRepositoryHeads(db, ep.id)).sort((a, b) => pos(a.metadata) - pos(b.metadata));
        for (const h of heads) {
            if (known.has(h.repo_name))
                continue;
            out.push({ name: h.repo_name, server: h.repo_url, db_hash: h.metadata.db_hash ?? null, db_date: h.metadata.last_sync ?? null });
        }
        return out;
    }
    result(c, body, target, op, counts) {
        const changes = diffStates(c.previous?.state_data.packages ?? {}, c.state.packages);
        return {
            dry_run: op === null,
            applied: op !== null || c.unsatisfied.length === 0 || (body.force ?? false),
            pool_id: c.poolId,
            target_state: target,
            previous_target_id: c.previous?.id ?? null,
            source_state_id: c.source.id,
            packages: body.packages ?? null,
            total_packages: Object.keys(c.state.packages).length,
            changes: { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length },
            inconsistent: c.unsatisfied.length > 0,
            unsatisfied_dependencies: c.unsatisfied,
            repositories: c.repositories,
            operation: op ? toOperationView(op) : null,
            pool_drift: counts,
        };
    }
    noPool(ep) {
        return new InvalidStateError(`endpoint '${ep.name}' is in no pool: assign it to a pool before setting its state as latest`, { endpoint_id: ep.id });
    }
    inconsistent(c) {
        const shown = c.unsatisfied.slice(0, 10).map((u) => `${u.package} needs ${u.dependency}`);
        const more = c.unsatisfied.length > shown.length ? ` and ${c.unsatisfied.length - shown.length} more` : '';
        return new InvalidStateError(`the new target would not be consistent (Arch does not support partial upgrades): ${shown.join('; ')}${more}. Promote the missing dependencies too, or use force to store it flagged`, { unsatisfied_dependencies: c.unsatisfied, pool_id: c.poolId });
    }
}
//# sourceMappingURL=set-latest.service.js.map