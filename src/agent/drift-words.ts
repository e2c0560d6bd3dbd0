// How the agent words a sync status and its drift counts (submit, status, waybar): the counts
// that make the status, in the status's own words — "2 missing, 4 behind", not "6 behind".
import type { DriftView } from '../contracts/report.contract.js';

/** The kinds of drift a package can have, in the order the agent lists them. */
export const DRIFT_KINDS = ['missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

type Counts = Partial<Pick<DriftView, DriftKind>>;

/** `3 missing, 2 behind, 0 ahead, 1 extra, 0 foreign, 0 excluded` */
export function driftLine(d: Counts): string {
  return DRIFT_KINDS.map((k) => `${d[k] ?? 0} ${k}`).join(', ');
}

const some = (parts: [number, string][]): string =>
  parts
    .filter(([n]) => n > 0)
    .map(([n, w]) => `${n} ${w}`)
    .join(', ');

/**
 * The status in a few words: `in sync`, `2 missing, 4 behind`, `1 ahead`, `1 extra` (a pool with
 * remove_extra counts a machine with extra packages as ahead: a sync would remove them).
 */
export function statusWords(status: string, d: Counts): string {
  switch (status) {
    case 'in_sync':
      return 'in sync';
    case 'behind':
      return (
        some([
          [d.missing ?? 0, 'missing'],
          [d.behind ?? 0, 'behind'],
        ]) || 'behind'
      );
    case 'ahead':
      return (
        some([
          [d.ahead ?? 0, 'ahead'],
          [(d.ahead ?? 0) === 0 ? (d.extra ?? 0) : 0, 'extra'],
        ]) || 'ahead'
      );
    case 'sync_pending':
      return 'syncing';
    default:
      return status.replace(/_/g, ' ');
  }
}

/** Why a status is what it is, when its name alone would mislead (empty otherwise). */
export function statusWhy(status: string, d: Counts): string {
  if (status === 'ahead' && (d.ahead ?? 0) === 0 && (d.extra ?? 0) > 0) {
    return ` (${d.extra} extra package(s) not in the target, which the pool's remove_extra removes on sync)`;
  }
  return '';
}
