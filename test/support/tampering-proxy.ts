// A hostile server for agent tests: a real HTTP server on 127.0.0.1 that forwards every request
// to the real server and lets a test rewrite the JSON answers on the way back — what a
// compromised server, or anyone between agent and server on plain http, could send; or lose an
// answer after the server acted on the request (dropAnswer).
//
//   const proxy = await startTamperingProxy(srv.url);               // or { tls: { key, cert } }: https
//   proxy.tamper = (method, path, body) => { …; return body; };   // null: pass through
//   proxy.seen                                                     // the requests, as sent
//   await proxy.close();
import { createServer, request, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Tamper = (method: string, path: string, body: any) => any;

export interface TamperingProxy {
  url: string;
  /** Rewrites a JSON answer (called for every answer with a JSON body); null passes all through. */
  tamper: Tamper | null;
  /** Every request forwarded, in order, with its body and the status answered (what the client sent). */
  seen: { method: string; path: string; body: string; status: number }[];
  /**
   * Loses the answer: the request reaches the server (which carries it out), then the client's
   * connection is cut before any answer — what a server dying between its commit and its reply
   * looks like to the agent. Null: every answer is delivered.
   */
  dropAnswer: ((method: string, path: string) => boolean) | null;
  close(): Promise<void>;
}

const readAll = async (s: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

export async function startTamperingProxy(target: string, opts: { tls?: { key: string; cert: string } } = {}): Promise<TamperingProxy> {
  const upstream = new URL(target);
  const proxy: TamperingProxy = {
    url: '',
    tamper: null,
    seen: [],
    dropAnswer: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const handler: RequestListener = async (req, res) => {
    const body = await readAll(req);
    const up = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      async (answer) => {
        proxy.seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString(), status: answer.statusCode ?? 502 });
        let out = await readAll(answer);
        if (proxy.dropAnswer?.(req.method ?? 'GET', req.url ?? '/')) {
          req.socket.destroy();
          return;
        }
        const headers = { ...answer.headers };
        if (proxy.tamper !== null && String(answer.headers['content-type'] ?? '').includes('json') && out.length > 0) {
          out = Buffer.from(JSON.stringify(proxy.tamper(req.method ?? 'GET', req.url ?? '/', JSON.parse(out.toString()))));
          delete headers['content-length'];
          delete headers['transfer-encoding'];
        }
        res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(out.length) });
        res.end(out);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    up.end(body);
  };
  const server = opts.tls ? createHttpsServer(opts.tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `${opts.tls ? 'https' : 'http'}://${opts.tls ? 'localhost' : '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  return proxy;
}
