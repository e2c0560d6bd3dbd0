// Getting the package files of a resolved plan onto this machine, before anything is installed:
//   repository versions  one `pacman -Sw -dd repo/name…` into the package cache (download only,
//                        no dependency resolution: the plan names every package; pacman checks
//                        each file against its database)
//   cached versions      checked (bytes and .PKGINFO); a damaged one is fetched from the archive
//   archive versions     downloaded to a staging directory (size-capped) and checked: first its
//                        signature, as pacman would check a file it downloads itself
//                        (RemoteFileSigLevel, package-signature.ts), then that it is the package; a
//                        candidate failing either (an error page, a cut transfer, an unsigned or
//                        wrongly signed file) is deleted and the next one tried
// A version none of this yields is a VersionUnavailableError (a SignatureRefusedError when
// signature checks refused candidates), thrown after the staging directory is removed.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageSigLevel } from '../../core/pacman/siglevel.js';
import { DEFAULT_MAX_DOWNLOAD_SIZE } from '../config.js';
import { mapLimit } from '../map-limit.js';
import { downloadFile } from './archive.js';
import type { ExecutorContext } from './executor-context.js';
import { SignatureRefusedError, VersionUnavailableError, type UnavailableVersion } from './executor-errors.js';
import type { Machine } from './machine-state.js';
import { matchPackageFile, verifyPackageFile } from './package-file.js';
import { checkDownloadSignature, DEFAULT_GPGDIR, SignatureRefused } from './package-signature.js';
import { SourceResolver } from './package-source.js';
import type { PacmanRunner } from './pacman-runner.js';
import type { PreparedItem, ProgressCallback, ResolvedItem } from './plan-types.js';
import { parseDownloadLine } from './transaction-output.js';

export interface Fetched {
  items: PreparedItem[];
  /** Holds the archive downloads; null when there were none. */
  stagingDir: string | null;
}

export async function fetchPackages(
  resolved: readonly ResolvedItem[],
  m: Machine,
  ctx: ExecutorContext,
  runner: PacmanRunner,
  onProgress?: ProgressCallback,
): Promise<Fetched> {
  const timeoutMs = ctx.timeoutMs ?? 30_000;
  const resolver = new SourceResolver(m, ctx);
  const total = resolved.length;
  let done = 0;
  const progress = (pkg: string | null, message: string): void =>
    onProgress?.({
      step: 'download',
      step_index: 1,
      step_count: 2,
      package: pkg,
      message,
      done,
      total,
      percent: total === 0 ? 50 : Math.floor((50 * done) / total),
    });
  let stagingDir: string | null = null;
  const staging = async (): Promise<string> => (stagingDir ??= await mkdtemp(path.join(ctx.tmpDir ?? tmpdir(), 'pacsync-packages-')));

  const sigCheck = {
    level: packageSigLevel(m.conf, 'remote'),
    gpgDir: m.conf.gpgDir ?? DEFAULT_GPGDIR,
    gpg: ctx.gpg,
    env: ctx.env,
    timeoutMs,
    signal: ctx.signal,
  };
  /** Per version (`name version`): the signature refusals among its candidates. */
  const refusals = new Map<string, string[]>();

  const fromArchive = async (item: ResolvedItem, urls: string[], tried: string[]): Promise<PreparedItem | null> => {
    const dir = await staging();
    for (const url of urls) {
      const dest = path.join(dir, decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
      try {
        await downloadFile(url, dest, { timeoutMs, signal: ctx.signal, maxBytes: ctx.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_SIZE });
        // The signature before anything reads the file's content.
        const signature = await checkDownloadSignature(url, dest, sigCheck);
        const pkg = await verifyPackageFile(dest, item.name, item.version);
        return { ...item, source: { kind: 'archive', url, fallbacks: [] }, file: dest, package: pkg, signature };
      } catch (err) {
        await rm(dest, { force: true });
        await rm(`${dest}.sig`, { force: true });
        if (err instanceof SignatureRefused) {
          const key = `${item.name} ${item.version}`;
          refusals.set(key, [...(refusals.get(key) ?? []), err.describe(url)]);
          tried.push(err.describe(url));
        } else {
          tried.push(`${url}: ${(err as Error).message.replace(`${dest}: `, '')}`);
        }
      }
    }
    return null;
  };

  const fetchOne = async (item: ResolvedItem): Promise<{ ok: PreparedItem } | { missing: UnavailableVersion }> => {
    const s = item.source;
    const tried: string[] = [];
    let out: PreparedItem | null = null;
    if (s.kind === 'repository') {
      // Where -Sw left it: libalpm does not download a file one of its cache directories already
      // holds (_alpm_filecache_find), so look in each, in pacman's order. A database entry without
      // %FILENAME% (never written by repo-add): the file that names this version.
      let file: string | undefined;
      for (const dir of resolver.cacheDirs) {
        const name =
          s.filename !== ''
            ? existsSync(path.join(dir, s.filename))
              ? s.filename
              : undefined
            : (await readdir(dir).catch(() => [] as string[])).find((n) => matchPackageFile(n, item.name, item.version) !== null);
        if (name !== undefined) {
          file = path.join(dir, name);
          break;
        }
      }
      out = file === undefined ? null : { ...item, file, package: s.package };
      if (out === null) tried.push(`pacman -Sw stored no file for it in ${resolver.cacheDirs.join(', ')}`);
    } else if (s.kind === 'cache') {
      try {
        out = { ...item, file: s.path, package: await verifyPackageFile(s.path, item.name, item.version) };
      } catch (err) {
        // A damaged cache file: the archive may still have the version.
        tried.push((err as Error).message);
        out = await fromArchive(item, resolver.archiveCandidates(item), tried);
      }
    } else {
      out = await fromArchive(item, [s.url, ...s.fallbacks], tried);
    }
    done++;
    progress(item.name, `${out === null ? 'unavailable' : 'ready'} ${item.name} ${item.version}`);
    return out !== null ? { ok: out } : { missing: { name: item.name, version: item.version, tried } };
  };

  try {
    const fromRepo = resolved.filter((i) => i.source.kind === 'repository');
    if (fromRepo.length > 0) {
      const targets = fromRepo.map((i) => `${(i.source as { repository: string }).repository}/${i.name}`);
      await runner.run(['-Sw', '-dd', '--', ...targets], {
        step: 'download',
        signal: ctx.signal,
        onLine: (line) => {
          const what = parseDownloadLine(line);
          if (what !== null) progress(null, `downloading ${what}`);
        },
      });
    }
    const results = await mapLimit(resolved, 2, fetchOne);
    const missing: UnavailableVersion[] = [];
    const items: PreparedItem[] = [];
    for (const r of results) {
      if ('ok' in r) items.push(r.ok);
      else missing.push(r.missing);
    }
    const refused = missing.flatMap((v) => refusals.get(`${v.name} ${v.version}`) ?? []);
    if (refused.length > 0) throw new SignatureRefusedError(missing, refused);
    if (missing.length > 0) throw new VersionUnavailableError(missing);
    return { items, stagingDir };
  } catch (err) {
    if (stagingDir !== null) await rm(stagingDir, { recursive: true, force: true });
    throw err;
  }
}
