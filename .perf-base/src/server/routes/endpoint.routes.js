import { Type } from '@sinclair/typebox';
import { Envelope, ErrorEnvelope, IdParams, Page } from '../../contracts/common.contract.js';
import { EndpointDetail, EndpointListQuery, EndpointView, RegisteredEndpoint, RegisterEndpointBody, UpdateEndpointBody, } from '../../contracts/endpoint.contract.js';
import { allow, guard, principalOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
const tags = ['endpoints'];
const errors = { '4xx': ErrorEnvelope };
const Deleted = Type.Object({ id: Type.String(), deleted: Type.Literal(true) });
export const endpointRoutes = async (app) => {
    const { endpoints } = app.deps.services;
    app.post('/endpoints', {
        onRequest: guard(allow.admin, allow.enroll),
        schema: { tags, summary: "Register a machine; answers its own API key once", body: RegisterEndpointBody, response: { 201: Envelope(RegisteredEndpoint), ...errors } },
    }, async (req, reply) => {
        const caller = principalOf(req);
        const created = await endpoints.register(req.body, caller, actorOf(caller));
        return reply.code(201).send(app.ok(created, 'endpoint registered: store api_key now, it is not shown again'));
    });
    app.get('/endpoints', {
        onRequest: guard(allow.admin, allow.read),
        schema: { tags, summary: 'List endpoints (filters, pagination)', querystring: EndpointListQuery, response: { 200: Envelope(Page(EndpointView)), ...errors } },
    }, async (req) => app.ok(await endpoints.list(req.query)));
    app.get('/endpoints/:id', {
        onRequest: guard(allow.admin, allow.read, allow.endpointSelf('id')),
        schema: { tags, summary: 'An endpoint with system info, package summary and recent activity', params: IdParams, response: { 200: Envelope(EndpointDetail), ...errors } },
    }, async (req) => app.ok(await endpoints.get(req.params.id)));
    app.put('/endpoints/:id', {
        onRequest: guard(allow.admin, allow.endpointSelf('id')),
        schema: { tags, summary: 'Update name, hostname, pool (admin) or system info', params: IdParams, body: UpdateEndpointBody, response: { 200: Envelope(EndpointView), ...errors } },
    }, async (req) => {
        const caller = principalOf(req);
        return app.ok(await endpoints.update(req.params.id, req.body, caller, actorOf(caller)), 'endpoint updated');
    });
    app.delete('/endpoints/:id', {
        onRequest: guard(allow.admin, allow.endpointSelf('id')),
        schema: { tags, summary: 'Delete an endpoint with its key, states and operations', params: IdParams, response: { 200: Envelope(Deleted), ...errors } },
    }, async (req) => app.ok(await endpoints.delete(req.params.id, actorOf(principalOf(req))), 'endpoint deleted'));
};
//# sourceMappingURL=endpoint.routes.js.map