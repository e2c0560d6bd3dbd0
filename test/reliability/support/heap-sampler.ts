// The server's JavaScript heap after a full garbage collection, sampled over the inspector
// protocol (the server started with `--inspect=127.0.0.1:<port>` in NODE_OPTIONS). RSS alone
// cannot tell a leak from V8 growing its old space lazily and SQLite filling its page cache —
// both climb for minutes on a healthy server — while the heap that survives a full collection
// only grows when something keeps what it should let go.
import WebSocket from 'ws';
import type { MemorySample, MemorySeries } from '../report.js';

interface Inspector {
  call<T>(method: string): Promise<T>;
  close(): void;
}

async function connect(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    const w = msg.id !== undefined ? waiting.get(msg.id) : undefined;
    if (!w) return;
    waiting.delete(msg.id as number);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  // The server gone: every call still waiting fails rather than hangs.
  ws.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error('the inspector connection closed (the server exited?)'));
    waiting.clear();
  });
  return {
    call<T>(method: string): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method }));
      });
    },
    close: () => ws.close(),
  };
}

/**
 * Every `everyMs`, a full collection in the server, then its used heap; `stop()` gives the series
 * (in `rss`, the field the slope is fitted on). A collection every 10 s costs the server a pause
 * of some tens of milliseconds: the soak's answers still count, and no limit is on latency.
 */
export async function sampleHeapAfterGc(label: string, port: number, everyMs = 10_000): Promise<{ stop(): Promise<MemorySeries> }> {
  const inspector = await connect(port);
  const start = Date.now();
  const samples: MemorySample[] = [];
  let busy: Promise<void> = Promise.resolve();
  const take = () =>
    (busy = busy
      .catch(() => undefined)
      .then(async () => {
        await inspector.call('HeapProfiler.collectGarbage');
        const usage = await inspector.call<{ usedSize: number }>('Runtime.getHeapUsage');
        samples.push({ t: Date.now() - start, rss: usage.usedSize });
      }));
  await take();
  // A sample that fails (the server gone) fails stop(), not the process as an unhandled rejection.
  let failure: unknown = null;
  const timer = setInterval(() => void take().catch((err: unknown) => (failure ??= err)), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      if (failure !== null) throw failure;
      await take();
      inspector.close();
      return { label, samples };
    },
  };
}
