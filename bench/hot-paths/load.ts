// Closed-loop load for the hot-path benchmarks: `concurrency` clients over one keep-alive pool,
// each sending its next request as soon as the previous one is answered, for `seconds`.
import { Pool } from 'undici';
import { emptyHistogram, percentile, record } from '../fleet/histogram.js';

/** "STATUS CODE message" of an error answer, short enough for a table cell. */
export function errorText(status: number, text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (e) return `${status} ${e.code ?? ''} ${e.message ?? ''}`.slice(0, 90);
  } catch {
    // not JSON: the raw start
  }
  return `${status} ${text.slice(0, 80)}`;
}

export interface Req {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: Record<number, number>;
  /** The first answer that was not a 2xx (to say why a path failed). */
  firstError: string | null;
}

export async function closedLoop(
  url: string,
  o: {
    seconds: number;
    concurrency: number;
    next: (client: number, seq: number) => Req;
    onAnswer?: (client: number, seq: number, status: number, body: string) => void;
  },
): Promise<LoadResult> {
  const pool = new Pool(url, { connections: o.concurrency, keepAliveTimeout: 30_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const h = emptyHistogram();
  const errors: Record<number, number> = {};
  let firstError: string | null = null;
  let count = 0;
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.concurrency }, async (_, c) => {
      for (let seq = 0; performance.now() < end; seq += 1) {
        const r = o.next(c, seq);
        const s = performance.now();
        let status = 0;
        let text = '';
        try {
          const res = await pool.request({
            method: r.method,
            path: r.path,
            headers: { ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
            body: r.body,
          });
          status = res.statusCode;
          text = await res.body.text();
        } catch (e) {
          text = String(e);
        }
        record(h, performance.now() - s);
        if (status >= 200 && status < 300) count += 1;
        else {
          errors[status] = (errors[status] ?? 0) + 1;
          firstError ??= errorText(status, text);
        }
        o.onAnswer?.(c, seq, status, text);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  await pool.close();
  return { count, perSecond: count / wall, p50: percentile(h, 0.5), p99: percentile(h, 0.99), errors, firstError };
}

/** Sequential timings of one request (set-latest, analysis, diff): the median and the worst. */
export async function timed(
  url: string,
  runs: number,
  next: (i: number) => Req,
): Promise<{ median: number; max: number; errors: number; firstError: string | null }> {
  const times: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  for (let i = 0; i < runs; i += 1) {
    const r = next(i);
    const s = performance.now();
    const res = await fetch(`${url}${r.path}`, {
      method: r.method,
      headers: { ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
      body: r.body,
    });
    const text = await res.text();
    times.push(performance.now() - s);
    if (!res.ok) {
      errors += 1;
      firstError ??= errorText(res.status, text);
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, max: times.at(-1) ?? 0, errors, firstError };
}
