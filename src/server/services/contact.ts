// How often agent contact and key use are written. Every authenticated request used to be able to
// write (api_keys.last_used, endpoints.last_seen): on PostgreSQL a GET then costs a commit. Both
// are therefore written only when the stored value is older than a resolution, decided from the
// row the request read anyway — so several instances on one PostgreSQL throttle alike, with no
// shared memory: whichever instance sees a stale value writes it.
//
// Offline detection (`[features] offline_after`, the detect-offline-endpoints job) compares
// last_seen with now − offline_after. A throttled last_seen lags the last contact by less than the
// resolution, so the resolution is kept at a quarter of offline_after (and at most a minute): an
// agent heartbeating every minute is never seen as silent for offline_after minutes. An endpoint
// marked offline is written at its next contact whatever the resolution.

/** api_keys.last_used is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** An online endpoint's last_seen is written at most this often (with offline_after ≥ 4 min). */
export const MAX_LAST_SEEN_RESOLUTION_MS = 60_000;

const MINUTE = 60_000;

/** The last_seen resolution for an `offline_after` (minutes): a quarter of it, at most a minute. */
export function lastSeenResolutionMs(offlineAfterMinutes: number): number {
  return Math.min(MAX_LAST_SEEN_RESOLUTION_MS, Math.floor((offlineAfterMinutes * MINUTE) / 4));
}

/** True when `iso` is missing or at least `ms` before `now`. */
export function olderThan(iso: string | null, now: Date, ms: number): boolean {
  return iso === null || now.getTime() - Date.parse(iso) >= ms;
}

/** Should contact from this endpoint now be written (markEndpointSeen)? */
export function contactIsDue(endpoint: { status: string | null; last_seen: string | null }, now: Date, resolutionMs: number): boolean {
  return endpoint.status === 'offline' || olderThan(endpoint.last_seen, now, resolutionMs);
}
