// Package files (`<name>-<version>-<arch>.pkg.tar.<ext>`): their names, and checking that a file
// is the package it claims to be before pacman sees it — a cache left with a truncated download, or
// an archive mirror answering 200 with an HTML error page, must not reach `pacman -U`.
import { spawn } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { PacmanFormatError } from '../../core/errors.js';
import { parsePkgInfo } from '../../core/pacman/pkginfo.parser.js';
import { detectCompression } from './db-file.js';
/** Package file extensions, preferred first (zstd is Arch's default since 2020, xz before). */
export const PACKAGE_EXTENSIONS = ['.pkg.tar.zst', '.pkg.tar.xz', '.pkg.tar.gz', '.pkg.tar.bz2', '.pkg.tar'];
const EXT_COMPRESSION = {
    '.pkg.tar.zst': 'zstd',
    '.pkg.tar.xz': 'xz',
    '.pkg.tar.gz': 'gzip',
    '.pkg.tar.bz2': 'bzip2',
    '.pkg.tar': 'none',
};
/** `name-version-arch.pkg.tar.zst`. */
export function packageFileName(name, version, arch, ext = PACKAGE_EXTENSIONS[0]) {
    return `${name}-${version}-${arch}${ext}`;
}
/**
 * The arch part of `file` when it is a package file of exactly `name` and `version` with one of
 * the package extensions (signatures and partial downloads are not); null otherwise.
 */
export function matchPackageFile(file, name, version) {
    const prefix = `${name}-${version}-`;
    if (!file.startsWith(prefix))
        return null;
    const rest = file.slice(prefix.length);
    for (const ext of PACKAGE_EXTENSIONS) {
        if (!rest.endsWith(ext))
            continue;
        const arch = rest.slice(0, -ext.length);
        if (/^[A-Za-z0-9_]+$/.test(arch))
            return { arch, ext };
    }
    return null;
}
/** The smallest real package: a compressed tar holding at least a .PKGINFO. */
const MIN_PACKAGE_SIZE = 64;
/**
 * Checks that `file` starts like a package compressed as its extension says and is not too small
 * to be one. Returns the problem, or null when it looks right.
 */
export async function checkPackageBytes(file) {
    const ext = PACKAGE_EXTENSIONS.find((e) => file.endsWith(e));
    let size;
    const head = Buffer.alloc(512);
    let got;
    try {
        size = (await stat(file)).size;
        const fh = await open(file, 'r');
        try {
            got = (await fh.read(head, 0, head.length, 0)).bytesRead;
        }
        finally {
            await fh.close();
        }
    }
    catch (err) {
        return `cannot read (${err.code ?? String(err)})`;
    }
    if (size < MIN_PACKAGE_SIZE)
        return `only ${size} bytes, not a package`;
    const found = detectCompression(head.subarray(0, got));
    const want = ext !== undefined ? EXT_COMPRESSION[ext] : undefined;
    if (found === 'unknown')
        return 'not a package file (unrecognized content)';
    if (want !== undefined && found !== want)
        return `content is ${found === 'none' ? 'an uncompressed tar' : found}, not ${want} as the name says`;
    return null;
}
/** The package's `.PKGINFO`, read with bsdtar (libarchive: every compression pacman reads). */
export function readPackageInfo(file) {
    return new Promise((resolve, reject) => {
        // -q: stop at the first match; .PKGINFO is near the start of every package makepkg writes.
        const child = spawn('bsdtar', ['-xOqf', file, '.PKGINFO'], { stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        let err = '';
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
        child.on('error', (e) => reject(new PacmanFormatError(file, `cannot read package (bsdtar: ${e.code === 'ENOENT' ? 'not installed' : e.message})`)));
        child.on('close', (code) => {
            const text = Buffer.concat(out).toString('utf8');
            if (code !== 0 || text === '') {
                const line = err.split('\n').find((l) => l.trim() !== '') ?? 'no .PKGINFO';
                reject(new PacmanFormatError(file, `not a readable package (${line.replace(/^bsdtar: /, '').trim()})`));
                return;
            }
            try {
                resolve(parsePkgInfo(text, file));
            }
            catch (e) {
                reject(e);
            }
        });
    });
}
/**
 * Checks `file` is package `name` `version` (bytes, then .PKGINFO) and returns its metadata.
 * Throws PacmanFormatError naming the file and the problem.
 */
export async function verifyPackageFile(file, name, version) {
    const problem = await checkPackageBytes(file);
    if (problem !== null)
        throw new PacmanFormatError(file, problem);
    const info = await readPackageInfo(file);
    if (info.name !== name || info.version !== version) {
        throw new PacmanFormatError(file, `holds ${info.name} ${info.version}, not ${name} ${version}`);
    }
    return info;
}
//# sourceMappingURL=package-file.js.map