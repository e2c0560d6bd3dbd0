// What agents report (README "API keys and the HTTP API": `POST /endpoints/{id}/state` and
// `/repositories`): their package state and their sync repositories.
//
// A state report is normalised and identified by its content hash, computed by the server
// (domain/state-normalisation.ts). When it equals the endpoint's current state only last_seen
// changes (storage stays bounded); otherwise a new package_states row becomes the endpoint's
// current state and its drift is recomputed and answered, so the agent learns its status in one
// round trip. The endpoint is locked and read once; the drift refresher works on that row.
//
// An agent whose package set has not changed since the server acknowledged it sends only that
// hash (`{content_hash}`; README "Unchanged state reports"): equal to the endpoint's current
// state's (in its current pool), the answer is the unchanged one, read without a transaction and
// written nothing but throttled contact; any other hash is a 409 STATE_HASH_UNKNOWN, after which
// the agent sends the full state.
import type { RepositoriesReportBody, StateReportBody, StateReportRequest } from '../../contracts/package.contract.js';
import type { RepositoriesReportResult, StateReportResult } from '../../contracts/report.contract.js';
import { DomainError, NotFoundError, ValidationError } from '../../core/errors.js';
import { type Dialect, newId } from '../../db/dialect.js';
import { lockEndpoint } from '../../db/drift.repository.js';
import { findEndpointById, markEndpointSeen, updateEndpoint } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import {
  copiedPackages,
  deleteRepositories,
  findRepositoryCopy,
  hasNullPackages,
  insertRepository,
  listEndpointRepositoryHeads,
  updateRepository,
} from '../../db/package-repository.repository.js';
import { findStateHeadById, insertPackageState } from '../../db/package-state.repository.js';
import { driftFromSummary } from '../domain/drift-summary.js';
import { type NormalisedState, normaliseState } from '../domain/state-normalisation.js';
import type { Notifier } from '../events/notifier.js';
import { contactIsDue, MAX_LAST_SEEN_RESOLUTION_MS } from './contact.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
import { idempotent, type IdempotencyRequest } from './idempotency.js';
import { inTransaction, withConflictRetry } from './retry.js';

