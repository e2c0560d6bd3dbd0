// Hostile input on the WebSocket (GET /api/v1/ws), whose messages are input like any body:
// messages derived from the client message schema (WsClientMessage: valid ones with real and
// made-up channels, and invalid ones), raw garbage frames, binary frames, oversized frames, under
// admin, read and endpoint keys. Never a crash of the server: after each message the socket still
// answers a ping, or it was closed with a close code (never 1006/1011, an abnormal or internal
// close); a refused message writes nothing; the server keeps serving HTTP.
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { WsClientMessage } from '../../src/contracts/realtime.contract.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { createTestApp } from '../support/app.js';
import { DIALECTS } from '../support/database.js';
import { recorder, scaled } from './report.js';
import { changedTables, snapshot, tableNames } from './support/db-snapshot.js';
import { type JsonSchema, hostileString, invalidValue, validValue } from './support/schema-arbitrary.js';

const rec = recorder('ws-fuzz');
const RUNS = scaled(150, 500);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 2 ** 31);

interface Socket {
  ws: WebSocket;
  messages: string[];
  closed: { code: number; reason: string } | null;
}

function open(url: string, key: string): Promise<Socket> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
  const s: Socket = { ws, messages: [], closed: null };
  ws.on('message', (m) => s.messages.push(String(m)));
  ws.on('close', (code, reason) => (s.closed = { code, reason: String(reason) }));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(s));
    ws.once('error', reject);
  });
}

/** Whether the socket still answers a ping (within 5 s), or how it was closed. */
async function alive(s: Socket): Promise<'pong' | { code: number; reason: string }> {
  if (s.closed) return s.closed;
  const before = s.messages.length;
  s.ws.send(JSON.stringify({ action: 'ping' }));
  for (let i = 0; i < 100; i++) {
    if (s.messages.slice(before).some((m) => m.includes('"pong"'))) return 'pong';
    if (s.closed) return s.closed;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { code: -1, reason: 'no pong within 5 s' };
}

describe.each(DIALECTS)('WebSocket messages fuzzed (%s)', (dialect) => {
  it('never crash the server or the socket abnormally, and refused ones write nothing', async () => {
    const api = await createTestApp(dialect, { logSink: rec.logSink(`ws-${dialect}`) });
    try {
      await api.app.listen({ host: '127.0.0.1', port: 0 });
      const url = `ws://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/api/v1/ws`;
      const pool = await makePool(api);
      const ep = await makeEndpoint(api, pool);
      const read = await makeKey(api, 'read');
      const keys = { admin: api.adminKey, read: read.key, endpoint: ep.key };
      for (const k of Object.values(keys)) rec.secret(k);
      const channels = [`pool.${pool}`, `endpoint.${ep.id}`, 'pool.3b241101-e2bb-4255-8caf-4136c566a962', `pool.${ep.id}`];
      const schema = WsClientMessage as unknown as JsonSchema;
      const message = fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .tuple(validValue(schema, { ids: [] }), fc.constantFrom(...channels))
            .map(([m, c]) => JSON.stringify({ ...(m as object), ...((m as { channel?: string }).channel !== undefined ? { channel: c } : {}) })),
        },
        { weight: 3, arbitrary: invalidValue(schema, { ids: [] }).map((m) => JSON.stringify(m) ?? 'null') },
        { weight: 2, arbitrary: hostileString },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '{',
            '{"action":',
            '[]',
            'null',
            '1e999',
            '{"action":"subscribe","channel":"pool.\\ud800"}',
            `{"action":"subscribe","channel":"${'x'.repeat(70_000)}"}`,
            '{"__proto__":{"action":"ping"}}',
            `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
          ),
        },
        { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)) },
      );
      const tables = await tableNames(api.db, dialect);
      const sockets: Record<string, Socket> = {};
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('admin', 'read', 'endpoint') as fc.Arbitrary<keyof typeof keys>, message, async (role, m) => {
          sockets[role] ??= await open(url, keys[role]);
          const s = sockets[role] as Socket;
          const before = await snapshot(api.db, tables);
          s.ws.send(m);
          const state = await alive(s);
          rec.fuzzRoute('WS /api/v1/ws (messages)');
          const sample = `${role} sent ${String(m).slice(0, 200)}`;
          if (state !== 'pong') {
            // Closed by the server: a deliberate close code, not an abnormal end or an internal error.
            if (state.code === -1 || state.code === 1006 || state.code === 1011) {
              failures.push(`${sample} → ${JSON.stringify(state)}`);
              rec.request(500, 'WS_ABNORMAL_CLOSE', `${sample} → ${JSON.stringify(state)}`);
            } else rec.request(400, `WS_CLOSE_${state.code}`);
            delete sockets[role];
          } else {
            const answer = s.messages.at(-2) ?? '';
            rec.request(/"type":"error"/.test(answer) ? 400 : 200, /"code":"(\w+)"/.exec(answer)?.[1]);
          }
          const changed = changedTables(before, await snapshot(api.db, tables));
          if (changed.length) {
            rec.refusedWithWrites(`${sample} changed ${changed.join(', ')}`);
            failures.push(`${sample} changed ${changed.join(', ')}`);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      for (const s of Object.values(sockets)) s.ws.close();
      // The server still serves.
      expect((await api.request('GET', '/pools')).statusCode).toBe(200);
      expect([...new Set(failures)].slice(0, 15), `seed ${SEED}`).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
