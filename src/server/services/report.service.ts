// What agents report: their package state (SPEC §4 "Package state", §5 `POST /endpoints/{id}/state`)
// and their sync repositories (`POST /endpoints/{id}/repositories`).
//
// A state report is normalised (packages sorted by name, totals recomputed, exclusions checked)
// and identified by sha256(canonicalStateText) computed here — the client's content_hash is never
// trusted. When it equals the endpoint's current state only last_seen changes (storage stays
// bounded); otherwise a new package_states row becomes the endpoint's current state and its drift
// is recomputed and answered, so the agent learns its status in one round trip.
//
// An agent whose package set has not changed since the server acknowledged it sends only that
// hash (`{content_hash}`): equal to the endpoint's current state's (in its current pool), the
// answer is the unchanged one, read without a transaction and written nothing but throttled
// contact; any other hash is a 409 STATE_HASH_UNKNOWN, after which the agent sends the full state.
import { createHash } from 'node:crypto';
import type { RepositoriesReportBody, StateReportBody, StateReportRequest } from '../../contracts/package.contract.js';
import type { RepositoriesReportResult, StateReportResult } from '../../contracts/report.contract.js';
import { DomainError, NotFoundError, ValidationError } from '../../core/errors.js';
import { validateExclusionPattern } from '../../core/names.js';
import type { PackageStateData, StateMetadata, StatePackage } from '../../core/package-state.js';
import { canonicalStateText, isSorted, setOwn, totals } from '../../core/state.js';
import { newId } from '../../db/dialect.js';
import { lockEndpoint } from '../../db/drift.repository.js';
import { findEndpointById, markEndpointSeen, updateEndpoint } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { deleteRepositories, insertRepository, listEndpointRepositoryHeads, updateRepository } from '../../db/package-repository.repository.js';
import { findStateHeadById, insertPackageState } from '../../db/package-state.repository.js';
import type { Notifier } from '../events/notifier.js';
import { contactIsDue, MAX_LAST_SEEN_RESOLUTION_MS } from './contact.js';
import type { ServiceContext } from './context.js';
import { type DriftTracker, driftFromSummary } from './drift-tracker.service.js';
import { idempotent, type IdempotencyRequest } from './idempotency.js';
import { inTransaction, withConflictRetry } from './retry.js';

/** capture_method when the agent names none. */
export const DEFAULT_REPORT_CAPTURE_METHOD = 'agent_report';

/** A validated, normalised state and its server-side content hash. */
export interface NormalisedState {
  state: PackageStateData;
  hash: string;
}

export function contentHash(state: PackageStateData): string {
  return createHash('sha256').update(canonicalStateText(state), 'utf8').digest('hex');
}

/**
 * The state an agent sent, as stored: packages sorted by name with only known fields, totals
 * recomputed, the machine's exclusions checked, de-duplicated and sorted, and the content hash.
 * `field` prefixes error messages (`body`, `body.state`).
 */
export function normaliseState(body: StateReportBody, field = 'body'): NormalisedState {
  const packages: Record<string, StatePackage> = {};
  const names = Object.keys(body.packages);
  if (!isSorted(names)) names.sort();
  for (const name of names) {
    const p = body.packages[name] as StatePackage;
    const entry: StatePackage = {
      version: p.version,
      repository: p.repository,
      size: p.size,
      dependencies: p.dependencies,
      install_date: p.install_date,
    };
    if (p.reason !== undefined) entry.reason = p.reason;
    if (p.provides !== undefined) entry.provides = p.provides;
    if (p.arch !== undefined) entry.arch = p.arch;
    // Plain assignment is several times faster than defineProperty; only "__proto__" needs it.
    if (name === '__proto__') setOwn(packages, name, entry);
    else packages[name] = entry;
  }
  const t = totals(packages);
  if (!Number.isSafeInteger(t.total_size)) {
    throw new ValidationError(`${field}.packages`, 'the sizes of the packages add up to more than can be counted exactly');
  }
  const excluded = [...new Set(body.metadata.excluded_packages ?? [])];
  excluded.forEach((p, i) => validateExclusionPattern(p, `${field}.metadata.excluded_packages[${i}]`));
  const metadata: StateMetadata = {
    ...t,
    capture_method: body.metadata.capture_method ?? DEFAULT_REPORT_CAPTURE_METHOD,
    excluded_packages: excluded.sort(),
  };
  if (body.metadata.repositories !== undefined) metadata.repositories = body.metadata.repositories;
  const state: PackageStateData = { packages, metadata };
  const hash = contentHash(state);
  state.metadata.content_hash = hash;
  return { state, hash };
}

