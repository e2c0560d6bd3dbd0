// The soak's proof that nothing acknowledged was lost: what the fleet's agents were told by the
// server (bench/fleet Acknowledged: per endpoint, every state id and content hash answered to a
// full report, and the hash of the last acknowledged report) against what the database holds.
//   lost        an acknowledged state id that is not stored (beyond what retention may have
//               deleted, see below), a stored state whose content_hash column differs from the
//               one acknowledged, an endpoint whose current state is not the last one
//               acknowledged, or a current state whose stored content no longer hashes to it
//   duplicates  a report state stored for an endpoint that no answer acknowledged
// Retention (`[features] max_state_history`, default 50 per pool, the daily clean-up-retention
// job) deletes superseded report states legitimately: with pools of hundreds of members the
// history is far beyond 50, so a run of that job during the soak would delete many acknowledged
// states. A missing acknowledged state therefore counts as lost unless (a) clean-up-retention ran
// in this database, (b) the state is not its endpoint's current one (retention never deletes
// those) and (c) all such missing states together are no more than retention said it deleted.
import type { Kysely } from 'kysely';
import type { Acknowledged } from '../../../bench/fleet/fleet.js';
import type { Database } from '../../../src/db/schema.js';
import { contentHash } from '../../../src/server/domain/state-normalisation.js';

export interface AcknowledgedCheck {
  endpoints: number;
  /** Acknowledged (distinct) report states, and how many of them are stored. */
  acknowledgedStates: number;
  storedStates: number;
  /** Current states whose stored state_data was hashed again. */
  contentRehashed: number;
  /** States retention said it deleted (clean-up-retention runs in this database). */
  retentionDeleted: number;
  /** Missing acknowledged states put down to retention. */
  missingByRetention: number;
  lost: number;
  duplicates: number;
  samples: string[];
}

const BATCH = 50;

export async function checkAcknowledged(db: Kysely<Database>, acked: readonly Acknowledged[]): Promise<AcknowledgedCheck> {
  const out: AcknowledgedCheck = {
    endpoints: acked.length,
    acknowledgedStates: 0,
    storedStates: 0,
    contentRehashed: 0,
    retentionDeleted: 0,
    missingByRetention: 0,
    lost: 0,
    duplicates: 0,
    samples: [],
  };
  const sample = (s: string) => out.samples.length < 20 && out.samples.push(s);

  const runs = await db.selectFrom('job_runs').select(['counts']).where('job', '=', 'clean-up-retention').execute();
  out.retentionDeleted = runs.reduce((n, r) => n + (Number(r.counts.package_states) || 0), 0);

  const stored = new Map<string, { endpoint: string; hash: string | null }>();
  const byEndpoint = new Map<string, string[]>();
  for (const r of await db
    .selectFrom('package_states')
    .select(['id', 'endpoint_id', 'content_hash'])
    .where('endpoint_id', 'is not', null)
    .where('is_target', '=', false)
    .execute()) {
    const endpoint = r.endpoint_id as string;
    stored.set(r.id, { endpoint, hash: r.content_hash });
    const list = byEndpoint.get(endpoint);
    if (list) list.push(r.id);
    else byEndpoint.set(endpoint, [r.id]);
  }
  const current = new Map((await db.selectFrom('endpoints').select(['id', 'current_state_id']).execute()).map((e) => [e.id, e.current_state_id]));

  const missing: string[] = [];
  for (const a of acked) {
    const cur = current.get(a.id) ?? null;
    for (const [id, hash] of Object.entries(a.states)) {
      out.acknowledgedStates += 1;
      const s = stored.get(id);
      if (!s) {
        // A missing current state is counted once, by the current-state check below.
        if (id !== cur) missing.push(`endpoint ${a.id}: acknowledged state ${id} is not stored`);
        continue;
      }
      out.storedStates += 1;
      if (s.endpoint !== a.id || s.hash !== hash) {
        out.lost += 1;
        sample(`endpoint ${a.id}: state ${id} is stored as ${s.endpoint}/${s.hash}, acknowledged as ${a.id}/${hash}`);
      }
    }
    const curHash = cur ? stored.get(cur)?.hash : undefined;
    if (a.last !== null && curHash !== a.last) {
      out.lost += 1;
      sample(`endpoint ${a.id}: current state ${cur ?? 'none'} has hash ${curHash ?? 'none'}, last acknowledged ${a.last}`);
    }
    for (const id of byEndpoint.get(a.id) ?? []) {
      if (!(id in a.states)) {
        out.duplicates += 1;
        sample(`endpoint ${a.id}: stored state ${id} was never acknowledged`);
      }
    }
  }
  if (missing.length > 0 && runs.length > 0 && missing.length <= out.retentionDeleted) out.missingByRetention = missing.length;
  else {
    out.lost += missing.length;
    for (const m of missing) sample(m);
  }

  // The content itself: every current state's stored state_data hashes to the acknowledged hash.
  const want = new Map(acked.filter((a) => a.last !== null).map((a) => [current.get(a.id) ?? '', a]));
  want.delete('');
  const ids = [...want.keys()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db
      .selectFrom('package_states')
      .select(['id', 'state_data'])
      .where('id', 'in', ids.slice(i, i + BATCH))
      .execute();
    for (const r of rows) {
      out.contentRehashed += 1;
      const a = want.get(r.id) as Acknowledged;
      const h = contentHash(r.state_data);
      if (h !== a.last) {
        out.lost += 1;
        sample(`endpoint ${a.id}: current state ${r.id} holds content hashing to ${h}, acknowledged ${a.last}`);
      }
    }
  }
  return out;
}
