// API keys must never leave the server through a log line or an error body, yet clients put them
// in URLs (browsers' WebSockets send `?token=`), sometimes percent-encoded (`?%74oken=psk_…`,
// `psk%5F…`) or in places no route reads (`/ws;token=psk_…`). Two layers:
//   redactUrl  — structured: a query parameter whose DECODED name is token/api_key/key, and any
//                path or query piece that decodes to something key-like, become [redacted];
//   redactKeys — the last line: any `psk_…` (plain or percent-encoded) in a text, applied to every
//                log line as it is written and to every error message and details sent.

export const REDACTED = '[redacted]';

/** `psk_` followed by key characters, each letter possibly percent-encoded. */
const KEY_TEXT = /(?:p|%70)(?:s|%73)(?:k|%6b)(?:_|%5f)(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2})+/gi;
const KEY_LIKE = /psk_/i;
const SECRET_PARAMS = new Set(['token', 'api_key', 'key']);

export function redactKeys(text: string): string {
  return text.replace(KEY_TEXT, REDACTED);
}

/** `details` of an error body with every string passed through redactKeys. */
export function redactKeysDeep<T>(value: T): T {
  if (typeof value === 'string') return redactKeys(value) as T;
  if (Array.isArray(value)) return value.map(redactKeysDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactKeysDeep(v)])) as T;
  }
  return value;
}

function decoded(piece: string): string {
  try {
    return decodeURIComponent(piece.replace(/\+/g, ' '));
  } catch {
    return piece;
  }
}

const secretPiece = (piece: string): boolean => KEY_LIKE.test(decoded(piece)) || redactKeys(piece) !== piece;

/** A URL as it may be logged or echoed: `/api/v1/ws?%74oken=psk_…` → `/api/v1/ws?%74oken=[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const safePath = path
    .split(/([/;,=])/)
    .map((p, i) => (i % 2 === 0 && secretPiece(p) ? REDACTED : p))
    .join('');
  if (q < 0) return safePath;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? null : pair.slice(eq + 1);
      const shownName = secretPiece(name) ? REDACTED : name;
      if (value === null) return shownName;
      const secret = SECRET_PARAMS.has(decoded(name).toLowerCase()) || secretPiece(value);
      return `${shownName}=${secret && value !== '' ? REDACTED : value}`;
    })
    .join('&');
  return `${safePath}?${query}`;
}
