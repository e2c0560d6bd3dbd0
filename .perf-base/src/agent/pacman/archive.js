// Old package versions from an archive in the Arch Linux Archive layout:
//   <base>/packages/<first letter>/<name>/<name>-<version>-<arch>.pkg.tar.zst   (.xz for old ones)
// `base` is the configured archive_url, then each configured mirror of that layout. http(s) and
// file:// bases are accepted (a local mirror on disk). Downloads go to a temporary file and are
// checked (see package-file.ts) before pacman sees them; every request has a timeout, and a
// download also fails when no byte arrives for that long.
import { copyFile, open, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isValidPackageName, isValidVersion } from '../../core/names.js';
import { packageFileName } from './package-file.js';
/**
 * The URL of `name` `version` for `arch` and extension `ext` under `base`, or null when the name or
 * version could not be a package's (they become URL path segments: no '/', no '..').
 */
export function archivePackageUrl(base, name, version, arch, ext) {
    if (!isValidPackageName(name) || !isValidVersion(version) || !/^[A-Za-z0-9_]+$/.test(arch))
        return null;
    // The usual characters stay as they are (the Arch Linux Archive serves the epoch's ':'
    // literally); anything else a pkgver may hold ('#', '?', '%', …) is percent-encoded.
    const file = packageFileName(name, version, arch, ext).replace(/[^A-Za-z0-9@._+:~-]/g, (c) => encodeURIComponent(c));
    return `${base.replace(/\/+$/, '')}/packages/${name[0]}/${name}/${file}`;
}
/** One line for a failed request: `HTTP 404`, `connection refused`, `timed out after 30 s`. */
function describe(err, timeoutMs) {
    const e = err;
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.message === 'timeout') {
        return `timed out after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
    }
    const code = e.cause?.code ?? e.code;
    if (code === 'ECONNREFUSED')
        return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return 'host not found';
    if (code === 'ENOENT')
        return 'not found';
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE')
        return 'connection lost';
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
        return 'timed out connecting';
    return code ?? e.cause?.message ?? e.message ?? String(err);
}
/** A controller aborted after `ms` of silence; `touch()` restarts the clock. */
function idleTimer(ms, outer) {
    const ctrl = new AbortController();
    const fire = () => ctrl.abort(Object.assign(new Error('timeout'), { name: 'TimeoutError' }));
    let timer = setTimeout(fire, ms);
    const onOuter = () => ctrl.abort(outer?.reason);
    outer?.addEventListener('abort', onOuter, { once: true });
    return {
        signal: ctrl.signal,
        touch() {
            clearTimeout(timer);
            timer = setTimeout(fire, ms);
        },
        clear() {
            clearTimeout(timer);
            outer?.removeEventListener('abort', onOuter);
        },
    };
}
/** Whether `url` exists: HEAD (GET when HEAD is not allowed), or a stat for file:// URLs. */
export async function probeUrl(url, opts) {
    if (url.startsWith('file:')) {
        try {
            const st = await stat(fileURLToPath(url));
            return st.isFile() ? { found: true } : { found: false, reason: 'not a file' };
        }
        catch (err) {
            return { found: false, reason: describe(err, opts.timeoutMs) };
        }
    }
    for (const method of ['HEAD', 'GET']) {
        const t = idleTimer(opts.timeoutMs, opts.signal);
        try {
            const res = await fetch(url, { method, signal: t.signal, redirect: 'follow' });
            await res.body?.cancel().catch(() => undefined);
            if (res.ok)
                return { found: true };
            if (method === 'HEAD' && (res.status === 405 || res.status === 501))
                continue;
            return { found: false, reason: `HTTP ${res.status}` };
        }
        catch (err) {
            return { found: false, reason: describe(err, opts.timeoutMs) };
        }
        finally {
            t.clear();
        }
    }
    return { found: false, reason: 'HEAD and GET not allowed' };
}
/**
 * Downloads `url` to `dest` (created or replaced). Rejects with a one-line Error (`HTTP 404`,
 * `timed out after 30 s`, `incomplete: 100 of 2000 bytes`); a partial file is removed.
 */
export async function downloadFile(url, dest, opts) {
    try {
        if (url.startsWith('file:')) {
            await copyFile(fileURLToPath(url), dest);
            return;
        }
        const t = idleTimer(opts.timeoutMs, opts.signal);
        try {
            const res = await fetch(url, { signal: t.signal, redirect: 'follow' });
            if (!res.ok || res.body === null) {
                await res.body?.cancel().catch(() => undefined);
                throw new Error(`HTTP ${res.status}`);
            }
            const expected = Number(res.headers.get('content-length') ?? NaN);
            const fh = await open(dest, 'w');
            let got = 0;
            try {
                const reader = res.body.getReader();
                for (;;) {
                    const { done, value } = await reader.read();
                    if (done)
                        break;
                    t.touch();
                    got += value.byteLength;
                    await fh.write(value);
                }
            }
            finally {
                await fh.close();
            }
            if (Number.isFinite(expected) && got !== expected)
                throw new Error(`incomplete: ${got} of ${expected} bytes`);
        }
        finally {
            t.clear();
        }
    }
    catch (err) {
        await rm(dest, { force: true });
        if (err instanceof Error && /^(HTTP \d+|incomplete: )/.test(err.message))
            throw err;
        throw new Error(describe(err, opts.timeoutMs));
    }
}
//# sourceMappingURL=archive.js.map