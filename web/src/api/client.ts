// The one way the UI talks to the server: /api/v1 with `Authorization: Bearer <key>`, answers
// unwrapped from the envelope `{success, data}`; errors become ApiError with the server's code,
// message and the field it names (shown beside that field by forms).
import type { EnvelopeOf, ErrorEnvelope } from '../../../src/contracts/index.js';
import { getSession, setSession } from './session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** `body.settings.max_history` and the like, when the server names one. */
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message without its `body.x.y: ` prefix (the field is shown beside it already). */
  get detail(): string {
    return this.field && this.message.startsWith(`${this.field}: `) ? this.message.slice(this.field.length + 2) : this.message;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, key = getSession()?.key): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json().catch(() => null)) as EnvelopeOf<T> | ErrorEnvelope | null;
  if (!res.ok || !json || json.success !== true) {
    const err = json && json.success === false ? json.error : { code: 'INTERNAL_ERROR', message: `HTTP ${res.status}`, details: null };
    const details = err.details as { field?: unknown } | null | undefined;
    const field = details && typeof details.field === 'string' ? details.field : null;
    // A key revoked or expired while signed in: back to the sign-in page.
    if (res.status === 401 && key && getSession()?.key === key) setSession(null);
    throw new ApiError(res.status, err.code, err.message, field);
  }
  return json.data;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string, query?: Query) => request<T>('DELETE', withQuery(path, query)),
};
