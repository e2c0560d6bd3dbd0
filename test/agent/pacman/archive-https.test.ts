// An https archive (127.0.0.1, a self-signed certificate made here with openssl) may redirect to
// https, never to plain http: the agent refuses, naming both URLs, and keeps no file. The download
// runs in a child Node process that trusts the certificate the standard way (NODE_EXTRA_CA_CERTS,
// read at start-up), so TLS verification stays on, as in the agent.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { missingTools } from '../../support/tools.js';
import { selfSignedCertificate } from '../../support/certificate.js';

const exec = promisify(execFile);
const skip = missingTools('openssl');
const ARCHIVE_MODULE = path.resolve('src/agent/pacman/archive.ts');
const BODY = 'package bytes\n'.repeat(100);

describe.skipIf(skip)('https archive redirects', () => {
  let work: string;
  let cert: string;
  let https: HttpsServer;
  let http: HttpServer;
  let httpsUrl: string;
  let httpUrl: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-https-'));
    const made = selfSignedCertificate(work);
    const key = made.key;
    cert = made.cert;
    http = createHttpServer((_req, res) => res.writeHead(200, { 'content-length': Buffer.byteLength(BODY) }).end(BODY));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    https = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
      if (req.url === '/to-http') res.writeHead(302, { location: `${httpUrl}/pkg` }).end();
      else if (req.url === '/to-https') res.writeHead(302, { location: '/pkg' }).end();
      else res.writeHead(200, { 'content-length': Buffer.byteLength(BODY) }).end(BODY);
    });
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
    httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    https?.closeAllConnections();
    http?.closeAllConnections();
    await new Promise<void>((r) => (https ? https.close(() => r()) : r()));
    await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** downloadFile(url, dest) in a Node process trusting our certificate: 'ok' or 'error: …'. */
  async function download(url: string, dest: string): Promise<string> {
    const script = path.join(work, 'download.mts');
    await writeFile(
      script,
      `import { downloadFile } from ${JSON.stringify(ARCHIVE_MODULE)};\n` +
        `try { await downloadFile(process.argv[2], process.argv[3], { timeoutMs: 10000 }); console.log('ok'); }\n` +
        `catch (e) { console.log('error: ' + e.message); }\n`,
    );
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', script, url, dest], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: cert },
    });
    return stdout.trim();
  }

  test('https to https is followed; https to http is refused naming both URLs, leaving no file', async () => {
    const good = path.join(work, 'good');
    expect(await download(`${httpsUrl}/to-https`, good)).toBe('ok');
    expect(await readFile(good, 'utf8')).toBe(BODY);

    const bad = path.join(work, 'bad');
    expect(await download(`${httpsUrl}/to-http`, bad)).toBe(
      `error: redirect from ${httpsUrl}/to-http to ${httpUrl}/pkg refused: it leaves https for plain http`,
    );
    await expect(stat(bad)).rejects.toThrow();
  });
});