export class ReportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher,
    private readonly notifier: Notifier,
    /** The engine: a repository reported by its hash is copied with its own JSON functions. */
    private readonly dialect: Dialect,
    /** How often an unchanged report refreshes last_seen (contact.ts). */
    private readonly lastSeenResolutionMs: number = MAX_LAST_SEEN_RESOLUTION_MS,
  ) {}

  /**
   * `POST /endpoints/{id}/state`: the full state (submitState), or only the content hash of an
   * unchanged one (confirmUnchanged). Exactly one of the two forms.
   */
  async submitReport(
    endpointId: string,
    body: StateReportRequest,
    opts: { details?: boolean; idempotency?: IdempotencyRequest } = {},
  ): Promise<StateReportResult> {
    if (body.content_hash !== undefined) {
      if (body.packages !== undefined || body.metadata !== undefined) {
        throw new ValidationError('body.content_hash', 'send either the full state (packages and metadata) or content_hash alone, not both');
      }
      // Nothing is stored for a hash-only report (contact is throttled bookkeeping): a retry is
      // harmless, so it claims no idempotency key and the full report that may follow can.
      return this.confirmUnchanged(endpointId, body.content_hash, { details: opts.details ?? false });
    }
    if (body.packages === undefined)
      throw new ValidationError('body.packages', 'is required (or content_hash alone, for a state the server already has)');
    if (body.metadata === undefined) throw new ValidationError('body.metadata', 'is required with packages');
    return this.submitState(endpointId, { packages: body.packages, metadata: body.metadata }, opts);
  }

  /**
   * A hash-only report: the endpoint's current state (in its current pool) has this content hash.
   * Reads two rows, writes only contact (throttled, contact.ts), and with `details` recomputes the
   * drift lists from the stored package index; a hash that is not the current state's is refused.
   */
  async confirmUnchanged(endpointId: string, hash: string, opts: { details?: boolean } = {}): Promise<StateReportResult> {
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    const ep = await findEndpointById(db, endpointId);
    if (!ep) throw new NotFoundError('endpoint', endpointId);
    const current = ep.current_state_id ? await findStateHeadById(db, ep.current_state_id) : undefined;
    if (!current || current.content_hash !== hash || current.pool_id !== ep.pool_id) {
      throw new DomainError(
        'STATE_HASH_UNKNOWN',
        `content_hash ${hash} is not the current state of ` +
          `endpoint ${endpointId}${current && current.content_hash === hash ? ' in its current pool' : ''}: ` +
          `send the full state (packages and metadata)`,
        { endpoint_id: endpointId, content_hash: hash },
      );
    }
    if (contactIsDue(ep, now, this.lastSeenResolutionMs)) await markEndpointSeen(db, endpointId, now);
    const base = { endpoint_id: endpointId, state_id: current.id, changed: false, content_hash: hash, pool_id: ep.pool_id };
    if (opts.details) {
      const r = await inTransaction(this.ctx, this.notifier, 'the state report', (trx) =>
        this.drift.refreshEndpoint(trx, endpointId, now, { details: true }),
      );
      if (r) return { ...base, target_state_id: r.target_state_id, sync_status: r.sync_status, drift: r.drift };
    }
    const summary = ep.package_summary;
    return {
      ...base,
      target_state_id: typeof summary.target_state_id === 'string' ? summary.target_state_id : null,
      sync_status: ep.sync_status,
      drift: driftFromSummary(summary, current.total_packages ?? undefined),
    };
  }

  async submitState(
    endpointId: string,
    body: StateReportBody,
    opts: { details?: boolean; idempotency?: IdempotencyRequest } = {},
  ): Promise<StateReportResult> {
    const normalised = normaliseState(body);
    return inTransaction(this.ctx, this.notifier, 'the state report', (trx) => {
      const now = this.ctx.clock.now();
      return idempotent(trx, opts.idempotency, now, () => this.storeState(trx, endpointId, normalised, now, opts.details ?? false));
    });
  }

  /**
   * Stores a normalised state as the endpoint's current state (or only marks it seen when the
   * content is unchanged) and recomputes its drift, in the caller's transaction. Also used when
   * an operation completes or fails with the state it reached. The endpoint row is locked and
   * read once, here; the drift recomputation works on it (refreshLocked).
   */
  async storeState(trx: Executor, endpointId: string, n: NormalisedState, now: Date, details: boolean): Promise<StateReportResult> {
    // The row lock orders this report against a concurrent pool-wide drift recomputation.
    if (!(await lockEndpoint(trx, endpointId))) throw new NotFoundError('endpoint', endpointId);
    const ep = await findEndpointById(trx, endpointId);
    if (!ep) throw new NotFoundError('endpoint', endpointId);
    const current = ep.current_state_id ? await findStateHeadById(trx, ep.current_state_id) : undefined;
    const total = n.state.metadata.total_packages;

    if (current && current.content_hash === n.hash && current.pool_id === ep.pool_id) {
      if (contactIsDue(ep, now, this.lastSeenResolutionMs)) await markEndpointSeen(trx, endpointId, now);
      if (details) {
        const r = await this.drift.refreshLocked(trx, ep, n.state, now, { details: true });
        return {
          endpoint_id: endpointId,
          state_id: current.id,
          changed: false,
          content_hash: n.hash,
          pool_id: ep.pool_id,
          target_state_id: r.target_state_id,
          sync_status: r.sync_status,
          drift: r.drift,
        };
      }
      const summary = ep.package_summary;
      const target = typeof summary.target_state_id === 'string' ? summary.target_state_id : null;
      return {
        endpoint_id: endpointId,
        state_id: current.id,
        changed: false,
        content_hash: n.hash,
        pool_id: ep.pool_id,
        target_state_id: target,
        sync_status: ep.sync_status,
        drift: driftFromSummary(summary, total),
      };
    }

    const id = newId();
    await insertPackageState(trx, {
      id,
      pool_id: ep.pool_id,
      endpoint_id: endpointId,
      state_data: n.state,
      is_target: false,
      message: null,
      created_by: ep.name,
      created_at: now,
      content_hash: n.hash,
    });
    // system_info.total_packages (sent at registration) follows the reports: the endpoint view
    // must not show two different package counts side by side.
    const info = ep.system_info as Record<string, unknown>;
    const system_info = info.total_packages === undefined || info.total_packages === total ? undefined : { ...info, total_packages: total };
    await updateEndpoint(trx, endpointId, { current_state_id: id, updated_at: now, ...(system_info ? { system_info } : {}) });
    await markEndpointSeen(trx, endpointId, now);
    // The row as it is now: only current_state_id of what drift reads has changed since it was read.
    const r = await this.drift.refreshLocked(trx, { ...ep, current_state_id: id }, n.state, now, { details });
    return {
      endpoint_id: endpointId,
      state_id: id,
      changed: true,
      content_hash: n.hash,
      pool_id: ep.pool_id,
      target_state_id: r.target_state_id,
      sync_status: r.sync_status,
      drift: r.drift,
    };
  }

  /**
   * Replaces the endpoint's repository rows with the reported ones (upsert by name, in the order
   * given, which is pacman.conf's); rows of repositories no longer reported are deleted. A
   * repository whose db_hash, URL and position are unchanged keeps its stored packages. One
   * reported without packages (its db_hash alone) takes them from the copy of that database the
   * endpoint or a member of its pool stored; when there is none, 409 REPOSITORY_HASH_UNKNOWN
   * names it and nothing is written: the agent sends the packages.
   */
  async submitRepositories(endpointId: string, body: RepositoriesReportBody): Promise<RepositoriesReportResult> {
    const seen = new Map<string, number>();
    body.repositories.forEach((r, i) => {
      if (seen.has(r.name))
        throw new ValidationError(`body.repositories[${i}].name`, `repository '${r.name}' is reported twice (also at [${seen.get(r.name)}])`);
      seen.set(r.name, i);
      if (r.packages === undefined && !r.metadata?.db_hash)
        throw new ValidationError(`body.repositories[${i}].packages`, 'is required unless metadata.db_hash is given');
    });
    const now = this.ctx.clock.now();
    return withConflictRetry('the repository report', () =>
      this.ctx.db.transaction().execute(async (trx) => {
        if (!(await lockEndpoint(trx, endpointId))) throw new NotFoundError('endpoint', endpointId);
        const heads = new Map((await listEndpointRepositoryHeads(trx, endpointId)).map((h) => [h.repo_name, h]));
        // Every repository reported by its hash is found before anything is written.
        const copies = new Map<string, { id: string; total_packages: number }>();
        const unknown: string[] = [];
        const byHash = body.repositories.filter((r) => r.packages === undefined);
        const poolId = byHash.length > 0 ? ((await findEndpointById(trx, endpointId))?.pool_id ?? null) : null;
        for (const repo of byHash) {
          const dbHash = repo.metadata?.db_hash as string;
          const copy = await findRepositoryCopy(trx, { endpointId, poolId, repoName: repo.name, dbHash });
          if (copy) copies.set(repo.name, copy);
          else unknown.push(repo.name);
        }
        if (unknown.length > 0) {
          const names = unknown.map((n) => `'${n}'`).join(', ');
          throw repositoryHashUnknown(endpointId, unknown, `no copy of ${names} with that db_hash is stored for this endpoint or its pool`);
        }
        const out: RepositoriesReportResult['repositories'] = [];
        for (const [position, repo] of body.repositories.entries()) {
          const copy = copies.get(repo.name);
          const total = copy ? copy.total_packages : Object.keys(repo.packages ?? {}).length;
          const dbHash = repo.metadata?.db_hash ?? null;
          const metadata = {
            total_packages: total,
            last_sync: repo.metadata?.last_sync ?? null,
            sync_method: repo.metadata?.sync_method ?? 'pacman_database',
            db_hash: dbHash,
            position,
          };
          const packages = copy
            ? copiedPackages(this.dialect, { id: copy.id, repoName: repo.name, dbHash: dbHash as string }, metadata)
            : { packages: repo.packages ?? {}, metadata };
          const existing = heads.get(repo.name);
          const unchanged =
            existing !== undefined &&
            dbHash !== null &&
            existing.metadata.db_hash === dbHash &&
            existing.repo_url === repo.url &&
            existing.metadata.position === position;
          if (existing && unchanged) {
            await updateRepository(trx, existing.id, { last_updated: now });
          } else if (existing) {
            await updateRepository(trx, existing.id, { repo_url: repo.url, packages, db_hash: dbHash, last_updated: now });
          } else {
            await insertRepository(trx, {
              id: newId(),
              endpoint_id: endpointId,
              repo_name: repo.name,
              repo_url: repo.url,
              packages,
              db_hash: dbHash,
              last_updated: now,
              created_at: now,
            });
          }
          out.push({ name: repo.name, url: repo.url, total_packages: total, changed: !unchanged, last_updated: now.toISOString() });
        }
        // A copy's source replaced or deleted by another endpoint's commit since it was found: as
        // if it had not been found (the transaction rolls back; the agent sends the packages).
        if (copies.size > 0 && (await hasNullPackages(trx, endpointId))) {
          throw repositoryHashUnknown(endpointId, [...copies.keys()], 'the stored copy of a repository changed during this report');
        }
        const gone = [...heads.values()].filter((h) => !seen.has(h.repo_name));
        await deleteRepositories(
          trx,
          gone.map((h) => h.id),
        );
        await markEndpointSeen(trx, endpointId, now);
        return { endpoint_id: endpointId, repositories: out, removed: gone.map((h) => h.repo_name).sort() };
      }),
    );
  }
}

/** 409: repositories reported by their db_hash that the server cannot take from a stored copy. */
function repositoryHashUnknown(endpointId: string, repositories: string[], why: string): DomainError {
  return new DomainError('REPOSITORY_HASH_UNKNOWN', `${why}: send the packages`, { endpoint_id: endpointId, repositories });
}
