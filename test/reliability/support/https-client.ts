// Raw HTTP(S) requests to a listening server: the path goes out exactly as given (no URL
// normalisation, so `/assets/../../package.json` and `%2e%2e` reach the server as written), with
// a private CA for the test certificate, and keep-alive agents for bursts.
import http from 'node:http';
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawClient {
  request(method: string, path: string, opts?: { headers?: Record<string, string>; body?: string }): Promise<RawResponse>;
  close(): void;
}

export function rawClient(baseUrl: string, options: { ca?: Buffer; maxSockets?: number } = {}): RawClient {
  const url = new URL(baseUrl);
  const tls = url.protocol === 'https:';
  const agent = tls
    ? new https.Agent({ keepAlive: true, ca: options.ca, maxSockets: options.maxSockets ?? 16 })
    : new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
  return {
    request(method, path, opts = {}) {
      return new Promise((resolve, reject) => {
        const req = (tls ? https : http).request(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            agent,
            headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.headers ?? {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${method} ${path} within 15 s`)));
        req.on('error', reject);
        if (opts.body !== undefined) req.write(opts.body);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
