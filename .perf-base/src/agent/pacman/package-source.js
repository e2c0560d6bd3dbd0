// Where a version the plan needs comes from (SPEC §6), in order of preference:
//   1. a sync database holding exactly that version   → `pacman -Sw repo/name` into the cache
//   2. the package cache: `<cachedir>/<name>-<version>-<arch>.pkg.tar.*`, arch being the package's
//      own, the machine's (pacman.conf Architecture) or `any` — the agent's cache_dir first, then
//      pacman.conf's CacheDir entries
//   3. the archive (archive_url, then each configured mirror), Arch Linux Archive layout
// Lookups only read: databases, directory listings and HEAD requests. Nothing is downloaded here.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { vercmp } from '../../core/vercmp.js';
import { archivePackageUrl, probeUrl } from './archive.js';
import { archiveBases } from './executor-context.js';
import { matchPackageFile, PACKAGE_EXTENSIONS } from './package-file.js';
/** Archive file extensions probed: what the Arch Linux Archive holds (zst since 2020, xz before). */
const ARCHIVE_EXTENSIONS = ['.pkg.tar.zst', '.pkg.tar.xz'];
export class SourceResolver {
    machine;
    ctx;
    cacheDirs;
    listings = null;
    constructor(machine, ctx) {
        this.machine = machine;
        this.ctx = ctx;
        this.cacheDirs = [...new Set([ctx.pacman.cacheDir, ...machine.conf.cacheDirs].map((d) => path.resolve(d)))];
    }
    /** Architectures to look for, preferred first. */
    arches(need) {
        return [...new Set([...(need.arch ? [need.arch] : []), ...this.machine.arches])];
    }
    fromRepos(need) {
        // Stale: the repository the target has it from lacks it here (a new package since our last
        // refresh), or a database holds an older version.
        const named = this.machine.repos.find((r) => r.name === need.repository);
        let stale = named !== undefined && !named.byName.has(need.name);
        const seen = [];
        for (const repo of this.machine.repos) {
            if (repo.packages === null) {
                stale = true;
                seen.push(`${repo.name} (database not downloaded)`);
                continue;
            }
            const p = repo.byName.get(need.name);
            if (p === undefined)
                continue;
            if (p.version === need.version) {
                return { source: { kind: 'repository', repository: repo.name, filename: p.filename ?? '', package: p }, stale: false, seen };
            }
            seen.push(`${repo.name} has ${p.version}`);
            if (vercmp(p.version, need.version) < 0)
                stale = true;
        }
        return { source: null, stale, seen };
    }
    listCaches() {
        this.listings ??= (async () => {
            const out = new Map();
            for (const dir of this.cacheDirs)
                out.set(dir, await readdir(dir).catch(() => []));
            return out;
        })();
        return this.listings;
    }
    async fromCache(need) {
        const arches = this.arches(need);
        const rank = (m) => arches.indexOf(m.arch) * 10 + PACKAGE_EXTENSIONS.indexOf(m.ext);
        for (const [dir, files] of await this.listCaches()) {
            let best = null;
            for (const f of files) {
                const m = matchPackageFile(f, need.name, need.version);
                if (m === null || !arches.includes(m.arch))
                    continue;
                const r = rank(m);
                if (best === null || r < best.rank)
                    best = { file: f, rank: r };
            }
            if (best !== null)
                return { kind: 'cache', path: path.join(dir, best.file) };
        }
        return null;
    }
    /** Every archive URL for `need`, in the order they are tried. */
    archiveCandidates(need) {
        const urls = [];
        for (const base of archiveBases(this.ctx)) {
            for (const arch of this.arches(need)) {
                for (const ext of ARCHIVE_EXTENSIONS) {
                    const url = archivePackageUrl(base, need.name, need.version, arch, ext);
                    if (url !== null)
                        urls.push(url);
                }
            }
        }
        return urls;
    }
    async fromArchive(need, tried) {
        const urls = this.archiveCandidates(need);
        const failures = new Map();
        for (let i = 0; i < urls.length; i++) {
            const url = urls[i];
            const r = await probeUrl(url, { timeoutMs: this.ctx.timeoutMs ?? 30_000, signal: this.ctx.signal });
            if (r.found)
                return { kind: 'archive', url, fallbacks: urls.slice(i + 1) };
            // One line per base: `archive http://host/…: HTTP 404`.
            const base = archiveBases(this.ctx).find((b) => url.startsWith(b)) ?? url;
            if (!failures.has(base))
                failures.set(base, r.reason);
        }
        for (const [base, reason] of failures)
            tried.push(`archive ${base}: ${reason}`);
        return null;
    }
    async resolve(need) {
        const tried = [];
        const repo = this.fromRepos(need);
        if (repo.source !== null)
            return { source: repo.source, tried, stale: false };
        tried.push(repo.seen.length > 0 ? `sync databases: ${repo.seen.join(', ')}` : 'sync databases: not found');
        const cached = await this.fromCache(need);
        if (cached !== null)
            return { source: cached, tried, stale: repo.stale };
        tried.push(`package cache: ${this.cacheDirs.join(', ')}`);
        if (archiveBases(this.ctx).length === 0)
            tried.push('archive: no archive_url configured');
        const archived = await this.fromArchive(need, tried);
        return { source: archived, tried, stale: repo.stale };
    }
}
//# sourceMappingURL=package-source.js.map