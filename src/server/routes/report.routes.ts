// Agent reports: `POST /endpoints/{id}/state` (the state_data object itself, or only the content
// hash of an unchanged one; the reply carries the endpoint's drift and sync_status) and `POST /endpoints/{id}/repositories`. That endpoint's own
// key, or an admin key. Both accept bodies up to `[server] max_report_size` (413 naming it beyond),
// bounded in packages too, and one report per endpoint is received at a time (oneReportAtATime).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Envelope, ErrorEnvelope, IdempotencyHeaders, IdParams } from '../../contracts/common.contract.js';
import { RepositoriesReportBody, StateReportRequest } from '../../contracts/package.contract.js';
import { RepositoriesReportResult, StateReportQuery, StateReportResult } from '../../contracts/report.contract.js';
import { DomainError } from '../../core/errors.js';
import { allow, guard } from '../auth/guard.js';
import { IDEMPOTENCY_HEADER_DOC, idempotencyOf, markReplayed } from './idempotency-header.js';

const tags = ['reports'];
const errors = { '4xx': ErrorEnvelope };

/** Seconds a client is told to wait (Retry-After) when its previous report is still in progress. */
export const REPORT_RETRY_AFTER_SECONDS = 2;

/** Names the setting in a 413 (error-handler.ts). */
export const REPORT_BODY_LIMIT_SETTING = '[server] max_report_size';

/**
 * One report per endpoint at a time, decided before the body is read: a second concurrent report
 * of the same endpoint is refused (429 REPORT_IN_PROGRESS, Retry-After) rather than queued, so one
 * machine cannot make the server hold several large bodies at once, and a waiting request holds
 * no connection. Agents already treat 429 as "retry later" (their report queue keeps the report).
 * Per process: each server instance admits one report per endpoint.
 */
export function oneReportAtATime(): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const inProgress = new Set<string>();
  return async (req, reply) => {
    const id = String((req.params as { id?: unknown }).id).toLowerCase();
    if (inProgress.has(id)) {
      reply.header('retry-after', String(REPORT_RETRY_AFTER_SECONDS));
      throw new DomainError('REPORT_IN_PROGRESS', `a report of endpoint ${id} is already in progress; retry in ${REPORT_RETRY_AFTER_SECONDS} s`, {
        endpoint_id: id,
        retry_after_seconds: REPORT_RETRY_AFTER_SECONDS,
      });
    }
    inProgress.add(id);
    // 'close' fires when the answer is sent and when the client goes away mid-body alike.
    reply.raw.once('close', () => inProgress.delete(id));
  };
}

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { services, config } = app.deps;
  const { reports } = services;
  const self = guard(allow.admin, allow.endpointSelf('id'));
  const oneAtATime = oneReportAtATime();
  const bodyLimit = config.server.max_report_size;
  const limitConfig = { bodyLimitSetting: REPORT_BODY_LIMIT_SETTING };

  app.post(
    '/endpoints/:id/state',
    {
      onRequest: [self, oneAtATime],
      bodyLimit,
      config: limitConfig,
      schema: {
        tags,
        summary: "Report the endpoint's package state; answers its drift and sync_status",
        description:
          'The body is the state_data object `{packages, metadata}`; the server computes the ' +
          'content hash, and an unchanged state only updates last_seen (`changed: false`). ' +
          'An agent whose package set has not changed since the server answered a report may ' +
          'send only `{"content_hash": "<64 lower-case hex>"}`, that answer\'s content_hash: ' +
          "when it is the hash of the endpoint's current state (and the endpoint has not " +
          'moved pools since), the answer is the same as for the full unchanged state; ' +
          'otherwise 409 `STATE_HASH_UNKNOWN`, and the agent sends the full state. Idempotency-Key header: ' +
          IDEMPOTENCY_HEADER_DOC,
        params: IdParams,
        headers: IdempotencyHeaders,
        querystring: StateReportQuery,
        body: StateReportRequest,
        response: { 200: Envelope(StateReportResult), ...errors },
      },
    },
    async (req, reply) => {
      const idempotency = idempotencyOf(req);
      const r = await reports.submitReport(req.params.id, req.body, { details: req.query.details ?? false, idempotency });
      markReplayed(reply, idempotency);
      return app.ok(r, r.changed ? 'state stored' : 'state unchanged');
    },
  );

  app.post(
    '/endpoints/:id/repositories',
    {
      onRequest: [self, oneAtATime],
      bodyLimit,
      config: limitConfig,
      schema: {
        tags,
        summary: "Report the endpoint's sync repositories (replaces the previous report)",
        description:
          'A repository with `metadata.db_hash` (the sha256 of its sync database file) may leave out `packages`: the ' +
          'server then copies the packages the endpoint or a member of its pool reported under that db_hash. When no ' +
          'such copy exists, 409 `REPOSITORY_HASH_UNKNOWN` names the repositories (`details.repositories`), nothing is ' +
          'written, and the agent sends the report with every package list.',
        params: IdParams,
        body: RepositoriesReportBody,
        response: { 200: Envelope(RepositoriesReportResult), ...errors },
      },
    },
    async (req) => app.ok(await reports.submitRepositories(req.params.id, req.body), 'repositories stored'),
  );
};
