// Agents under load for crash tests: each simulated agent sends state reports one after the other,
// every report with content of its own (a marker package whose version is the report's number)
// and an `Idempotency-Key`, and retries the SAME report with the SAME key until the server answers
// it — through refused connections while the server is dead, 503s while its database is down —
// as the real agent's queue does. What came back is kept per report, so a test can check
// afterwards that every accepted report is stored, with its content, exactly once.
//
//   const load = keyedReportLoad(agents, () => server.url, { onAnswer: (status, code) => … });
//   await until('flowing', () => load.stats().accepted >= 100);
//   …kill, restart…
//   const end = await load.stop();          // waits for the reports still being retried
//   const check = await checkStoredReports(db, end);
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { state } from './package-states.js';

export interface LoadAgent {
  id: string;
  api_key: string;
}

export interface AcceptedReport {
  endpoint_id: string;
  key: string;
  /** The marker package and the version this report gave it. */
  marker: string;
  version: string;
  state_id: string;
  attempts: number;
  /** Answered from the answer stored by an earlier attempt (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

export interface LoadResult {
  /** HTTP attempts made. */
  sent: number;
  accepted: AcceptedReport[];
  /** Attempts that got no answer (connection refused or reset, timeout). */
  networkFailures: number;
  /** Answers by status (and error code) that were not 2xx. */
  notAccepted: Record<string, number>;
  /** Reports given up on (still unanswered when stop()'s deadline passed). */
  unanswered: number;
}

export interface KeyedLoad {
  stats(): { sent: number; accepted: number; networkFailures: number; replayed: number };
  stop(opts?: { deadlineMs?: number }): Promise<LoadResult>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function keyedReportLoad(
  agents: LoadAgent[],
  baseUrl: () => string,
  opts: { pauseMs?: number; timeoutMs?: number; onAnswer?: (status: number, code: string | undefined) => void } = {},
): KeyedLoad {
  let running = true;
  let giveUpAt = Number.POSITIVE_INFINITY;
  const result: LoadResult = { sent: 0, accepted: [], networkFailures: 0, notAccepted: {}, unanswered: 0 };
  const loops = agents.map(async (a, n) => {
    for (let i = 1; running; i += 1) {
      const marker = `marker-${n}`;
      const version = `${i}-1`;
      const key = `${a.id}:${i}`;
      const body = JSON.stringify(state({ bash: '5.2.026-2', [marker]: version }));
      for (let attempt = 1; ; attempt += 1) {
        if (Date.now() > giveUpAt) {
          result.unanswered += 1;
          return;
        }
        result.sent += 1;
        let res: Response;
        let json: { data?: { state_id?: string }; error?: { code?: string } };
        try {
          res = await fetch(`${baseUrl()}/api/v1/endpoints/${a.id}/state`, {
            method: 'POST',
            headers: { authorization: `Bearer ${a.api_key}`, 'content-type': 'application/json', 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
          });
          json = (await res.json().catch(() => ({}))) as typeof json;
        } catch {
          result.networkFailures += 1;
          await sleep(100);
          continue;
        }
        opts.onAnswer?.(res.status, json.error?.code);
        if (res.status >= 200 && res.status < 300 && json.data?.state_id) {
          result.accepted.push({
            endpoint_id: a.id,
            key,
            marker,
            version,
            state_id: json.data.state_id,
            attempts: attempt,
            replayed: res.headers.get('idempotent-replayed') === 'true',
          });
          break;
        }
        const what = `${res.status}${json.error?.code ? ` ${json.error.code}` : ''}`;
        result.notAccepted[what] = (result.notAccepted[what] ?? 0) + 1;
        // 5xx and 429 are "later"; anything else is this test's own mistake: the next report.
        if (res.status < 500 && res.status !== 429) break;
        await sleep(100);
      }
      await sleep(opts.pauseMs ?? 50);
    }
  });
  return {
    stats: () => ({
      sent: result.sent,
      accepted: result.accepted.length,
      networkFailures: result.networkFailures,
      replayed: result.accepted.filter((r) => r.replayed).length,
    }),
    async stop(o = {}) {
      running = false;
      giveUpAt = Date.now() + (o.deadlineMs ?? 30_000);
      await Promise.all(loops);
      return result;
    },
  };
}

export interface StoredCheck {
  /** Accepted reports whose state is not in the database, or holds other content. */
  lost: AcceptedReport[];
  /** Rows beyond the first of one endpoint's identical content (a report stored twice). */
  duplicates: number;
}

/** Every accepted report's state is stored with its content; no content is stored twice per endpoint. */
export async function checkStoredReports(db: Kysely<Database>, accepted: AcceptedReport[]): Promise<StoredCheck> {
  const byId = new Map<string, Record<string, { version: string }>>();
  const ids = [...new Set(accepted.map((r) => r.state_id))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('package_states')
      .select(['id', 'state_data'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) byId.set(r.id, (r.state_data as { packages: Record<string, { version: string }> }).packages);
  }
  const lost = accepted.filter((r) => byId.get(r.state_id)?.[r.marker]?.version !== r.version);
  const endpoints = [...new Set(accepted.map((r) => r.endpoint_id))];
  let duplicates = 0;
  for (let i = 0; i < endpoints.length; i += 500) {
    const rows = await db
      .selectFrom('package_states')
      .select(['endpoint_id', 'content_hash', (eb) => eb.fn.countAll<number>().as('n')])
      .where('endpoint_id', 'in', endpoints.slice(i, i + 500))
      .groupBy(['endpoint_id', 'content_hash'])
      .execute();
    for (const r of rows) duplicates += Number(r.n) - 1;
  }
  return { lost, duplicates };
}
