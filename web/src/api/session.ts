// The signed-in key. It lives in memory and in sessionStorage (so a reload of this tab keeps the
// session, and closing the tab ends it) — never in localStorage, a cookie or a URL. Sign-out
// clears both.
import type { CallerView } from '../../../src/contracts/index.js';

const STORAGE_KEY = 'pacsync.session';

export interface Session {
  key: string;
  caller: CallerView;
}

let current: Session | null = load();
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(s: Session | null): void {
  current = s;
  if (s) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const l of listeners) l();
}

export function subscribeSession(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Admin keys may change things; read keys see no action buttons at all. */
export function canWrite(): boolean {
  return current?.caller.role === 'admin';
}
