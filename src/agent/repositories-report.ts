// Reporting the sync repositories without resending a database the pool already has (issue #17).
// After a `pacman -Sy` every machine of a pool holds the same sync databases, each ~2 MB of
// package list as JSON; the server needs one copy per database. So each repository with a db_hash
// (the sha256 of its database file) goes first as its name, URL and metadata alone, and the server
// takes the packages from the copy it stored under that hash for the pool. A 409
// REPOSITORY_HASH_UNKNOWN (this machine is the first of its pool to report that database) — or a
// 400 from a server that wants every package list — makes the agent send the report in full.
import type { RepositoriesReportBody } from '../contracts/package.contract.js';
import type { RepositoriesReportResult } from '../contracts/report.contract.js';
import { ApiError, type ApiClient } from './api-client.js';

/** The report with the package lists of the repositories that have a db_hash left out. */
export function byHash(body: RepositoriesReportBody): RepositoriesReportBody | null {
  if (!body.repositories.some((r) => r.metadata?.db_hash)) return null;
  return {
    repositories: body.repositories.map((r) => {
      if (!r.metadata?.db_hash) return r;
      const { packages: _sent_by_hash, ...rest } = r;
      return rest;
    }),
  };
}

/** Sends `body` for `endpointId`: by hash where the server can resolve it, else in full. */
export async function reportRepositories(client: ApiClient, endpointId: string, body: RepositoriesReportBody): Promise<RepositoriesReportResult> {
  const slim = byHash(body);
  if (slim !== null) {
    try {
      return await client.submitRepositories(endpointId, slim);
    } catch (err) {
      if (!(err instanceof ApiError && (err.code === 'REPOSITORY_HASH_UNKNOWN' || err.status === 400))) throw err;
    }
  }
  return client.submitRepositories(endpointId, body);
}
