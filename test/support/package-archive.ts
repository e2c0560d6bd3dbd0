// A package archive in the Arch Linux Archive layout, served over HTTP on 127.0.0.1 (never an
// external host): `<url>/packages/<first letter>/<name>/<file>`. For agent tests that need old
// versions from "the archive".
//
//   const archive = await serveArchive([built]);   // BuiltPackage from pacman-sandbox.ts
//   ctx.pacman.archiveUrl = archive.url;
//   archive.requests                               // ['HEAD /packages/l/legacy/…', 'GET …']
//   await archive.close();
//
// `override` answers chosen paths differently (an HTML error page with status 200, a stall, …).
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuiltPackage } from './pacman-sandbox.js';

export interface ArchiveServer {
  url: string;
  /** The directory served (`<dir>/packages/…`). */
  dir: string;
  /** `METHOD /path` of every request, in order. */
  requests: string[];
  /** Adds package files to the layout. */
  add(pkgs: BuiltPackage[]): Promise<void>;
  close(): Promise<void>;
}

/** Return true when the request was answered. */
export type ArchiveOverride = (req: IncomingMessage, res: ServerResponse) => boolean;

export async function serveArchive(pkgs: BuiltPackage[] = [], override?: ArchiveOverride): Promise<ArchiveServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pacsync-archive-'));
  const requests: string[] = [];
  const add = async (list: BuiltPackage[]): Promise<void> => {
    for (const p of list) {
      const d = path.join(dir, 'packages', p.spec.name[0] as string, p.spec.name);
      await mkdir(d, { recursive: true });
      await copyFile(p.path, path.join(d, p.filename));
    }
  };
  await add(pkgs);
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (override?.(req, res)) return;
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(400).end();
      return;
    }
    stat(file).then(
      (st) => {
        if (!st.isFile()) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-length': st.size, 'content-type': 'application/octet-stream' });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      },
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    requests,
    add,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
