// Repository compatibility analysis of a pool (README "API keys and the HTTP API":
// `POST /pools/{id}/analyze`): src/core/analysis.ts over the members' reported repositories against
// the pool's target. Each run is stored as a completed `repository_analysis` operation (details:
// presenters/analysis.presenter.ts StoredAnalysis) and the latest one is served by
// GET /pools/{id}/analysis.
import type { AnalysisView } from '../../contracts/analysis.contract.js';
import { analyzeRepositories, type AnalysisMember, type AnalysisRepository } from '../../core/analysis.js';
import { DomainError, InvalidStateError, NotFoundError } from '../../core/errors.js';
import { listPoolMembers } from '../../db/endpoint.repository.js';
import { findLatestOperation, insertOperation } from '../../db/operation.repository.js';
import { listPoolRepositories, positionOf, storedPackages } from '../../db/package-repository.repository.js';
import { findTargetSummary } from '../../db/package-state.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import { completedOperation } from '../domain/operation-record.js';
import { type StoredAnalysis, toAnalysisView } from '../presenters/analysis.presenter.js';
import type { ServiceContext } from './context.js';
import type { PoolDriftReader } from './drift-refresher.js';
import { recordEvent } from './event.service.js';

export interface AnalysisOptions {
  /** `[features] enable_repository_analysis`. */
  enabled: boolean;
}

export class AnalysisService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: PoolDriftReader,
    private readonly options: AnalysisOptions = { enabled: true },
  ) {}

  async analyze(poolId: string, actor: string): Promise<AnalysisView> {
    if (!this.options.enabled) {
      throw new InvalidStateError('repository analysis is disabled on this server ([features] enable_repository_analysis = false)');
    }
    const db = this.ctx.db;
    if (!(await findPoolById(db, poolId))) throw new NotFoundError('pool', poolId);
    const pctx = await this.drift.poolContext(db, poolId);
    if (!pctx?.target || !pctx.targetId) {
      throw new InvalidStateError('this pool has no target state yet: analysis compares members against it; set one with set-latest first', {
        pool_id: poolId,
      });
    }
    const members = await listPoolMembers(db, poolId);
    const rows = await listPoolRepositories(db, poolId);
    // Members usually share mirrors: identical repository databases (same name and db hash) are
    // held once in memory.
    const shared = new Map<string, AnalysisRepository>();
    const byEndpoint = new Map<string, { position: number; repo: AnalysisRepository }[]>();
    for (const row of rows) {
      const stored = storedPackages(row);
      const hash = stored.metadata?.db_hash;
      const key = typeof hash === 'string' ? `${row.repo_name}\n${hash}` : null;
      let repo = key ? shared.get(key) : undefined;
      if (!repo) {
        repo = { name: row.repo_name, url: row.repo_url, packages: stored.packages ?? {} };
        if (key) shared.set(key, repo);
      }
      const list = byEndpoint.get(row.endpoint_id ?? '') ?? [];
      list.push({ position: positionOf(row), repo });
      byEndpoint.set(row.endpoint_id ?? '', list);
    }
    const input: AnalysisMember[] = members.map((m) => ({
      endpoint_id: m.id,
      endpoint_name: m.name,
      repos: (byEndpoint.get(m.id) ?? []).sort((a, b) => a.position - b.position).map((r) => r.repo),
    }));
    const s = pctx.settings;
    const result = analyzeRepositories({
      target: pctx.target.target,
      members: input,
      conflict_resolution: s.conflict_resolution,
      exclusions: { packages: s.excluded_packages, repos: s.excluded_repos },
    });
    const now = this.ctx.clock.now();
    const details: StoredAnalysis = {
      target_state_id: pctx.targetId,
      conflict_resolution: s.conflict_resolution,
      manual_exclusions: { packages: s.excluded_packages, repos: s.excluded_repos },
      result,
    };
    const op = completedOperation({ pool_id: poolId, endpoint_id: null, operation_type: 'repository_analysis', details }, now);
    await db.transaction().execute(async (trx) => {
      await insertOperation(trx, op);
      await recordEvent(trx, now, actor, {
        event_type: 'repository_analysis',
        severity: result.counts.incompatible > 0 ? 'warning' : 'info',
        message:
          `repository analysis: ${result.counts.compatible} compatible, ${result.counts.incompatible} ` +
          `incompatible, ${result.counts.conflicts} conflicting of ${result.counts.target_packages} target packages`,
        pool_id: poolId,
        details: { operation_id: op.id, target_state_id: pctx.targetId, counts: result.counts },
      });
    });
    return toAnalysisView(op, pctx.targetId);
  }

  async latest(poolId: string): Promise<AnalysisView> {
    const db = this.ctx.db;
    if (!(await findPoolById(db, poolId))) throw new NotFoundError('pool', poolId);
    const op = await findLatestOperation(db, { pool_id: poolId, operation_type: 'repository_analysis' }, ['completed']);
    if (!op) {
      throw new DomainError(
        'RESOURCE_NOT_FOUND',
        `pool ${poolId} has no repository analysis yet: run one with POST /api/v1/pools/${poolId}/analyze`,
        {
          resource: 'analysis',
          pool_id: poolId,
        },
      );
    }
    const target = await findTargetSummary(db, poolId);
    return toAnalysisView(op, target?.id ?? null);
  }
}
