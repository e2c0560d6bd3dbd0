// GET /metrics and /api/v1/metrics (issue #12, item 5): Prometheus text that a real text-format
// parser reads, whose gauges equal what the database holds after pools, endpoints and operations
// were made through the API, whose operation-duration histogram counts the operations' real
// durations (fake clock), whose labels never carry an id or a key, and which honours
// [security] metrics_public.
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageStateData } from '../../src/core/package-state.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const TARGET = state({ bash: '5.2.026-2', glibc: '2.39-1' });
const OLD = state({ bash: '5.2.015-1', glibc: '2.39-1' });
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function family(families: ParsedFamily[], name: string): ParsedFamily {
  const f = families.find((x) => x.name === name);
  if (!f) throw new Error(`metric ${name} missing; have ${families.map((x) => x.name).join(', ')}`);
  return f;
}

/** label value (or '' without labels) → value, of a gauge family. */
function samples(f: ParsedFamily, label?: string): Record<string, number> {
  return Object.fromEntries(f.metrics.map((m) => [label ? (m.labels?.[label] ?? '') : '', Number(m.value)]));
}

/** One label set of a histogram, from the text's `_bucket`, `_sum` and `_count` lines. */
function histogramSamples(text: string, name: string, labels: Record<string, string>) {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const out = { buckets: {} as Record<string, number>, sum: NaN, count: NaN };
  for (const line of text.split('\n')) {
    const m = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || !m[1]?.startsWith(name) || !want.every((w) => m[2]?.split(',').includes(w))) continue;
    const value = Number(m[3]);
    if (m[1] === `${name}_bucket`) out.buckets[/le="([^"]+)"/.exec(m[2] ?? '')?.[1] ?? '?'] = value;
    if (m[1] === `${name}_sum`) out.sum = value;
    if (m[1] === `${name}_count`) out.count = value;
  }
  return out;
}

