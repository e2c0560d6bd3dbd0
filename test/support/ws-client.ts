// A WebSocket client for tests of GET /api/v1/ws against a listening server (the `ws` package
// that @fastify/websocket itself uses; Node 20 has no global WebSocket). Messages are collected
// as they arrive; `next(pred)` waits for the first one (not yet taken) that matches.
//
//   const c = await connectWs(`ws://127.0.0.1:${port}/api/v1/ws`, { key });
//   c.send({ action: 'subscribe', channel: `pool.${id}` });
//   await c.next((m) => m.type === 'subscribed');
//   await c.close();
import WebSocket from 'ws';

export interface WsMessage {
  type: string;
  channel?: string;
  data?: Record<string, unknown> & { [key: string]: unknown };
  error?: { code: string; message: string };
  timestamp: string;
}

export interface WsTestClient {
  /** Every message received so far, in order. */
  messages: WsMessage[];
  send(body: unknown): void;
  sendRaw(text: string): void;
  /** The first message matching `pred` not returned by an earlier next(); rejects after `timeoutMs`. */
  next(pred: (m: WsMessage) => boolean, timeoutMs?: number): Promise<WsMessage>;
  /** Subscribes and waits for the answer (`subscribed` or `error`). */
  subscribe(channel: string): Promise<WsMessage>;
  /** Resolves when the connection is closed, by either side, with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export async function connectWs(url: string, opts: { key?: string } = {}): Promise<WsTestClient> {
  const socket = new WebSocket(url, { headers: opts.key ? { authorization: `Bearer ${opts.key}` } : {} });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const messages: WsMessage[] = [];
  const taken = new Set<WsMessage>();
  const waiters: { pred: (m: WsMessage) => boolean; resolve: (m: WsMessage) => void }[] = [];
  socket.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as WsMessage;
    messages.push(m);
    const i = waiters.findIndex((w) => w.pred(m));
    if (i >= 0) {
      taken.add(m);
      waiters.splice(i, 1)[0]?.resolve(m);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const client: WsTestClient = {
    messages,
    closed,
    send: (body) => socket.send(JSON.stringify(body)),
    sendRaw: (text) => socket.send(text),
    next(pred, timeoutMs = 5000) {
      const ready = messages.find((m) => !taken.has(m) && pred(m));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          pred,
          resolve: (m: WsMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching WebSocket message within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => m.type))}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async subscribe(channel) {
      client.send({ action: 'subscribe', channel });
      return client.next((m) => (m.type === 'subscribed' || m.type === 'error') && m.channel === channel);
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
  return client;
}

/** Opens a socket expecting the server to refuse the upgrade; resolves to the HTTP status. */
export async function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, { headers });
  return new Promise<number>((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('error', (err) => reject(err));
  });
}
