// Bad input to the reports and operations routes: a 4xx in the error envelope whose message names
// the field or the problem, no stack trace, and nothing written (row counts of every table equal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STATE_PACKAGES, STATE_BODY_LIMIT_BYTES } from '../../src/contracts/package.contract.js';
import { createTestApp, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { pkg, state } from '../support/package-states.js';

interface Ids {
  pool: string;
  ep: { id: string; key: string };
  loner: { id: string; key: string };
  op: string;
}

interface BadCase {
  what: string;
  path: (i: Ids) => string;
  method?: 'GET' | 'POST';
  body?: (i: Ids) => unknown;
  raw?: () => string;
  /** Sent with the endpoint's own key unless `admin`. */
  admin?: boolean;
  status: number;
  code?: string;
  mentions: string;
}

const UNKNOWN = '00000000-0000-4000-8000-00000000beef';
const good = () => state({ bash: '5.2.026-2' });
const withPackage = (name: string, p: unknown) => ({ packages: { [name]: p }, metadata: {} });

function hugeState(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`"p${i}":{"version":"1.0-1","repository":"core","size":1,"dependencies":[],"install_date":null}`);
  return `{"packages":{${parts.join(',')}},"metadata":{}}`;
}

const CASES: BadCase[] = [
  // One package too many, in a body (~5 MB) under the report size limit.
  {
    what: `${MAX_STATE_PACKAGES + 1} packages`,
    path: (i) => `/endpoints/${i.ep.id}/state`,
    raw: () => hugeState(MAX_STATE_PACKAGES + 1),
    status: 400,
    mentions: `body.packages: must NOT have more than ${MAX_STATE_PACKAGES}`,
  },
  {
    what: 'a body over the limit',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    raw: () => `{"packages":{},"metadata":{"capture_method":"${'a'.repeat(STATE_BODY_LIMIT_BYTES)}"}}`,
    status: 413,
    mentions: `limit ${STATE_BODY_LIMIT_BYTES} bytes, 8 MiB: [server] max_report_size`,
  },
  {
    what: 'version without pkgrel',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('bash', pkg('5.2')),
    status: 400,
    mentions: 'body.packages.bash.version',
  },
  {
    what: 'version with a space',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('bash', pkg('5.2 beta-1')),
    status: 400,
    mentions: 'body.packages.bash.version',
  },
  {
    what: 'upper-case package name',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('Bash', pkg('5.2-1')),
    status: 400,
    mentions: 'body.packages.Bash: is not a valid name',
  },
  {
    what: 'name starting with a dash',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('-bash', pkg('5.2-1')),
    status: 400,
    mentions: 'body.packages.-bash',
  },
  {
    what: 'dependency with a space',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('bash', pkg('5.2-1', { depends: ['glibc 2.39'] })),
    status: 400,
    mentions: 'body.packages.bash.dependencies.0',
  },
  {
    what: 'negative size',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('bash', pkg('5.2-1', { size: -1 })),
    status: 400,
    mentions: 'body.packages.bash.size',
  },
  {
    what: 'size as text',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('bash', { ...pkg('5.2-1'), size: '12' }),
    status: 400,
    mentions: 'body.packages.bash.size',
  },
  {
    what: 'unknown package field',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => withPackage('bash', { ...pkg('5.2-1'), colour: 'red' }),
    status: 400,
    mentions: 'body.packages.bash.colour',
  },
  { what: 'missing metadata', path: (i) => `/endpoints/${i.ep.id}/state`, body: () => ({ packages: {} }), status: 400, mentions: 'body.metadata' },
  {
    what: 'server-only metadata',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => ({ packages: {}, metadata: { inconsistent: true } }),
    status: 400,
    mentions: 'body.metadata.inconsistent',
  },
  {
    what: 'unbalanced exclusion glob',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    body: () => ({ packages: {}, metadata: { excluded_packages: ['linux', 'lib[abc'] } }),
    status: 400,
    mentions: 'body.metadata.excluded_packages[1]',
  },
  {
    what: '__proto__ as a package',
    path: (i) => `/endpoints/${i.ep.id}/state`,
    raw: () => '{"packages":{"__proto__":{"version":"1-1"}},"metadata":{}}',
    status: 400,
    mentions: 'body',
  },
  { what: 'state of an unknown endpoint', admin: true, path: () => `/endpoints/${UNKNOWN}/state`, body: good, status: 404, mentions: UNKNOWN },
  { what: 'unknown details flag', path: (i) => `/endpoints/${i.ep.id}/state?details=maybe`, body: good, status: 400, mentions: 'query.details' },
  {
    what: 'a repository reported twice',
    path: (i) => `/endpoints/${i.ep.id}/repositories`,
    body: () => ({
      repositories: [
        { name: 'core', url: null, packages: {} },
        { name: 'core', url: null, packages: {} },
      ],
    }),
    status: 400,
    mentions: 'body.repositories[1].name',
  },
  {
    what: "repository named 'local'",
    path: (i) => `/endpoints/${i.ep.id}/repositories`,
    body: () => ({ repositories: [{ name: 'local', url: null, packages: {} }] }),
    status: 400,
    mentions: 'body.repositories.0.name',
  },
  {
    what: 'repository package with a bad version',
    path: (i) => `/endpoints/${i.ep.id}/repositories`,
    body: () => ({ repositories: [{ name: 'core', url: null, packages: { bash: { version: 'latest' } } }] }),
    status: 400,
    mentions: 'body.repositories.0.packages.bash.version',
  },
  // operations
  {
    what: 'sync with an unbalanced exclusion',
    path: (i) => `/endpoints/${i.ep.id}/sync`,
    body: () => ({ exclude: ['lib[abc'] }),
    status: 400,
    mentions: 'body.exclude[0]',
  },
  {
    what: 'sync with dry_run as text',
    path: (i) => `/endpoints/${i.ep.id}/sync`,
    body: () => ({ dry_run: 'yes' }),
    status: 400,
    mentions: 'body.dry_run',
  },
  {
    what: 'sync of packages nobody has',
    path: (i) => `/endpoints/${i.ep.id}/sync`,
    body: () => ({ packages: ['nonexistent'] }),
    status: 400,
    mentions: 'nonexistent',
  },
  {
    what: 'sync outside any pool',
    path: (i) => `/endpoints/${i.loner.id}/sync`,
    body: () => ({}),
    admin: true,
    status: 422,
    code: 'INVALID_STATE',
    mentions: 'in no pool',
  },
  {
    what: 'set-latest of packages not installed',
    path: (i) => `/endpoints/${i.ep.id}/set-latest`,
    body: () => ({ packages: ['zsh'] }),
    status: 400,
    mentions: 'not installed on this endpoint: zsh',
  },
  {
    what: 'set-latest with an unknown option',
    path: (i) => `/endpoints/${i.ep.id}/set-latest`,
    body: () => ({ mesage: 'typo' }),
    status: 400,
    mentions: 'body.mesage',
  },
  {
    what: 'revert to an unknown state',
    path: (i) => `/endpoints/${i.ep.id}/revert`,
    body: () => ({ target_state_id: UNKNOWN }),
    status: 404,
    mentions: UNKNOWN,
  },
  { what: 'progress over 100', path: (i) => `/operations/${i.op}/progress`, body: () => ({ progress: 101 }), status: 400, mentions: 'body.progress' },
  {
    what: 'progress without a value',
    path: (i) => `/operations/${i.op}/progress`,
    body: () => ({ step: 'x' }),
    status: 400,
    mentions: 'body.progress',
  },
  { what: 'fail without a message', path: (i) => `/operations/${i.op}/fail`, body: () => ({}), status: 400, mentions: 'body.error_message' },
  {
    what: 'complete with a bad state',
    path: (i) => `/operations/${i.op}/complete`,
    body: () => ({ state: withPackage('bash', pkg('5.2')) }),
    status: 400,
    mentions: 'body.state.packages.bash.version',
  },
  {
    what: 'complete with a bad exclusion in the state',
    path: (i) => `/operations/${i.op}/complete`,
    body: () => ({ state: { packages: {}, metadata: { excluded_packages: ['[x'] } } }),
    status: 400,
    mentions: 'body.state.metadata.excluded_packages[0]',
  },
  {
    what: 'progress on an unknown operation',
    path: () => `/operations/${UNKNOWN}/progress`,
    body: () => ({ progress: 1 }),
    status: 404,
    mentions: UNKNOWN,
  },
  // pools
  {
    what: 'drift history limit 0',
    method: 'GET',
    admin: true,
    path: (i) => `/pools/${i.pool}/drift-history?limit=0`,
    status: 400,
    mentions: 'query.limit',
  },
  {
    what: 'drift history since not a date',
    method: 'GET',
    admin: true,
    path: (i) => `/pools/${i.pool}/drift-history?since=yesterday`,
    status: 400,
    mentions: 'query.since',
  },
  { what: 'analysis of an unknown pool', method: 'GET', admin: true, path: () => `/pools/${UNKNOWN}/analysis`, status: 404, mentions: UNKNOWN },
  {
    what: 'analysis before any run',
    method: 'GET',
    admin: true,
    path: (i) => `/pools/${i.pool}/analysis`,
    status: 404,
    mentions: 'no repository analysis yet',
  },
  { what: 'sync-all of an unknown pool', admin: true, path: () => `/pools/${UNKNOWN}/sync-all`, body: () => ({}), status: 404, mentions: UNKNOWN },
];

