// Security checks, part 5 of issue #16, against the BUILT `pacsync-server serve` over native TLS
// with a throwaway certificate (openssl): TLS itself (certificate, HSTS, no plain HTTP, no old
// protocol versions); security headers and closed CORS on every route of its OpenAPI document;
// static files that cannot escape their folder whatever the path spelling; rate limits that hold
// under a concurrent burst; and no API key in the server's log, whatever way it was sent (the
// reporter also greps every log of the whole suite for every key the suite saw). The route ×
// role matrix and the WebSocket access tests are the normal suite's, run in this suite too
// (vitest.reliability.config.ts) and counted by the reporter.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { missingTools } from '../support/tools.js';
import { ROOT, recorder, scaled } from './report.js';
import { type RawClient, type RawResponse, rawClient } from './support/https-client.js';
import { selfSignedCertificate } from '../support/certificate.js';

const rec = recorder('security');
const skip = missingTools('openssl');
const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-reliability-security-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate for 127.0.0.1 and localhost. */
function makeCertificate(): { cert: string; key: string; pem: Buffer } {
  const { cert, key } = selfSignedCertificate(dir);
  return { cert, key, pem: readFileSync(cert) };
}

interface Served {
  server: ServerProcess;
  client: RawClient;
  adminKey: string;
  stop(): Promise<void>;
}

/** `pacsync-server serve` on a fresh SQLite file under TLS, logging at debug level into the suite's logs. */
async function serve(name: string, cert: { cert: string; key: string; pem: Buffer }, env: Record<string, string> = {}): Promise<Served> {
  const data = path.join(dir, name);
  const server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], {
    env: {
      PACSYNC_DATA_DIR: data,
      PACSYNC_DATABASE_TYPE: 'sqlite',
      PACSYNC_DATABASE_FILE: path.join(data, 'pacsync.db'),
      PACSYNC_SECURITY_TLS_CERT: cert.cert,
      PACSYNC_SECURITY_TLS_KEY: cert.key,
      PACSYNC_LOGGING_LEVEL: 'debug',
      PACSYNC_JOBS_ENABLED: 'false',
      ...env,
    },
    timeoutMs: 60_000,
  });
  const adminKey = readFileSync(path.join(data, 'admin-key'), 'utf8').trim();
  rec.secret(adminKey);
  const client = rawClient(server.url, { ca: cert.pem, maxSockets: 64 });
  const log = rec.logSink(name);
  return {
    server,
    client,
    adminKey,
    async stop() {
      client.close();
      await server.stop('SIGTERM');
      log(server.output());
    },
  };
}

