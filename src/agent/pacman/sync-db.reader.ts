// Sync databases, `<dbpath>/sync/<repo>.db`, read directly (no pacman process): decompressed by
// db-file.ts and parsed by core while the decompressor runs. A repository configured but never
// synced has no file: callers get null and decide (pacman -Sl warns and goes on).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SyncDbIds, SyncDbPackages, type PackageId, type SyncDbConsumer } from '../../core/pacman/sync-db.parser.js';
import { TarParser } from '../../core/pacman/tar.reader.js';
import type { PacmanPackage } from '../../core/pacman/types.js';
import { decompressDbFile } from './db-file.js';

export function syncDbFile(dbpath: string, repo: string): string {
  return path.join(dbpath, 'sync', `${repo}.db`);
}

async function consume<T>(file: string, consumer: SyncDbConsumer<T>): Promise<T[] | null> {
  if (!existsSync(file)) return null; // synchronous: see decompressDbFile
  const parser = new TarParser(file, (e) => consumer.add(e), { directories: false });
  await decompressDbFile(file, (chunk) => parser.write(chunk));
  parser.end();
  return consumer.finish();
}

/** Every package of `repo` with its full desc, sorted by name; null when the db file is absent. */
export function readSyncDb(dbpath: string, repo: string): Promise<PacmanPackage[] | null> {
  const file = syncDbFile(dbpath, repo);
  return consume(file, new SyncDbPackages(file));
}

/** Names and versions of `repo` (the fast path for `repo-list`); null when the db file is absent. */
export function listSyncDbPackages(dbpath: string, repo: string): Promise<PackageId[] | null> {
  const file = syncDbFile(dbpath, repo);
  return consume(file, new SyncDbIds(file));
}
