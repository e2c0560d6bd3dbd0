// Where a version the plan needs comes from (README "Agent (`pacsync`)"), in order of preference:
//   1. a sync database holding exactly that version   → `pacman -Sw repo/name` into the cache
//   2. the package cache: `<cachedir>/<name>-<version>-<arch>.pkg.tar.*`, arch being the package's
//      own, the machine's (pacman.conf Architecture) or `any` — the agent's cache_dir first, then
//      pacman.conf's CacheDir entries
//   3. the archive (archive_url, then each configured mirror), Arch Linux Archive layout
// Lookups only read: databases, directory listings and HEAD requests. Nothing is downloaded here.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PacmanPackage } from '../../core/pacman/types.js';
import { vercmp } from '../../core/vercmp.js';
import { archivePackageUrl, probeUrl } from './archive.js';
import { archiveBases, type ExecutorContext } from './executor-context.js';
import type { Machine } from './machine-state.js';
import { matchPackageFile, PACKAGE_EXTENSIONS } from './package-file.js';

export type PackageSource =
  | { kind: 'repository'; repository: string; filename: string; package: PacmanPackage }
  | { kind: 'cache'; path: string }
  /** `url` answered; `fallbacks` are the other candidate URLs, tried if its download is not the package. */
  | { kind: 'archive'; url: string; fallbacks: string[] };

export interface NeededVersion {
  name: string;
  version: string;
  /** The package's architecture when known (from the target state), tried first. */
  arch?: string | null;
  /** The sync repository the target has it from (null: foreign, in no repository). */
  repository?: string | null;
}

export interface Resolution {
  source: PackageSource | null;
  /** What was looked at, for the error message when nothing had it. */
  tried: string[];
  /**
   * The sync databases look out of date for this package: not downloaded yet, or holding an older
   * version than wanted. A `pacman -Sy` may make it available from the repository.
   */
  stale: boolean;
}

/** Archive file extensions probed: what the Arch Linux Archive holds (zst since 2020, xz before). */
const ARCHIVE_EXTENSIONS = ['.pkg.tar.zst', '.pkg.tar.xz'];

export class SourceResolver {
  /** The agent's cache_dir, then pacman.conf's CacheDirs: the order pacman gets them in (--cachedir first). */
  readonly cacheDirs: string[];
  private listings: Promise<Map<string, string[]>> | null = null;

  constructor(
    private readonly machine: Machine,
    private readonly ctx: ExecutorContext,
  ) {
    this.cacheDirs = [...new Set([ctx.pacman.cacheDir, ...machine.conf.cacheDirs].map((d) => path.resolve(d)))];
  }

  /** Architectures to look for, preferred first. */
  private arches(need: NeededVersion): string[] {
    return [...new Set([...(need.arch ? [need.arch] : []), ...this.machine.arches])];
  }

  private fromRepos(need: NeededVersion): { source: PackageSource | null; stale: boolean; seen: string[] } {
    // Stale: the repository the target has it from lacks it here (a new package since our last
    // refresh), or a database holds an older version.
    const named = this.machine.repos.find((r) => r.name === need.repository);
    let stale = named !== undefined && !named.byName.has(need.name);
    const seen: string[] = [];
    for (const repo of this.machine.repos) {
      if (repo.packages === null) {
        stale = true;
        seen.push(`${repo.name} (database not downloaded)`);
        continue;
      }
      const p = repo.byName.get(need.name);
      if (p === undefined) continue;
      if (p.version === need.version) {
        return { source: { kind: 'repository', repository: repo.name, filename: p.filename ?? '', package: p }, stale: false, seen };
      }
      seen.push(`${repo.name} has ${p.version}`);
      if (vercmp(p.version, need.version) < 0) stale = true;
    }
    return { source: null, stale, seen };
  }

  private listCaches(): Promise<Map<string, string[]>> {
    this.listings ??= (async () => {
      const out = new Map<string, string[]>();
      for (const dir of this.cacheDirs) out.set(dir, await readdir(dir).catch(() => [] as string[]));
      return out;
    })();
    return this.listings;
  }

  private async fromCache(need: NeededVersion): Promise<PackageSource | null> {
    const arches = this.arches(need);
    const rank = (m: { arch: string; ext: string }): number =>
      arches.indexOf(m.arch) * 10 + PACKAGE_EXTENSIONS.indexOf(m.ext as (typeof PACKAGE_EXTENSIONS)[number]);
    for (const [dir, files] of await this.listCaches()) {
      let best: { file: string; rank: number } | null = null;
      for (const f of files) {
        const m = matchPackageFile(f, need.name, need.version);
        if (m === null || !arches.includes(m.arch)) continue;
        const r = rank(m);
        if (best === null || r < best.rank) best = { file: f, rank: r };
      }
      if (best !== null) return { kind: 'cache', path: path.join(dir, best.file) };
    }
    return null;
  }

  /** Every archive URL for `need`, in the order they are tried. */
  archiveCandidates(need: NeededVersion): string[] {
    const urls: string[] = [];
    for (const base of archiveBases(this.ctx)) {
      for (const arch of this.arches(need)) {
        for (const ext of ARCHIVE_EXTENSIONS) {
          const url = archivePackageUrl(base, need.name, need.version, arch, ext);
          if (url !== null) urls.push(url);
        }
      }
    }
    return urls;
  }

  private async fromArchive(need: NeededVersion, tried: string[]): Promise<PackageSource | null> {
    const urls = this.archiveCandidates(need);
    const failures = new Map<string, string>();
    for (let i = 0; i < urls.length; i++) {
      const url = urls[i] as string;
      const r = await probeUrl(url, { timeoutMs: this.ctx.timeoutMs ?? 30_000, signal: this.ctx.signal });
      if (r.found) return { kind: 'archive', url, fallbacks: urls.slice(i + 1) };
      // One line per base: `archive http://host/…: HTTP 404`.
      const base = archiveBases(this.ctx).find((b) => url.startsWith(b)) ?? url;
      if (!failures.has(base)) failures.set(base, r.reason);
    }
    for (const [base, reason] of failures) tried.push(`archive ${base}: ${reason}`);
    return null;
  }

  async resolve(need: NeededVersion): Promise<Resolution> {
    const tried: string[] = [];
    const repo = this.fromRepos(need);
    if (repo.source !== null) return { source: repo.source, tried, stale: false };
    tried.push(repo.seen.length > 0 ? `sync databases: ${repo.seen.join(', ')}` : 'sync databases: not found');
    const cached = await this.fromCache(need);
    if (cached !== null) return { source: cached, tried, stale: repo.stale };
    tried.push(`package cache: ${this.cacheDirs.join(', ')}`);
    if (archiveBases(this.ctx).length === 0) tried.push('archive: no archive_url configured');
    const archived = await this.fromArchive(need, tried);
    return { source: archived, tried, stale: repo.stale };
  }
}
