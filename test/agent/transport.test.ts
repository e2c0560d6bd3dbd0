// Issue #10, "Transport": the agent refuses plain http to another machine unless the
// administrator allows it, verifies https certificates always (a private CA with [server]
// ca_file; NODE_TLS_REJECT_UNAUTHORIZED=0 changes nothing), and follows no redirect. Real server,
// real CLI, a real TLS proxy with a certificate made by openssl.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isLoopbackHost } from '../../src/agent/transport.js';
import { ensureAgentBuilt, pacsync, type CliRun } from '../support/agent-cli.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { startTamperingProxy, type TamperingProxy } from '../support/tampering-proxy.js';
import { missingTools } from '../support/tools.js';
import { selfSignedCertificate } from '../support/certificate.js';

const skip = missingTools('openssl');

function oneErrorLine(r: CliRun): string {
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0] as string;
}

describe('which hosts count as this machine', () => {
  test.each([
    ['localhost', true],
    ['agent.localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['pacsync.lan', false],
    ['localhost.example.com', false],
    ['128.0.0.1', false],
    ['[::2]', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe.skipIf(skip)('the agent transport (real server, real CLI)', () => {
  let srv: LiveServer;
  let tlsProxy: TamperingProxy;
  let redirector: Server;
  let redirectUrl: string;
  let dir: string;
  let key: string;
  let endpointId: string;
  let caFile: string;

  const conf = (url: string, extra: string[] = []): string => {
    const file = path.join(dir, `client-${Math.random().toString(36).slice(2)}.conf`);
    writeFileSync(
      file,
      ['[server]', `url = ${url}`, `api_key = ${key}`, 'timeout = 5', ...extra, '[client]', `endpoint_id = ${endpointId}`, ''].join('\n'),
    );
    return file;
  };

  beforeAll(async () => {
    ensureAgentBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-transport-'));
    srv = await startLiveServer('sqlite');
    const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'machine-t', hostname: 't.lan' });
    key = ep.api_key;
    endpointId = ep.id;
    // A certificate for localhost, signed by nobody the system trusts: its own CA.
    const made = selfSignedCertificate(dir);
    caFile = made.cert;
    const keyFile = made.key;
    tlsProxy = await startTamperingProxy(srv.url, { tls: { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(caFile, 'utf8') } });
    redirector = createServer((req, res) => {
      res.writeHead(301, { location: `${srv.url}${req.url ?? '/'}` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    redirectUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await tlsProxy?.close();
    await new Promise((resolve) => redirector?.close(resolve));
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('plain http to another machine is refused before any request, naming the setting (exit 2)', async () => {
    const r = await pacsync(['--config', conf('http://pacsync.lan:8080'), 'test-connection']);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r)).toMatch(/^error: refusing plain http to pacsync\.lan:8080: .*allow_insecure_http = true/);
    // `register` too: the enroll key would cross the network in clear.
    const g = await pacsync([
      '--config',
      path.join(dir, 'new.conf'),
      'register',
      '--server',
      'http://pacsync.lan:8080',
      '--enroll-key',
      'psk_whatever',
    ]);
    expect(g.code).toBe(2);
    expect(oneErrorLine(g)).toMatch(/refusing plain http to pacsync\.lan:8080/);
  });

  test('allow_insecure_http (file or environment) lets plain http through; loopback needs nothing', async () => {
    // 0.0.0.0 is not a loopback name, yet connecting to it reaches this machine's server.
    const other = srv.url.replace('127.0.0.1', '0.0.0.0');
    expect((await pacsync(['--config', conf(other), 'test-connection'])).code).toBe(2);
    const allowed = await pacsync(['--config', conf(other, ['allow_insecure_http = true']), 'test-connection']);
    expect([allowed.code, allowed.stderr]).toEqual([0, '']);
    const byEnv = await pacsync(['--config', conf(other), 'test-connection'], { PACSYNC_SERVER_ALLOW_INSECURE_HTTP: 'true' });
    expect([byEnv.code, byEnv.stderr]).toEqual([0, '']);
    const loopback = await pacsync(['--config', conf(srv.url), 'test-connection']);
    expect([loopback.code, loopback.stderr]).toEqual([0, '']);
  });

  test('https: an unknown CA is refused (exit 3), even with NODE_TLS_REJECT_UNAUTHORIZED=0; ca_file makes it trusted', async () => {
    const untrusted = await pacsync(['--config', conf(tlsProxy.url), 'test-connection']);
    expect(untrusted.code).toBe(3);
    expect(oneErrorLine(untrusted)).toMatch(/TLS error|certificate/i);
    const forced = await pacsync(['--config', conf(tlsProxy.url), 'test-connection'], { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    expect(forced.code).toBe(3);
    const trusted = await pacsync(['--config', conf(tlsProxy.url, [`ca_file = ${caFile}`]), 'test-connection']);
    expect([trusted.code, trusted.stderr]).toEqual([0, '']);
    expect(trusted.stdout).toMatch(/authentication: ok as endpoint machine-t/);
  });

  test('a redirect is not followed', async () => {
    const r = await pacsync(['--config', conf(redirectUrl), 'test-connection']);
    expect(r.code).not.toBe(0);
    expect(oneErrorLine(r)).toMatch(/answered with a redirect to http:\/\/127\.0\.0\.1:\d+\/.*not followed/);
  });
});
