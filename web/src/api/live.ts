// Live updates over the WebSocket (protocol: src/contracts/realtime.contract.ts). Browsers cannot
// set an Authorization header on a WebSocket and the server offers no other way, so the key goes
// as `?token=` on this one request (the server redacts it from its logs); it never enters the
// page's own URL or history. Messages do not carry whole views: each one invalidates the cached
// queries it concerns, and TanStack Query refetches what is on screen.
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { getSession } from './session.js';

export type LiveState = 'connecting' | 'live' | 'offline';

interface LiveMessage {
  type: string;
  channel?: string;
  data?: Record<string, unknown>;
}

type Listener = (m: LiveMessage) => void;

/** Longest delay between a message and the refetch it causes. */
const FLUSH_MS = 250;

class LiveConnection {
  private socket: WebSocket | null = null;
  private wanted = new Map<string, number>();
  private state: LiveState = 'offline';
  private stateListeners = new Set<() => void>();
  private messageListeners = new Set<Listener>();
  private retry = 1000;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private key: string | null = null;

  constructor(private readonly queryClient: QueryClient) {}

  getState = (): LiveState => this.state;
  onState = (l: () => void): (() => void) => {
    this.stateListeners.add(l);
    return () => this.stateListeners.delete(l);
  };
  onMessage(l: Listener): () => void {
    this.messageListeners.add(l);
    return () => this.messageListeners.delete(l);
  }

  private setState(s: LiveState): void {
    this.state = s;
    for (const l of this.stateListeners) l();
  }

  start(key: string): void {
    if (this.key === key && this.socket) return;
    this.stop();
    this.key = key;
    this.connect();
  }

  stop(): void {
    this.key = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    s?.close(1000);
    this.setState('offline');
  }

  private connect(): void {
    const key = this.key;
    if (!key) return;
    const url = new URL('/api/v1/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', key);
    this.setState('connecting');
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (ev) => this.receive(String(ev.data));
    socket.onopen = () => {
      this.retry = 1000;
      for (const channel of this.wanted.keys()) this.send({ action: 'subscribe', channel });
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState('offline');
      // 4401: the key was revoked or expired: the next API call signs out; do not hammer.
      if (ev.code === 4401 || !this.key) return;
      this.timer = setTimeout(() => this.connect(), this.retry);
      this.retry = Math.min(this.retry * 2, 30_000);
    };
  }

  private send(m: { action: string; channel?: string }): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(m));
  }

  private receive(raw: string): void {
    let m: LiveMessage;
    try {
      m = JSON.parse(raw) as LiveMessage;
    } catch {
      return;
    }
    if (m.type === 'welcome') this.setState('live');
    // An ended subscription is no news (and its pool may be gone): nothing to refetch.
    if (m.channel && m.type !== 'unsubscribed') this.invalidate(m);
    for (const l of this.messageListeners) l(m);
  }

  private pending = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Marks the queries a message concerns as stale. Messages come in bursts (a sync-all, a fleet
   * reporting): they are coalesced so each query refetches at most once per FLUSH_MS.
   */
  private invalidate(m: LiveMessage): void {
    const [kind, id] = (m.channel ?? '').split('.');
    if (!id) return;
    const keys = kind === 'pool' ? [`pool|${id}`, 'pools', 'endpoints', 'dashboard'] : kind === 'endpoint' ? [`endpoint|${id}`] : [];
    if (m.type === 'operation_progress' || m.type === 'sync_status') keys.push('operations');
    for (const k of keys) this.pending.add(k);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.flushTimer = null;
    const keys = [...this.pending];
    this.pending.clear();
    for (const k of keys) void this.queryClient.invalidateQueries({ queryKey: k.split('|') });
  }

  /** Holds a subscription while a component needs it (counted: two views may share one). */
  subscribe(channel: string): () => void {
    const n = this.wanted.get(channel) ?? 0;
    this.wanted.set(channel, n + 1);
    if (n === 0) this.send({ action: 'subscribe', channel });
    return () => {
      const left = (this.wanted.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.wanted.set(channel, left);
        return;
      }
      this.wanted.delete(channel);
      this.send({ action: 'unsubscribe', channel });
    };
  }
}

let live: LiveConnection | null = null;

export function createLive(queryClient: QueryClient): LiveConnection {
  live = new LiveConnection(queryClient);
  return live;
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(live?.onState ?? (() => () => undefined), live?.getState ?? (() => 'offline' as const));
}

/** Keeps `channels` (pool.<id>, endpoint.<id>) subscribed while the calling component is shown. */
export function useLiveChannels(channels: readonly string[]): void {
  const joined = channels.join(' ');
  useEffect(() => {
    if (!live || !joined) return;
    const offs = joined.split(' ').map((c) => live!.subscribe(c));
    return () => offs.forEach((off) => off());
  }, [joined]);
}

export function useLiveMessages(listener: Listener): void {
  useEffect(() => live?.onMessage(listener), [listener]);
}

export function startLive(): void {
  const key = getSession()?.key;
  if (key) live?.start(key);
}

export function stopLive(): void {
  live?.stop();
}
