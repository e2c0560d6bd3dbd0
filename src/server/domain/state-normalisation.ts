// A reported package state as the server stores it, and its content hash: shared by the state
// report (report.service.ts), an operation's completion with the state it reached
// (operation.service.ts) and set-latest's new target (set-latest.service.ts). It lives here, not
// in src/core, because the hash is node:crypto's sha256 (core stays free of node:*); the canonical
// text it hashes is core's (src/core/state.ts canonicalStateText).
//
// A state is normalised (packages sorted by name with only known fields, totals recomputed,
// exclusions checked) and identified by sha256(canonicalStateText) computed here: the client's
// content_hash is never trusted.
import { createHash } from 'node:crypto';
import type { StateReportBody } from '../../contracts/package.contract.js';
import { ValidationError } from '../../core/errors.js';
import { validateExclusionPattern } from '../../core/names.js';
import type { PackageStateData, StateMetadata, StatePackage } from '../../core/package-state.js';
import { canonicalStateText, isSorted, setOwn, totals } from '../../core/state.js';

/** capture_method when the agent names none. */
export const DEFAULT_REPORT_CAPTURE_METHOD = 'agent_report';

/** A validated, normalised state and its server-side content hash. */
export interface NormalisedState {
  state: PackageStateData;
  hash: string;
}

export function contentHash(state: PackageStateData): string {
  return createHash('sha256').update(canonicalStateText(state), 'utf8').digest('hex');
}

/**
 * The state an agent sent, as stored: packages sorted by name with only known fields, totals
 * recomputed, the machine's exclusions checked, de-duplicated and sorted, and the content hash.
 * `field` prefixes error messages (`body`, `body.state`).
 */
export function normaliseState(body: StateReportBody, field = 'body'): NormalisedState {
  const packages: Record<string, StatePackage> = {};
  const names = Object.keys(body.packages);
  if (!isSorted(names)) names.sort();
  for (const name of names) {
    // The contract's package is core's StatePackage exactly (package.contract.ts checks it).
    const p = body.packages[name] as StatePackage;
    const entry: StatePackage = {
      version: p.version,
      repository: p.repository,
      size: p.size,
      dependencies: p.dependencies,
      install_date: p.install_date,
    };
    if (p.reason !== undefined) entry.reason = p.reason;
    if (p.provides !== undefined) entry.provides = p.provides;
    if (p.arch !== undefined) entry.arch = p.arch;
    // Plain assignment is several times faster than defineProperty; only "__proto__" needs it.
    if (name === '__proto__') setOwn(packages, name, entry);
    else packages[name] = entry;
  }
  const t = totals(packages);
  if (!Number.isSafeInteger(t.total_size)) {
    throw new ValidationError(`${field}.packages`, 'the sizes of the packages add up to more than can be counted exactly');
  }
  const excluded = [...new Set(body.metadata.excluded_packages ?? [])];
  excluded.forEach((p, i) => validateExclusionPattern(p, `${field}.metadata.excluded_packages[${i}]`));
  const metadata: StateMetadata = {
    ...t,
    capture_method: body.metadata.capture_method ?? DEFAULT_REPORT_CAPTURE_METHOD,
    excluded_packages: excluded.sort(),
  };
  if (body.metadata.repositories !== undefined) metadata.repositories = body.metadata.repositories;
  const state: PackageStateData = { packages, metadata };
  const hash = contentHash(state);
  state.metadata.content_hash = hash;
  return { state, hash };
}
