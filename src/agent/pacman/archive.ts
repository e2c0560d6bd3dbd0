// Old package versions from an archive in the Arch Linux Archive layout:
//   <base>/packages/<first letter>/<name>/<name>-<version>-<arch>.pkg.tar.zst   (.xz for old ones)
// `base` is the configured archive_url, then each configured mirror of that layout. http(s) and
// file:// bases are accepted (a local mirror on disk). Downloads go to a temporary file and are
// checked (see package-file.ts, package-signature.ts) before pacman sees them; every request has
// a timeout, and a download also fails when no byte arrives for that long.
//
// What an archive (or whoever sits in front of it) cannot do to us:
//   - send more than `maxBytes` (a lying or missing Content-Length included): the transfer is cut
//     and the file refused, before the disk fills;
//   - take an https request to plain http: redirects are followed here, one at a time (at most
//     MAX_REDIRECTS, as pacman's curl), and one from https to anything but https is refused, as is
//     one to a scheme other than http(s). fetch's own redirect handling would follow it silently.
import { copyFile, open, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isValidPackageName, isValidVersion } from '../../core/names.js';
import { verifiedFetch } from '../transport.js';
import { packageFileName } from './package-file.js';

export interface ArchiveRequestOptions {
  /** Per request: until the response headers, and between two chunks of a download. */
  timeoutMs: number;
  /** Largest body accepted by downloadFile (default: no limit). */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** pacman's curl follows at most 10 redirects (dload.c CURLOPT_MAXREDIRS). */
export const MAX_REDIRECTS = 10;

/**
 * Why following a redirect from `from` to `location` is refused, or null when it may be followed.
 * `location` is resolved against `from` first (a relative Location stays on the same scheme).
 */
export function redirectProblem(from: string, location: string): string | null {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return `redirect from ${from} to an invalid URL refused`;
  }
  const origin = new URL(from).protocol;
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `redirect from ${from} to ${to.href} refused: not an http(s) URL`;
  if (origin === 'https:' && to.protocol !== 'https:') return `redirect from ${from} to ${to.href} refused: it leaves https for plain http`;
  return null;
}

/** A refused redirect: its message is the whole story. */
class RedirectRefused extends Error {}

/** A body over the size limit. */
class TooLarge extends Error {}

/** `n` bytes for messages: `1 GiB`, `16 KiB`, `5000 bytes`. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}

let archiveFetch: typeof globalThis.fetch | null = null;

/**
 * fetch with redirects followed by hand (see the file comment). The returned response is the
 * final one; every intermediate body is discarded.
 */