describe.each(DIALECTS)('bad input to reports and operations (%s)', (dialect) => {
  let api: TestApp;
  let ids: Ids;
  beforeAll(async () => {
    api = await createTestApp(dialect);
    const pool = await makePool(api);
    const ep = await makeEndpoint(api, pool);
    const key = { key: ep.key };
    await api.request('POST', `/endpoints/${ep.id}/state`, { ...key, body: good() });
    await api.request('POST', `/endpoints/${ep.id}/set-latest`, { ...key, body: {} });
    const op = (await api.request<{ operation: { id: string } }>('POST', `/endpoints/${ep.id}/sync`, { ...key, body: {} })).json().data.operation.id;
    ids = { pool, ep, loner: await makeEndpoint(api, null), op };
  });
  afterAll(() => api.close());

  it.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const body = c.body?.(ids);
    await refusedWithoutWrites(api, {
      ...c,
      method: c.method ?? 'POST',
      path: c.path(ids),
      options: {
        key: c.admin ? api.adminKey : ids.ep.key,
        ...(c.raw !== undefined ? { rawBody: c.raw() } : body !== undefined ? { body } : {}),
      },
    });
  });

  it('the pending operation survived all of it untouched', async () => {
    const op = (await api.request<{ status: string; progress: number }>('GET', `/operations/${ids.op}`, { key: ids.ep.key })).json().data;
    expect(op).toMatchObject({ status: 'pending', progress: 0 });
  });
});
