// Reporting this machine's package state without resending an unchanged one (issue #17). The
// server answers every state report with the content hash it computed (sha256 of core's
// canonicalStateText); the agent remembers that hash per endpoint in
// `<state dir>/acknowledged-state.json`. When the state it is about to report has the same hash
// (computed here the same way), it sends only `{content_hash}` — a few bytes instead of ~320 KiB
// — and the server answers as for the full unchanged state. A 409 STATE_HASH_UNKNOWN (the server
// lost or replaced that state, or the machine moved pools) makes it send the full state at once.
//
// The file is a cache: a missing, damaged or unwritable one only costs a full report, and two
// processes writing it at once leave one of their answers (each replaces it atomically).
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StateReportBody } from '../contracts/package.contract.js';
import type { StateReportResult } from '../contracts/report.contract.js';
import type { PackageStateData } from '../core/package-state.js';
import { canonicalStateText } from '../core/state.js';
import { ApiError, type ApiClient } from './api-client.js';

export const ACKNOWLEDGED_STATE_FILE = 'acknowledged-state.json';

/** The content hash the server computes for this state (report.service.ts contentHash). */
export function stateContentHash(state: StateReportBody | PackageStateData): string {
  return createHash('sha256')
    .update(canonicalStateText(state as PackageStateData), 'utf8')
    .digest('hex');
}

/** The hash the server last acknowledged for an endpoint, kept in the agent's state directory. */
export class AcknowledgedState {
  readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, ACKNOWLEDGED_STATE_FILE);
  }

  get(endpointId: string): string | null {
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as { endpoint_id?: unknown; content_hash?: unknown };
      return v.endpoint_id === endpointId && typeof v.content_hash === 'string' ? v.content_hash : null;
    } catch {
      return null;
    }
  }

  set(endpointId: string, contentHash: string): void {
    const tmp = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(tmp, `${JSON.stringify({ endpoint_id: endpointId, content_hash: contentHash })}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true });
    }
  }

  forget(): void {
    rmSync(this.file, { force: true });
  }
}

/**
 * Reports `state` for `endpointId`: only its hash when the server acknowledged that hash last
 * time, else (or when the server no longer knows it) in full. Remembers the hash answered.
 */
export async function reportState(
  client: ApiClient,
  endpointId: string,
  state: StateReportBody | PackageStateData,
  memory: AcknowledgedState | null,
  opts: { details?: boolean; idempotencyKey?: string } = {},
): Promise<StateReportResult> {
  const hash = stateContentHash(state);
  if (memory !== null && memory.get(endpointId) === hash) {
    try {
      return await client.submitState(endpointId, { content_hash: hash }, opts);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'STATE_HASH_UNKNOWN')) throw err;
      memory.forget();
    }
  }
  const reply = await client.submitState(endpointId, state as StateReportBody, opts);
  memory?.set(endpointId, reply.content_hash);
  return reply;
}
