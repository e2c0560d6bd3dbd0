// Request bodies. JSON is the only body this API takes, so:
//   - a body sent without a Content-Type (a script), or as curl -d sends it
//     (application/x-www-form-urlencoded), is read as JSON — a 400 when it does not parse;
//   - an empty body is an empty object: routes whose body fields are all optional
//     (revert-target, cancel…) accept it, and routes that need a field answer 400 naming it
//     (`body: must have required property 'name'`), not a parser error;
//   - any other media type is 415, in the error envelope like every error.
// Parsing itself stays Fastify's (secure-json-parse: __proto__ and constructor keys refused).
// Text that is not Unicode — a lone surrogate, which only a `\ud800` escape can make — is a 400
// naming the field: PostgreSQL refuses it inside JSON columns (a 500 before) and SQLite would
// store U+FFFD instead, so neither engine could keep what was sent.
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ValidationError } from '../core/errors.js';

/** A surrogate escape in JSON text: only such a body can hold a lone surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
/** In `u` mode a surrogate pair is one code point, so this matches lone surrogates only. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path (`body.name`, `body.packages.x`) of the first key or string with a lone surrogate. */
export function loneSurrogateAt(value: unknown, at = 'body'): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = loneSurrogateAt(value[i], `${at}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) return `${at}.${k.replace(/\p{Cs}/gu, '\uFFFD')}`;
      const found = loneSurrogateAt(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

export function installBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  const parse = (req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void): void => {
    if (body.trim() === '') return done(null, {});
    // Fastify's own error: the error handler answers it as 400 "request body is not valid JSON".
    if (!SURROGATE_ESCAPE.test(body)) {
      json(req, body, done);
      return;
    }
    json(req, body, (err, value) => {
      const at = err ? null : loneSurrogateAt(value);
      if (at) return done(new ValidationError(at, 'is not valid Unicode text (a lone surrogate escape)'));
      done(err, value);
    });
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
