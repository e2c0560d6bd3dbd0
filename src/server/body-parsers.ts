// Request bodies. JSON is the only body this API takes, so:
//   - a body sent without a Content-Type (a script), or as curl -d sends it
//     (application/x-www-form-urlencoded), is read as JSON — a 400 when it does not parse;
//   - an empty body is an empty object: routes whose body fields are all optional
//     (revert-target, cancel…) accept it, and routes that need a field answer 400 naming it
//     (`body: must have required property 'name'`), not a parser error;
//   - any other media type is 415, in the error envelope like every error.
// Parsing itself stays Fastify's (secure-json-parse: __proto__ and constructor keys refused).
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';

export function installBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  const parse = (req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void): void => {
    if (body.trim() === '') return done(null, {});
    // Fastify's own error: the error handler answers it as 400 "request body is not valid JSON".
    json(req, body, done);
  };
  app.removeAllContentTypeParsers(); // text/plain too: a string body is never what a route wants
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  // A request without any body bytes never reaches a parser: the same empty object.
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH')) req.body = {};
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const type = req.headers['content-type'];
    if (type === undefined || /^application\/x-www-form-urlencoded\b/i.test(type)) return parse(req, body as string, done);
    done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(req.headers['content-type']));
  });
}