export class ReportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tracker: DriftTracker,
    private readonly notifier: Notifier,
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
        `content_hash ${hash} is not the current state of endpoint ${endpointId}${current && current.content_hash === hash ? ' in its current pool' : ''}: send the full state (packages and metadata)`,
        { endpoint_id: endpointId, content_hash: hash },
      );
    }
    if (contactIsDue(ep, now, this.lastSeenResolutionMs)) await markEndpointSeen(db, endpointId, now);
    const base = { endpoint_id: endpointId, state_id: current.id, changed: false, content_hash: hash, pool_id: ep.pool_id };
    if (opts.details) {
      const r = await inTransaction(this.ctx, this.notifier, 'the state report', (trx) =>
        this.tracker.recomputeEndpoint(trx, endpointId, now, { details: true }),
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
   * an operation completes or fails with the state it reached.
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
        const r = await this.tracker.recomputeEndpoint(trx, endpointId, now, { state: n.state, details: true });
        if (r)
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
    const r = await this.tracker.recomputeEndpoint(trx, endpointId, now, { state: n.state, details });
    return {
      endpoint_id: endpointId,
      state_id: id,
      changed: true,
      content_hash: n.hash,
      pool_id: ep.pool_id,
      target_state_id: r?.target_state_id ?? null,
      sync_status: r?.sync_status ?? 'unknown',
      drift: r?.drift ?? driftFromSummary({}, total),
    };
  }

  /**
   * Replaces the endpoint's repository rows with the reported ones (upsert by name, in the order
   * given, which is pacman.conf's); rows of repositories no longer reported are deleted. A
   * repository whose db_hash, URL and position are unchanged keeps its stored packages.
   */
  async submitRepositories(endpointId: string, body: RepositoriesReportBody): Promise<RepositoriesReportResult> {
    const seen = new Map<string, number>();
    body.repositories.forEach((r, i) => {
      if (seen.has(r.name))
        throw new ValidationError(`body.repositories[${i}].name`, `repository '${r.name}' is reported twice (also at [${seen.get(r.name)}])`);
      seen.set(r.name, i);
    });
    const now = this.ctx.clock.now();
    return withConflictRetry('the repository report', () =>
      this.ctx.db.transaction().execute(async (trx) => {
        if (!(await lockEndpoint(trx, endpointId))) throw new NotFoundError('endpoint', endpointId);
        const heads = new Map((await listEndpointRepositoryHeads(trx, endpointId)).map((h) => [h.repo_name, h]));
        const out: RepositoriesReportResult['repositories'] = [];
        for (const [position, repo] of body.repositories.entries()) {
          const total = Object.keys(repo.packages).length;
          const dbHash = repo.metadata?.db_hash ?? null;
          const metadata = {
            total_packages: total,
            last_sync: repo.metadata?.last_sync ?? null,
            sync_method: repo.metadata?.sync_method ?? 'pacman_database',
            db_hash: dbHash,
            position,
          };
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
            await updateRepository(trx, existing.id, { repo_url: repo.url, packages: { packages: repo.packages, metadata }, last_updated: now });
          } else {
            await insertRepository(trx, {
              id: newId(),
              endpoint_id: endpointId,
              repo_name: repo.name,
              repo_url: repo.url,
              packages: { packages: repo.packages, metadata },
              last_updated: now,
              created_at: now,
            });
          }
          out.push({ name: repo.name, url: repo.url, total_packages: total, changed: !unchanged, last_updated: now.toISOString() });
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
