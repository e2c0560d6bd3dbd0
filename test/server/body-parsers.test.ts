// Issue #11, item 12: a JSON body sent without a Content-Type (curl -d, a quick script) is taken
// when it parses; an optional body may be empty; anything that is not JSON is refused in the error
// envelope, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

describe.each(DIALECTS)('request bodies (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  const raw = (method: 'POST' | 'PUT', url: string, payload: string, headers: Record<string, string> = {}) =>
    api.app.inject({ method, url: `/api/v1${url}`, payload, headers: { authorization: `Bearer ${api.adminKey}`, ...headers } });

  it('a JSON body without a Content-Type, or as curl -d sends it, is read as JSON', async () => {
    const res = await raw('POST', '/pools', JSON.stringify({ name: 'no-content-type' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.name).toBe('no-content-type');
    const curl = await raw('POST', '/pools', '{"name":"curl-d"}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(curl.statusCode, curl.body).toBe(201);
    expect(curl.json().data.name).toBe('curl-d');
  });

  it('a body that is not JSON, without a Content-Type or with one, is a 400 naming body; another media type is 415; nothing written', async () => {
    const before = await api.rowCounts();
    for (const headers of [{}, { 'content-type': 'application/json' }, { 'content-type': 'application/x-www-form-urlencoded' }] as Record<
      string,
      string
    >[]) {
      const res = await raw('POST', '/pools', 'name=oops', headers);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
      expect(res.json().error.message).toBe('request body is not valid JSON');
    }
    const text = await raw('POST', '/pools', '{"name":"x"}', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.message).toBe('unsupported content-type: send application/json');
    expect(await api.rowCounts()).toEqual(before);
  });

  it('an optional body may be empty (revert-target), with or without a Content-Type; a required one is a 400 naming body', async () => {
    const pool = await makePool(api);
    const ep = await makeEndpoint(api, pool);
    for (const version of ['1.0-1', '2.0-1', '3.0-1']) {
      await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state({ bash: version }) });
      expect((await api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: {} })).statusCode).toBe(201);
    }
    for (const headers of [{}, { 'content-type': 'application/json' }] as Record<string, string>[]) {
      const res = await raw('POST', `/pools/${pool}/revert-target`, '', headers);
      expect(res.statusCode, res.body).toBe(200);
    }
    const missing = await raw('POST', '/pools', '', { 'content-type': 'application/json' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error?.message).toMatch(/body/);
  });

  it('an enum error names the allowed values', async () => {
    const res = await api.request('POST', '/pools', { body: { name: 'enum', settings: { conflict_resolution: 'latest' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error?.message).toMatch(/body\.settings\.conflict_resolution: must be one of manual, newest, oldest/);
  });

  // Found by the reliability suite's route fuzzing: on PostgreSQL, a lone surrogate escape in any
  // text (here a pool's name, stored in an event's JSON details) was a 500 DATABASE_ERROR.
  it('text with a lone surrogate escape is a 400 naming the field, in a value or a key; pairs are fine; nothing written', async () => {
    const pool = await makePool(api);
    const before = await api.rowCounts();
    for (const [method, url, payload, field] of [
      ['PUT', `/pools/${pool}`, '{"name":"\\ud800"}', 'body.name'],
      ['POST', '/pools', '{"name":"ok","description":"a\\udfffb"}', 'body.description'],
      ['PUT', `/pools/${pool}`, '{"settings":{"excluded_packages":["x","\\udbff"]}}', 'body.settings.excluded_packages.1'],
      ['POST', '/pools', '{"name":"ok","\\ud800":1}', 'body.\uFFFD'],
    ] as const) {
      const res = await raw(method, url, payload, { 'content-type': 'application/json' });
      expect(res.statusCode, `${url} ${payload} ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: `${field}: is not valid Unicode text (a lone surrogate escape)` },
      });
    }
    expect(await api.rowCounts()).toEqual(before);
    const pair = await raw('POST', '/pools', '{"name":"astral \\ud83d\\ude00"}', { 'content-type': 'application/json' });
    expect(pair.statusCode, pair.body).toBe(201);
    expect(pair.json().data.name).toBe('astral 😀');
  });
});