async function fetchChecked(url: string, method: string, signal: AbortSignal): Promise<Response> {
  // Certificates verified whatever NODE_TLS_REJECT_UNAUTHORIZED says, as for the server.
  const fetch = (archiveFetch ??= verifiedFetch({}));
  let current = url;
  for (let hops = 0; ; hops++) {
    const res = await fetch(current, { method, signal, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status > 399 || res.status === 304 || location === null) return res;
    await res.body?.cancel().catch(() => undefined);
    if (hops >= MAX_REDIRECTS) throw new RedirectRefused(`more than ${MAX_REDIRECTS} redirects from ${url}`);
    const problem = redirectProblem(current, location);
    if (problem !== null) throw new RedirectRefused(problem);
    current = new URL(location, current).href;
  }
}

/**
 * The URL of `name` `version` for `arch` and extension `ext` under `base`, or null when the name or
 * version could not be a package's (they become URL path segments: no '/', no '..').
 */
export function archivePackageUrl(base: string, name: string, version: string, arch: string, ext: string): string | null {
  if (!isValidPackageName(name) || !isValidVersion(version) || !/^[A-Za-z0-9_]+$/.test(arch)) return null;
  // The usual characters stay as they are (the Arch Linux Archive serves the epoch's ':'
  // literally); anything else a pkgver may hold ('#', '?', '%', …) is percent-encoded.
  const file = packageFileName(name, version, arch, ext).replace(/[^A-Za-z0-9@._+:~-]/g, (c) => encodeURIComponent(c));
  return `${base.replace(/\/+$/, '')}/packages/${name[0]}/${name}/${file}`;
}

/** One line for a failed request: `HTTP 404`, `connection refused`, `timed out after 30 s`. */
function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (err instanceof RedirectRefused || err instanceof TooLarge) return (err as Error).message;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.message === 'timeout') {
    return `timed out after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  }
  const code = e.cause?.code ?? e.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ENOENT') return 'not found';
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') return 'connection lost';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'timed out connecting';
  return code ?? e.cause?.message ?? e.message ?? String(err);
}

/** A controller aborted after `ms` of silence; `touch()` restarts the clock. */
function idleTimer(ms: number, outer?: AbortSignal): { signal: AbortSignal; touch(): void; clear(): void } {
  const ctrl = new AbortController();
  const fire = (): void => ctrl.abort(Object.assign(new Error('timeout'), { name: 'TimeoutError' }));
  let timer = setTimeout(fire, ms);
  const onOuter = (): void => ctrl.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: ctrl.signal,
    touch(): void {
      clearTimeout(timer);
      timer = setTimeout(fire, ms);
    },
    clear(): void {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

export type ProbeResult = { found: true } | { found: false; reason: string };

/** Whether `url` exists: HEAD (GET when HEAD is not allowed), or a stat for file:// URLs. */
export async function probeUrl(url: string, opts: ArchiveRequestOptions): Promise<ProbeResult> {
  if (url.startsWith('file:')) {
    try {
      const st = await stat(fileURLToPath(url));
      return st.isFile() ? { found: true } : { found: false, reason: 'not a file' };
    } catch (err) {
      return { found: false, reason: describe(err, opts.timeoutMs) };
    }
  }
  for (const method of ['HEAD', 'GET']) {
    const t = idleTimer(opts.timeoutMs, opts.signal);
    try {
      const res = await fetchChecked(url, method, t.signal);
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return { found: true };
      if (method === 'HEAD' && (res.status === 405 || res.status === 501)) continue;
      return { found: false, reason: `HTTP ${res.status}` };
    } catch (err) {
      return { found: false, reason: describe(err, opts.timeoutMs) };
    } finally {
      t.clear();
    }
  }
  return { found: false, reason: 'HEAD and GET not allowed' };
}

/**
 * Downloads `url` to `dest` (created or replaced). Rejects with a one-line Error (`HTTP 404`,
 * `timed out after 30 s`, `incomplete: 100 of 2000 bytes`, `larger than the 1 GiB limit`, a
 * refused redirect); a partial file is removed.
 */
export async function downloadFile(url: string, dest: string, opts: ArchiveRequestOptions): Promise<void> {
  const max = opts.maxBytes ?? Infinity;
  const tooLarge = (): TooLarge => new TooLarge(`larger than the ${formatBytes(max)} download limit`);
  try {
    if (url.startsWith('file:')) {
      const file = fileURLToPath(url);
      if ((await stat(file)).size > max) throw tooLarge();
      await copyFile(file, dest);
      return;
    }
    const t = idleTimer(opts.timeoutMs, opts.signal);
    try {
      const res = await fetchChecked(url, 'GET', t.signal);
      if (!res.ok || res.body === null) {
        await res.body?.cancel().catch(() => undefined);
        throw new Error(`HTTP ${res.status}`);
      }
      const expected = Number(res.headers.get('content-length') ?? NaN);
      if (expected > max) {
        await res.body.cancel().catch(() => undefined);
        throw tooLarge();
      }
      const fh = await open(dest, 'w');
      let got = 0;
      try {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          t.touch();
          got += value.byteLength;
          // Counted as it arrives: a server may send more than it announced, or announce nothing.
          if (got > max) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge();
          }
          await fh.write(value);
        }
      } finally {
        await fh.close();
      }
      if (Number.isFinite(expected) && got !== expected) throw new Error(`incomplete: ${got} of ${expected} bytes`);
    } finally {
      t.clear();
    }
  } catch (err) {
    await rm(dest, { force: true });
    if (err instanceof Error && /^(HTTP \d+|incomplete: )/.test(err.message)) throw err;
    throw new Error(describe(err, opts.timeoutMs));
  }
}
