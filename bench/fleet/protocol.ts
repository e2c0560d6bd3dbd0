// Messages between the fleet driver (fleet.ts) and its worker processes (agent-worker.ts).
import type { HistogramData } from './histogram.js';

export interface WorkerInit {
  url: string;
  enrollKey: string;
  seed: number;
  /** This worker's endpoints: numbers first … first + count - 1 of the fleet. */
  first: number;
  count: number;
  namePrefix: string;
  pools: string[];
  timeScale: number;
  heartbeatSeconds: number;
  reportSeconds: number;
  statusSeconds: number;
  /** This worker's share, per simulated minute. */
  setLatestPerMinute: number;
  syncPerMinute: number;
  repositoriesPerMinute: number;
  /** Chance that a 5-minute report follows a handful of upgrades (a full report). */
  changeProbability: number;
  connections: number;
  setupConcurrency: number;
  /** How long a stop waits for the answers still due (an overloaded server may owe many). */
  drainSeconds: number;
  /** Keep the ids of stored states (to check afterwards that every report was stored). */
  collectStateIds: boolean;
}

export interface KindStats {
  latency: HistogramData;
  ok: number;
  /** HTTP status (0: no answer) → count. */
  errors: Record<number, number>;
  /** Every answer, by `status` (2xx/3xx) or `status CODE` (≥ 400, the error code answered). */
  statuses: Record<string, number>;
}

/** What the server acknowledged for one endpoint (2xx answers to its state reports). */
export interface Acknowledged {
  id: string;
  /** State id → content hash, of every full report answered with a state. */
  states: Record<string, string>;
  /** The content hash of the last acknowledged report (full, or hash-only answered 200). */
  last: string | null;
}

export interface WorkerStats {
  kinds: Record<string, KindStats>;
  /** Hash-only reports: accepted (200), unknown to the server (409 → full), refused (400 → full). */
  hash: { accepted: number; unknown: number; unsupported: number };
  upgrades: number;
  /** A request was due while the same machine's previous one (daemon loop, status, report) was still in flight. */
  skippedBusy: number;
  /** Requests still unanswered when the run stopped (after drainSeconds of waiting). */
  unansweredAtStop: number;
  /** Full reports accepted (2xx with a state). */
  fullReports: number;
  stateIds: string[];
}

export type WorkerMessage =
  | { type: 'online' }
  | { type: 'init'; init: WorkerInit }
  | { type: 'ready'; stats: WorkerStats; endpoints: { id: string; pool: string; key: string }[] }
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'stopped' }
  | { type: 'snapshot'; reset: boolean }
  | { type: 'stats'; stats: WorkerStats }
  | { type: 'acks' }
  | { type: 'acked'; endpoints: Acknowledged[] }
  | { type: 'exit' }
  | { type: 'failed'; error: string };
