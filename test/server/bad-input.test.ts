// Bad input to every part-1 route: a 4xx in the API's error envelope, a message naming the
// field, and nothing written (row counts of every table unchanged).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';

interface Ids {
  pool: string;
  otherPool: string;
  endpoint: string;
}

interface BadCase {
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Sent as is (malformed JSON, huge bodies). */
  raw?: string;
  status: number;
  code?: string;
  /** The message must mention this (the field or the problem). */
  mentions: string;
}

const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';

const CASES: BadCase[] = [
  // pools
  { what: 'missing name', method: 'POST', path: () => '/pools', body: () => ({}), status: 400, mentions: 'body.name' },
  { what: 'name of the wrong type', method: 'POST', path: () => '/pools', body: () => ({ name: 42 }), status: 400, mentions: 'body.name' },
  { what: 'blank name', method: 'POST', path: () => '/pools', body: () => ({ name: '   ' }), status: 400, mentions: 'body.name' },
  {
    what: 'unknown property',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', colour: 'red' }),
    status: 400,
    mentions: 'body.colour',
  },
  {
    what: 'unknown setting',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { autosync: true } }),
    status: 400,
    mentions: 'body.settings.autosync',
  },
  {
    what: 'unknown enum value',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { conflict_resolution: 'random' } }),
    status: 400,
    mentions: 'conflict_resolution',
  },
  {
    what: 'boolean as a word',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { auto_sync: 'maybe' } }),
    status: 400,
    mentions: 'auto_sync',
  },
  {
    what: 'max_history 0',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { max_history: 0 } }),
    status: 400,
    mentions: 'max_history',
  },
  {
    what: 'max_history too big',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { max_history: 10_001 } }),
    status: 400,
    mentions: 'max_history',
  },
  {
    what: 'invalid package name',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { excluded_packages: ['Linux'] } }),
    status: 400,
    mentions: 'excluded_packages',
  },
  {
    what: 'unbalanced glob',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { excluded_packages: ['lib[abc'] } }),
    status: 400,
    mentions: 'excluded_packages[0]',
  },
  {
    what: 'reserved repository',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { excluded_repos: ['local'] } }),
    status: 400,
    mentions: 'excluded_repos',
  },
  {
    what: 'invalid cron',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { sync_schedule: 'every night' } }),
    status: 400,
    mentions: 'sync_schedule',
  },
  {
    what: 'cron with 6 fields',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', settings: { sync_schedule: '0 0 2 * * *' } }),
    status: 400,
    mentions: 'sync_schedule',
  },
  { what: 'malformed JSON', method: 'POST', path: () => '/pools', raw: '{"name": "x",', status: 400, mentions: 'not valid JSON' },
  {
    what: 'body too large',
    method: 'POST',
    path: () => '/pools',
    raw: JSON.stringify({ name: 'x', description: 'a'.repeat(1_200_000) }),
    status: 413,
    mentions: 'too large',
  },
  {
    what: 'NUL in a description',
    method: 'POST',
    path: () => '/pools',
    body: () => ({ name: 'x', description: 'a\u0000b' }),
    status: 400,
    mentions: 'body.description',
  },
  { what: 'empty update', method: 'PUT', path: (i) => `/pools/${i.pool}`, body: () => ({}), status: 400, mentions: 'body' },
  { what: 'pool id not a UUID', method: 'GET', path: () => '/pools/lab', status: 400, mentions: 'path.id' },
  { what: 'unknown pool', method: 'GET', path: () => `/pools/${UNKNOWN}`, status: 404, code: 'RESOURCE_NOT_FOUND', mentions: UNKNOWN },
  { what: 'update unknown pool', method: 'PUT', path: () => `/pools/${UNKNOWN}`, body: () => ({ description: 'x' }), status: 404, mentions: UNKNOWN },
  { what: 'delete unknown pool', method: 'DELETE', path: () => `/pools/${UNKNOWN}`, status: 404, mentions: UNKNOWN },
  { what: 'force not a boolean', method: 'DELETE', path: (i) => `/pools/${i.pool}?force=please`, status: 400, mentions: 'query.force' },
  {
    what: 'assign unknown endpoint',
    method: 'POST',
    path: (i) => `/pools/${i.pool}/endpoints`,
    body: () => ({ endpoint_id: UNKNOWN }),
    status: 404,
    mentions: UNKNOWN,
  },
  {
    what: 'assign without endpoint_id',
    method: 'POST',
    path: (i) => `/pools/${i.pool}/endpoints`,
    body: () => ({}),
    status: 400,
    mentions: 'body.endpoint_id',
  },
  {
    what: 'unassign a non-member',
    method: 'DELETE',
    path: (i) => `/pools/${i.otherPool}/endpoints/${i.endpoint}`,
    status: 404,
    mentions: 'member of pool',
  },
  { what: 'states of unknown pool', method: 'GET', path: () => `/pools/${UNKNOWN}/states`, status: 404, mentions: UNKNOWN },
  { what: 'states with bad kind', method: 'GET', path: (i) => `/pools/${i.pool}/states?kind=all`, status: 400, mentions: 'query.kind' },
  {
    what: 'revert to unknown state',
    method: 'POST',
    path: (i) => `/pools/${i.pool}/revert-target`,
    body: () => ({ state_id: UNKNOWN }),
    status: 404,
    mentions: UNKNOWN,
  },
  {
    what: 'revert with bad state id',
    method: 'POST',
    path: (i) => `/pools/${i.pool}/revert-target`,
    body: () => ({ state_id: 7 }),
    status: 400,
    mentions: 'body.state_id',
  },
  { what: 'unknown state', method: 'GET', path: () => `/states/${UNKNOWN}`, status: 404, mentions: UNKNOWN },
  // endpoints
  {
    what: 'endpoint name starting with -',
    method: 'POST',
    path: () => '/endpoints',
    body: () => ({ name: '-x', hostname: 'x' }),
    status: 400,
    mentions: 'body.name',
  },
  {
    what: 'hostname with a space',
    method: 'POST',
    path: () => '/endpoints',
    body: () => ({ name: 'x', hostname: 'bad host' }),
    status: 400,
    mentions: 'body.hostname',
  },
  { what: 'missing hostname', method: 'POST', path: () => '/endpoints', body: () => ({ name: 'x' }), status: 400, mentions: 'body.hostname' },
  {
    what: 'pool_id not a UUID',
    method: 'POST',
    path: () => '/endpoints',
    body: () => ({ name: 'x', hostname: 'x', pool_id: 'lab' }),
    status: 400,
    mentions: 'body.pool_id',
  },
  {
    what: 'unknown pool_id',
    method: 'POST',
    path: () => '/endpoints',
    body: () => ({ name: 'x', hostname: 'x', pool_id: UNKNOWN }),
    status: 404,
    mentions: UNKNOWN,
  },
  {
    what: 'system_info with too many keys',
    method: 'PUT',
    path: (i) => `/endpoints/${i.endpoint}`,
    body: () => ({ system_info: Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`k${k}`, k])) }),
    status: 400,
    mentions: 'body.system_info',
  },
  {
    what: 'move to unknown pool',
    method: 'PUT',
    path: (i) => `/endpoints/${i.endpoint}`,
    body: () => ({ pool_id: UNKNOWN }),
    status: 404,
    mentions: UNKNOWN,
  },
  { what: 'limit 0', method: 'GET', path: () => '/endpoints?limit=0', status: 400, mentions: 'query.limit' },
  { what: 'limit above 1000', method: 'GET', path: () => '/endpoints?limit=5000', status: 400, mentions: 'query.limit' },
  { what: 'negative offset', method: 'GET', path: () => '/endpoints?offset=-1', status: 400, mentions: 'query.offset' },
  { what: 'unknown status filter', method: 'GET', path: () => '/endpoints?status=sleeping', status: 400, mentions: 'query.status' },
  { what: 'unknown query parameter', method: 'GET', path: () => '/endpoints?colour=red', status: 400, mentions: 'query.colour' },
  { what: 'delete unknown endpoint', method: 'DELETE', path: () => `/endpoints/${UNKNOWN}`, status: 404, mentions: UNKNOWN },
  // keys
  { what: 'unknown role', method: 'POST', path: () => '/keys', body: () => ({ role: 'superuser', name: 'x' }), status: 400, mentions: 'body.role' },
  { what: 'key without name', method: 'POST', path: () => '/keys', body: () => ({ role: 'read' }), status: 400, mentions: 'body.name' },
  {
    what: 'expiry not a date',
    method: 'POST',
    path: () => '/keys',
    body: () => ({ role: 'read', name: 'x', expires_at: 'tomorrow' }),
    status: 400,
    mentions: 'body.expires_at',
  },
  { what: 'revoke with bad id', method: 'DELETE', path: () => '/keys/123', status: 400, mentions: 'path.id' },
  // events
  { what: 'since not a date', method: 'GET', path: () => '/events?since=yesterday', status: 400, mentions: 'query.since' },
  { what: 'unknown severity', method: 'GET', path: () => '/events?severity=fatal', status: 400, mentions: 'query.severity' },
];

describe.each(DIALECTS)('bad input (%s)', (dialect) => {
  let api: TestApp;
  let ids: Ids;
  beforeAll(async () => {
    api = await createTestApp(dialect);
    const pool = await makePool(api);
    ids = { pool, otherPool: await makePool(api), endpoint: (await makeEndpoint(api, pool)).id };
  });
  afterAll(() => api.close());

  it.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const body = c.body?.(ids);
    await refusedWithoutWrites(api, {
      ...c,
      path: c.path(ids),
      options: c.raw !== undefined ? { rawBody: c.raw } : body !== undefined ? { body } : {},
    });
  });
});
