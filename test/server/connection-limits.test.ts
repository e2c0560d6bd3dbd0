// The listening server bounds what a client can hold: a slow-header or slow-body connection is
// closed within `[server] headers_timeout` / `request_timeout` (configured small here; the bounds
// asserted are generous), connections beyond `[server] max_connections` are closed as they
// arrive, and a WebSocket is not cut off by the request timeout. Not a database test: SQLite only.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { connectWs } from '../support/ws-client.js';

/** Opens a TCP connection, sends `text`, and resolves with what came back once the server closes it. */
function openRaw(port: number, text: string): { socket: Socket; closed: Promise<{ data: string; afterMs: number }> } {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.on('data', (chunk) => (data += chunk.toString()));
  socket.on('error', () => {});
  if (text) socket.write(text);
  const closed = new Promise<{ data: string; afterMs: number }>((resolve) =>
    socket.on('close', () => resolve({ data, afterMs: Date.now() - started })),
  );
  return { socket, closed };
}

describe('connection limits of the listening server', () => {
  let api: TestApp;
  let port: number;
  beforeEach(async () => {
    api = await createTestApp('sqlite', {
      env: { PACSYNC_SERVER_HEADERS_TIMEOUT: '1', PACSYNC_SERVER_REQUEST_TIMEOUT: '2', PACSYNC_SERVER_MAX_CONNECTIONS: '4' },
    });
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    port = (api.app.server.address() as AddressInfo).port;
  });
  afterEach(() => api.close());

  it('closes a connection whose headers never end, and one whose body never ends', async () => {
    const slowHeaders = openRaw(port, 'GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n');
    const slowBody = openRaw(
      port,
      `POST /api/v1/pools HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.adminKey}\r\nContent-Type: ` +
        `application/json\r\nContent-Length: 1000\r\n\r\n{"name":`,
    );
    // Node's defaults held them ~90 s; the bounds here are 1 s and 2 s, checked every second.
    const [h, b] = await Promise.all([slowHeaders.closed, slowBody.closed]);
    expect(h.afterMs).toBeLessThan(10_000);
    expect(b.afterMs).toBeLessThan(10_000);
    expect(h.data).toMatch(/^HTTP\/1\.1 408/);
    expect(b.data).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('closes connections beyond max_connections as they arrive, and serves again once others close', async () => {
    const held = Array.from({ length: 4 }, () => openRaw(port, ''));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = openRaw(port, 'GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    const refused = await extra.closed;
    expect(refused.data).toBe('');
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`);
    expect(res.status).toBe(200);
  }, 30_000);

  it('does not cut a WebSocket off at the request timeout', async () => {
    const c = await connectWs(`ws://127.0.0.1:${port}/api/v1/ws`, { key: api.adminKey });
    await new Promise((resolve) => setTimeout(resolve, 3500));
    c.send({ action: 'ping' });
    expect((await c.next((m) => m.type === 'pong')).type).toBe('pong');
    await c.close();
  }, 30_000);
});
