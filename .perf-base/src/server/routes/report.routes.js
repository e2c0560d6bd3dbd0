import { Envelope, ErrorEnvelope, IdParams } from '../../contracts/common.contract.js';
import { RepositoriesReportBody, STATE_BODY_LIMIT_BYTES, StateReportBody } from '../../contracts/package.contract.js';
import { RepositoriesReportResult, StateReportQuery, StateReportResult } from '../../contracts/report.contract.js';
import { allow, guard } from '../auth/guard.js';
const tags = ['reports'];
const errors = { '4xx': ErrorEnvelope };
export const reportRoutes = async (app) => {
    const { reports } = app.deps.services;
    const self = guard(allow.admin, allow.endpointSelf('id'));
    app.post('/endpoints/:id/state', {
        onRequest: self,
        bodyLimit: STATE_BODY_LIMIT_BYTES,
        schema: {
            tags,
            summary: "Report the endpoint's package state; answers its drift and sync_status",
            description: 'The body is the state_data object `{packages, metadata}`. The server computes the content hash; an unchanged state only updates last_seen (`changed: false`).',
            params: IdParams,
            querystring: StateReportQuery,
            body: StateReportBody,
            response: { 200: Envelope(StateReportResult), ...errors },
        },
    }, async (req) => {
        const r = await reports.submitState(req.params.id, req.body, { details: req.query.details ?? false });
        return app.ok(r, r.changed ? 'state stored' : 'state unchanged');
    });
    app.post('/endpoints/:id/repositories', {
        onRequest: self,
        bodyLimit: STATE_BODY_LIMIT_BYTES,
        schema: {
            tags,
            summary: "Report the endpoint's sync repositories (replaces the previous report)",
            params: IdParams,
            body: RepositoriesReportBody,
            response: { 200: Envelope(RepositoriesReportResult), ...errors },
        },
    }, async (req) => app.ok(await reports.submitRepositories(req.params.id, req.body), 'repositories stored'));
};
//# sourceMappingURL=report.routes.js.map