const json = (r: RawResponse): { success?: boolean; data?: any; error?: { code: string } } => JSON.parse(r.body.toString('utf8'));
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe.skipIf(skip)('security of the served application (native TLS, SQLite)', () => {
  let cert: { cert: string; key: string; pem: Buffer };
  let s: Served;
  const keys: string[] = [];

  beforeAll(async () => {
    cert = makeCertificate();
    s = await serve('tls', cert);
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  async function call(method: string, p: string, opts: { headers?: Record<string, string>; body?: unknown } = {}): Promise<RawResponse> {
    const res = await s.client.request(method, p, { headers: opts.headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    rec.request(
      res.status,
      res.status >= 400 ? (safeCode(res) ?? `HTTP_${res.status}`) : undefined,
      `${method} ${p} → ${res.status} ${res.body.toString('utf8').slice(0, 200)}`,
    );
    rec.secretsIn(res.body.toString('utf8'));
    return res;
  }

  it('serves TLS natively: https with the test certificate, HSTS, no plain HTTP, no TLS 1.0/1.1', async () => {
    expect(s.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const live = await call('GET', '/health/live');
    expect(live.status).toBe(200);
    expect(live.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(live.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    // The certificate the server presents is the one configured, for 127.0.0.1.
    const port = Number(new URL(s.server.url).port);
    const peer = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: cert.pem, servername: 'localhost' }, () => {
        resolve(socket.getPeerCertificate());
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(peer.subject.CN).toBe('localhost');
    // Without the CA the certificate is not trusted (a client must not be told to skip checks).
    await expect(fetch(`${s.server.url}/health/live`)).rejects.toThrow();
    // Plain HTTP to the TLS port gets no answer a client could take for the API's.
    const plain = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (r) => r.status,
      (e: Error) => e.name,
    );
    expect(plain).not.toBe(200);
    // Old protocol versions are refused at the handshake.
    const old = await new Promise<string>((resolve) => {
      const socket = tls.connect(
        { host: '127.0.0.1', port, ca: cert.pem, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' },
        () => {
          resolve(`connected with ${socket.getProtocol()}`);
          socket.end();
        },
      );
      socket.on('error', (e) => resolve(`refused: ${e.message}`));
    });
    expect(old).toMatch(/^refused/);
    rec.security('TLS (certificate, HSTS, no plain HTTP, no TLS < 1.2)', 5);
  });

  it('every route answers with the security headers and no CORS headers for a foreign origin', async () => {
    const doc = JSON.parse((await call('GET', '/docs/json')).body.toString('utf8')) as { paths: Record<string, Record<string, unknown>> };
    const uuid = '3b241101-e2bb-4255-8caf-4136c566a962';
    const checked: string[] = [];
    for (const [route, methods] of Object.entries(doc.paths)) {
      const p = route.replace(/\{\w+\}/g, uuid);
      for (const method of Object.keys(methods)) {
        if (method === 'head' || method === 'options') continue;
        for (const headers of [{ origin: 'https://evil.example' }, { origin: 'https://evil.example', ...bearer(s.adminKey) }]) {
          const res = await call(method.toUpperCase(), p, { headers, body: method === 'get' || method === 'delete' ? undefined : {} });
          const where = `${method.toUpperCase()} ${route} → ${res.status}`;
          expect(res.status, where).toBeLessThan(500);
          expect(res.headers['x-content-type-options'], where).toBe('nosniff');
          expect(res.headers['x-frame-options'], where).toBe('SAMEORIGIN');
          expect(res.headers['referrer-policy'], where).toBe('no-referrer');
          expect(String(res.headers['content-security-policy']), where).toContain("default-src 'self'");
          expect(res.headers['strict-transport-security'], where).toBeDefined();
          expect(res.headers['access-control-allow-origin'], where).toBeUndefined();
          expect(res.headers['access-control-allow-credentials'], where).toBeUndefined();
          checked.push(where);
        }
        const preflight = await call('OPTIONS', p, {
          headers: {
            origin: 'https://evil.example',
            'access-control-request-method': method.toUpperCase(),
            'access-control-request-headers': 'authorization,content-type',
          },
        });
        expect(preflight.headers['access-control-allow-origin'], `preflight ${route}`).toBeUndefined();
        expect(preflight.headers['access-control-allow-methods'], `preflight ${route}`).toBeUndefined();
        checked.push(`OPTIONS ${route}`);
      }
    }
    expect(checked.length).toBeGreaterThan(100);
    rec.security('security headers and closed CORS × routes', checked.length);
  });

  it('static files cannot escape their folder, however the path is spelled', async () => {
    const web = path.join(ROOT, 'dist', 'web');
    const page = (await call('GET', '/')).body;
    const assets = new Set(readdirSync(path.join(web, 'assets')).map((f) => readFileSync(path.join(web, 'assets', f)).toString('base64')));
    const targets = ['package.json', 'dist/src/server/cli.js', 'dist/web/index.html', 'etc/passwd'];
    const ups = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%c0%ae%c0%ae', '..%00', '....', '..;', '..\\', '%2e%2e%5c'];
    const seps = ['/', '%2f', '%2F', '%5c', '\\', '//', '%252f'];
    const paths: string[] = [];
    for (const up of ups) {
      for (const sep of seps) {
        for (const depth of [1, 2, 3, 8]) {
          const climb = Array.from({ length: depth }, () => up).join(sep);
          for (const t of targets) paths.push(`/assets/${climb}${sep}${t.replaceAll('/', sep)}`, `/${climb}${sep}${t}`);
        }
      }
    }
    paths.push(
      '/assets//etc/passwd',
      '/assets/%2fetc%2fpasswd',
      '/assets/index.html',
      '/assets/',
      '/assets',
      '/assets/.',
      '/assets/%00',
      `/assets/${readdirSync(path.join(web, 'assets'))[0]}%00.png`,
      '//etc/passwd',
      '/docs/static/../../package.json',
      '/docs/static/%2e%2e/%2e%2e/package.json',
      '/api/v1/../../package.json',
    );
    const n = scaled(paths.length, paths.length);
    const leaks: string[] = [];
    const markers = [
      readFileSync(path.join(ROOT, 'package.json'), 'utf8').slice(0, 60),
      'root:x:0:0',
      readFileSync(path.join(ROOT, 'dist/src/server/cli.js'), 'utf8').slice(0, 80),
    ];
    for (const p of paths.slice(0, n)) {
      const res = await call('GET', p);
      if (res.status >= 500) leaks.push(`${p} → ${res.status}`);
      if (res.status !== 200) continue;
      const body = res.body;
      const text = body.toString('utf8');
      // A 200 is the web UI's page (a client route) or one of the built assets, nothing else.
      if (!body.equals(page) && !assets.has(body.toString('base64'))) leaks.push(`${p} → 200 with ${body.length} bytes: ${text.slice(0, 80)}`);
      for (const m of markers) if (text.includes(m)) leaks.push(`${p} → 200 with a file from outside the folder`);
    }
    expect(leaks).toEqual([]);
    rec.security('static path escapes tried', n);
  });

  it('no API key reaches the log, however it was sent', async () => {
    // Keys of every role, made through the API (their secrets come back in the answers).
    for (const role of ['admin', 'read', 'enroll']) {
      const res = await call('POST', '/api/v1/keys', { headers: bearer(s.adminKey), body: { role, name: `log-check ${role}` } });
      expect(res.status).toBe(201);
      keys.push(json(res).data.api_key as string);
    }
    const ep = await call('POST', '/api/v1/endpoints', { headers: bearer(s.adminKey), body: { name: 'log-check', hostname: 'log-check.lan' } });
    keys.push(json(ep).data.api_key as string);
    const epId = json(ep).data.id as string;
    const rotated = await call('POST', `/api/v1/endpoints/${epId}/rotate-key`, { headers: bearer(s.adminKey) });
    keys.push(json(rotated).data.api_key as string);
    const revokedKey = keys[1] as string;
    const keyList = json(await call('GET', '/api/v1/keys', { headers: bearer(s.adminKey) })).data as
      { items?: { id: string; name: string }[] } | { id: string; name: string }[];
    const items = Array.isArray(keyList) ? keyList : (keyList.items ?? []);
    const readId = items.find((k) => k.name === 'log-check read')?.id;
    for (const k of keys) rec.secret(k);
    let sent = 0;
    for (const k of [...keys, s.adminKey]) {
      const ways: [string, string, Record<string, string>, unknown?][] = [
        ['GET', '/api/v1/me', bearer(k)],
        ['GET', `/api/v1/ws?token=${k}`, {}],
        ['GET', `/api/v1/ws?%74oken=${encodeURIComponent(k)}`, {}],
        ['GET', `/api/v1/pools/${k}`, bearer(k)],
        ['GET', `/api/v1/pools?name=${k}`, bearer(k)],
        ['GET', `/${k}`, {}],
        ['GET', '/api/v1/me', { authorization: `Token ${k}` }],
        ['GET', '/api/v1/me', { authorization: `Bearer ${k}x` }],
        ['GET', '/api/v1/me', { 'x-api-key': k, cookie: `key=${k}` }],
        ['POST', '/api/v1/pools', bearer(k), { name: k, description: `key ${k}` }],
        ['POST', '/api/v1/pools', bearer(k), { name: 'x', settings: { excluded_packages: [k] } }],
        ['POST', '/api/v1/keys', bearer(k), { role: k, name: k }],
      ];
      for (const [method, p, headers, body] of ways) {
        const res = await call(method, p, { headers, body });
        expect(res.status, `${method} ${p.replace(k, 'KEY')}`).toBeLessThan(500);
        // A refusal never echoes the key (an accepted pool named after it is the caller's own data).
        if (res.status >= 400)
          expect(res.body.toString('utf8').includes(k.slice(4)), `the key is echoed back by ${method} ${p.replace(k, 'KEY')}`).toBe(false);
        sent += 1;
      }
    }
    if (readId) expect((await call('DELETE', `/api/v1/keys/${readId}`, { headers: bearer(s.adminKey) })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { headers: bearer(revokedKey) })).status).toBe(401);
    // The server's own log so far (the reporter checks it again, with every other log of the suite).
    const log = s.server.output();
    expect(log).toMatch(/"msg":"incoming request"|incoming request/);
    const found = [...keys, s.adminKey].filter((k) => log.includes(k.slice(4, 20)));
    expect(found).toEqual([]);
    rec.security('API keys sent in headers, URLs and bodies, log checked', sent);
  });
});

describe.skipIf(skip)('rate limits under a concurrent burst (native TLS)', () => {
  const LIMIT = 20;
  let s: Served;
  beforeAll(async () => {
    s = await serve('burst', makeCertificate(), { PACSYNC_SECURITY_API_RATE_LIMIT: String(LIMIT) });
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('each key gets exactly its budget, in parallel with other keys; keyless callers share their address’s; no 5xx', async () => {
    const burst = scaled(5, 15) * LIMIT;
    const make = async (name: string) => {
      const res = await s.client.request('POST', '/api/v1/keys', { headers: bearer(s.adminKey), body: JSON.stringify({ role: 'read', name }) });
      const key = json(res).data.api_key as string;
      rec.secret(key);
      return key;
    };
    const keys = [await make('burst a'), await make('burst b'), await make('burst c')];
    const fire = (headers: Record<string, string>) => Array.from({ length: burst }, () => s.client.request('GET', '/api/v1/pools', { headers }));
    const results = await Promise.all([...keys.map((k) => Promise.all(fire(bearer(k)))), Promise.all(fire({}))]);
    for (const list of results) for (const r of list) rec.request(r.status, r.status >= 400 ? safeCode(r) : undefined);
    const tally = results.map((list) => ({
      ok: list.filter((r) => r.status === 200).length,
      limited: list.filter((r) => r.status === 429).length,
      other: list.filter((r) => r.status !== 200 && r.status !== 429).map((r) => r.status),
    }));
    for (const t of tally.slice(0, 3)) expect(t).toEqual({ ok: LIMIT, limited: burst - LIMIT, other: [] });
    // Without a key: 401 until the address's budget is spent, then 429; never a 200 or a 5xx.
    const anon = results[3] as RawResponse[];
    expect(anon.filter((r) => r.status === 401).length).toBe(LIMIT);
    expect(anon.filter((r) => r.status === 429).length).toBe(burst - LIMIT);
    const limited = (results[0] as RawResponse[]).find((r) => r.status === 429) as RawResponse;
    expect(json(limited).error?.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    rec.security('rate limit burst requests', burst * 4);
  });
});

function safeCode(r: RawResponse): string | undefined {
  try {
    return json(r).error?.code;
  } catch {
    return undefined;
  }
}