describe.each(DIALECTS)('metrics (%s)', (dialect) => {
  let api: TestApp;
  afterEach(() => api.close());

  const scrape = async (url = '/metrics', key?: string) => {
    const res = await api.app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
    return res;
  };

  describe('public (the default)', () => {
    beforeEach(async () => {
      api = await createTestApp(dialect);
    });

    const report = async (ep: { id: string; key: string }, s: PackageStateData) => {
      const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: s });
      expect(res.statusCode, res.body).toBe(200);
    };
    /** A sync of `ep` that its agent starts, and `seconds` later completes or fails. */
    const runSync = async (ep: { id: string; key: string }, seconds: number, outcome: 'complete' | 'fail') => {
      const created = await api.request<{ operation: { id: string } }>('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: {} });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().data.operation.id;
      expect((await api.request('POST', `/operations/${id}/progress`, { key: ep.key, body: { progress: 5 } })).statusCode).toBe(200);
      api.clock.advance(seconds * 1000);
      const body = outcome === 'complete' ? {} : { error_message: 'pacman: failed to commit transaction' };
      const done = await api.request('POST', `/operations/${id}/${outcome}`, { key: ep.key, body });
      expect(done.statusCode, done.body).toBe(200);
    };

    it('parses as Prometheus text and its gauges equal the counts in the database', async () => {
      const lab = await makePool(api, 'lab');
      await makePool(api, 'render');
      const ref = await makeEndpoint(api, lab);
      await report(ref, TARGET);
      expect((await api.request('POST', `/endpoints/${ref.id}/set-latest`, { key: ref.key, body: {} })).statusCode).toBe(201);
      const a = await makeEndpoint(api, lab);
      const b = await makeEndpoint(api, lab);
      await makeEndpoint(api, null);
      await report(a, OLD);
      await report(b, OLD);
      await runSync(a, 40, 'complete');
      await runSync(b, 3, 'fail');

      const res = await scrape();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const families = parsePrometheusTextFormat(res.body);

      const count = async (table: 'pools' | 'endpoints') =>
        Number(
          (
            await api.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const grouped = async (column: 'status' | 'sync_status') =>
        Object.fromEntries(
          (
            await api.db
              .selectFrom('endpoints')
              .select([column, (eb) => eb.fn.countAll<number>().as('n')])
              .groupBy(column)
              .execute()
          ).map((r) => [r[column as 'status'], Number(r.n)]),
        );
      expect(samples(family(families, 'pacman_sync_pools_total'))).toEqual({ '': await count('pools') });
      expect(samples(family(families, 'pacman_sync_endpoints_total'))).toEqual({ '': await count('endpoints') });
      expect(samples(family(families, 'pacman_sync_endpoints_by_status'), 'status')).toEqual(await grouped('status'));
      expect(samples(family(families, 'pacman_sync_endpoints_by_sync_status'), 'sync_status')).toEqual(await grouped('sync_status'));
      // b's failure put it in `error`: the gauges saw the change.
      expect(samples(family(families, 'pacman_sync_endpoints_by_status'), 'status').error).toBe(1);

      const ops = await api.db
        .selectFrom('sync_operations')
        .select(['operation_type', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['operation_type', 'status'])
        .execute();
      const opGauge = family(families, 'pacman_sync_operations_total');
      expect(Object.fromEntries(opGauge.metrics.map((m) => [`${m.labels?.type}/${m.labels?.status}`, Number(m.value)]))).toEqual(
        Object.fromEntries(ops.map((o) => [`${o.operation_type}/${o.status}`, Number(o.n)])),
      );

      // The histogram holds the two syncs' real durations: 40 s (completed) and 3 s (failed). (The
      // parser folds a histogram's label sets into one, so its samples are read line by line.)
      expect(family(families, 'pacman_sync_operation_duration_seconds').type).toBe('HISTOGRAM');
      const of = (status: string) => histogramSamples(res.body, 'pacman_sync_operation_duration_seconds', { type: 'sync_to_latest', status });
      expect(of('completed')).toMatchObject({ count: 1, sum: 40, buckets: { '30': 0, '60': 1, '+Inf': 1 } });
      expect(of('failed')).toMatchObject({ count: 1, sum: 3, buckets: { '1': 0, '5': 1, '+Inf': 1 } });

      // Requests by route pattern; process metrics; the connection pool.
      expect(family(families, 'pacman_sync_http_request_duration_seconds').type).toBe('HISTOGRAM');
      expect(
        histogramSamples(res.body, 'pacman_sync_http_request_duration_seconds', {
          method: 'POST',
          route: '/api/v1/endpoints/:id/state',
          status_code: '200',
        }).count,
      ).toBe(3);
      expect(family(families, 'process_cpu_user_seconds_total').metrics).toHaveLength(1);
      expect(samples(family(families, 'pacman_sync_db_pool_max'))).toEqual({ '': dialect === 'pg' ? 5 : 1 });
      expect(samples(family(families, 'pacman_sync_db_pool_waiting'))).toEqual({ '': 0 });

      // No label anywhere holds an id or a key.
      const labels = [...res.body.matchAll(/="([^"]*)"/g)].map((m) => m[1] ?? '');
      expect(labels.length).toBeGreaterThan(10);
      expect(labels.filter((v) => UUID.test(v) || v.includes('psk_'))).toEqual([]);
      expect(res.body).not.toMatch(UUID);

      // The same under /api/v1.
      const again = await scrape('/api/v1/metrics');
      expect(again.statusCode).toBe(200);
      expect(samples(family(parsePrometheusTextFormat(again.body), 'pacman_sync_endpoints_total'))).toEqual({ '': await count('endpoints') });
    });

    it('a request no route matched is counted as `unmatched`, never by its URL', async () => {
      const secret = 'psk_' + 'x'.repeat(40);
      expect((await api.app.inject({ method: 'GET', url: `/api/v1/nothing/${secret}` })).statusCode).toBe(404);
      const body = (await scrape()).body;
      expect(body).not.toContain(secret);
      expect(body).toMatch(/pacman_sync_http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/);
    });
  });

  describe('with metrics_public = false', () => {
    beforeEach(async () => {
      api = await createTestApp(dialect, { env: { PACSYNC_SECURITY_METRICS_PUBLIC: 'false' } });
    });

    it('refuses without a valid admin or read key and answers with one', async () => {
      const read = await makeKey(api, 'read');
      const ep = await makeEndpoint(api, await makePool(api));
      for (const url of ['/metrics', '/api/v1/metrics']) {
        const none = await scrape(url);
        expect(none.statusCode, url).toBe(401);
        expect(none.json()).toMatchObject({ success: false, error: { code: 'AUTHENTICATION_REQUIRED' } });
        expect((await scrape(url, 'psk_' + 'y'.repeat(43))).statusCode).toBe(401);
        const asEndpoint = await scrape(url, ep.key);
        expect(asEndpoint.statusCode, url).toBe(403);
        expect(asEndpoint.json()).toMatchObject({ error: { code: 'INSUFFICIENT_PERMISSIONS' } });
        for (const key of [read.key, api.adminKey]) {
          const ok = await scrape(url, key);
          expect(ok.statusCode, url).toBe(200);
          expect(samples(family(parsePrometheusTextFormat(ok.body), 'pacman_sync_endpoints_total'))).toEqual({ '': 1 });
        }
      }
    });
  });
});
