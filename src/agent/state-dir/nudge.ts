// How the pacman hook tells a running daemon "the local database just changed": a Unix socket in
// the state directory (`<state dir>/daemon.sock`, mode 0600 in the 0700 directory: root's only).
// The hook connects, writes `changed`, and the daemon answers `ok` and looks at the database at
// once instead of at its next watch tick. A socket rather than a signal to a pid file's process:
// a stale pid file could name an unrelated process that a signal would kill, and a socket nobody
// listens on simply refuses the connection — which is how the hook knows there is no daemon.
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import path from 'node:path';

export const NUDGE_SOCKET = 'daemon.sock';

export interface NudgeListener {
  close(): Promise<void>;
}

function listen(server: Server, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Listens on `<stateDir>/daemon.sock`, calling `onNudge` for every `changed`. A socket file left
 * by a daemon that died is replaced; one another live daemon listens on is left to it (then this
 * daemon still notices changes at its watch interval). Failures are logged, never thrown: the
 * daemon works without the socket, only less promptly.
 */
export async function listenForNudges(stateDir: string, onNudge: () => void, log: (line: string) => void): Promise<NudgeListener | null> {
  const file = path.join(stateDir, NUDGE_SOCKET);
  const server = createServer((socket) => {
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('error', () => undefined);
    let got = '';
    socket.on('data', (chunk: Buffer) => {
      got += chunk.toString('utf8');
      if (got.length > 64) socket.destroy();
      else if (got.includes('\n')) {
        if (got.trim() === 'changed') onNudge();
        socket.end('ok\n');
      }
    });
  });
  try {
    try {
      await listen(server, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      if (await nudgeDaemon(stateDir, 1000)) {
        log(`warning: another pacsync daemon listens on ${file}: pacman hook notices go to it`);
        return null;
      }
      rmSync(file, { force: true }); // left by a daemon that is gone
      await listen(server, file);
    }
    chmodSync(file, 0o600);
  } catch (err) {
    log(`warning: cannot listen on ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}): changes are noticed every watch interval only`);
    server.close();
    return null;
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(file, { force: true });
      }),
  };
}

/** Tells the daemon listening in `stateDir` that the database changed; true once it answered. */
export function nudgeDaemon(stateDir: string, timeoutMs: number): Promise<boolean> {
  const file = path.join(stateDir, NUDGE_SOCKET);
  return new Promise((resolve) => {
    let answer = '';
    const socket = createConnection(file);
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write('changed\n'));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\n')) done(answer.trim() === 'ok');
    });
    socket.on('error', () => done(false)); // ENOENT, ECONNREFUSED: no daemon
    socket.on('close', () => done(answer.trim() === 'ok'));
  });
}
