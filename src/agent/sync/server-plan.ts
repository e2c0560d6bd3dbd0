// What a server sends the agent about a sync, read from `unknown` — the server is not trusted with
// root (issue #10). A plan is checked twice before anything uses it: core/plan-check.ts names each
// bad name, version or repository (what a user can act on), then the contract's own schema
// (SyncPlanSchema, whose static type is core's SyncPlan: contracts/core-agreement.ts) refuses
// whatever else has the wrong shape. Either way the plan is refused with PlanRefused ("refused the
// server's plan: …; nothing was changed"), and nothing from it reaches pacman.
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { OperationView } from '../../contracts/operation.contract.js';
import { StatePackageSchema } from '../../contracts/package.contract.js';
import { SyncPlanSchema } from '../../contracts/sync.contract.js';
import { isUuid } from '../../core/names.js';
import { checkPlan, PlanRefused } from '../../core/plan-check.js';
import { emptyPlan, type SyncPlan } from '../../core/plan.js';
import { isRetryable, type ApiClient } from '../api-client.js';
import { CliError, EXIT } from '../errors.js';
import type { SourcePackages } from '../pacman/plan-types.js';

type Fields = Record<string, unknown>;

const isFields = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);

const CHANGE_LISTS = ['packages_to_install', 'packages_to_upgrade', 'packages_to_downgrade', 'packages_to_remove'] as const;

/** A sync_to_latest operation carries a sync plan, a revert_to_previous one a revert plan. */
export const kindOf = (op: OperationView): SyncPlan['kind'] => (op.operation_type === 'revert_to_previous' ? 'revert' : 'sync');

/** `/packages_to_install/0/size` → `packages_to_install[0].size` (plan-check's way of naming an entry). */
const entryPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i > 0 ? '.' : ''}${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('') || 'plan';

/** What the contract's schema finds wrong with `fields`, one line per entry (the first problem of each). */
function shapeProblems(fields: Fields): string[] {
  const seen = new Map<string, string>();
  for (const e of Value.Errors(SyncPlanSchema, fields)) {
    const at = entryPath(e.path);
    if (!seen.has(at)) seen.set(at, `${at}: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)} (${JSON.stringify(e.value)?.slice(0, 80)})`);
  }
  return [...seen.values()];
}

/**
 * The plan in a server's answer: every list or value the server left out (absent or null) takes
 * its empty default — older servers leave some out — and the rest must pass both checks (see the
 * file comment). Throws PlanRefused naming what is wrong.
 */
export function parsePlan(raw: unknown, kind: SyncPlan['kind']): SyncPlan {
  if (!isFields(raw)) throw new PlanRefused(['plan: must be an object']);
  const fields: Fields = { ...emptyPlan(kind) };
  for (const [k, v] of Object.entries(raw)) if (v !== undefined && v !== null) fields[k] = v;
  checkPlan(fields);
  if (!Value.Check(SyncPlanSchema, fields)) throw new PlanRefused(shapeProblems(fields));
  return fields;
}

/** Whether `raw` says it is a dry run (read before it is checked: a refused live plan fails its operation). */
export const saysDryRun = (raw: unknown): boolean => isFields(raw) && Boolean(raw.dry_run);

/**
 * The plan an operation's details carry (flat, as the server stores it, or under `plan`), not yet
 * checked (parsePlan). CliError when the details hold no plan at all.
 */
export function planInDetails(op: OperationView): Fields {
  const d = op.details;
  const p = isFields(d.plan) ? d.plan : d;
  for (const k of CHANGE_LISTS) {
    if (!Array.isArray(p[k])) throw new CliError(`operation ${op.id} carries no plan the agent understands (no ${k})`);
  }
  return p;
}

/** Conflicts stop this plan (manual resolution without --force). */
export const isBlocked = (plan: SyncPlan): boolean => plan.blocked || plan.conflicts.some((c) => c.resolution === 'blocked');

/** Exit 4, naming the conflicts that block the plan. */
export function blockedError(plan: SyncPlan, what: string): CliError {
  const list = plan.conflicts.filter((c) => c.resolution === 'blocked').map((c) => `${c.name} ${c.installed_version} (target ${c.target_version})`);
  return new CliError(
    `${list.length} conflict(s) block the ${what}: installed newer than the ` +
      `target: ${list.join(', ')}; nothing was changed (pass --force to downgrade)`,
    EXIT.CONFLICT,
  );
}

function detailUuid(op: OperationView, ...keys: string[]): string | null {
  const d = op.details;
  const plan = isFields(d.plan) ? d.plan : {};
  for (const k of keys) {
    const v = d[k] ?? plan[k];
    // Ids become URL paths of our requests: only a UUID is taken.
    if (typeof v === 'string' && isUuid(v)) return v;
  }
  return null;
}

/** Of a stored state, what the executor takes: each package's architecture, as the contract allows it. */
const SourceArches = Type.Object({
  packages: Type.Record(Type.String(), Type.Object({ arch: Type.Optional(StatePackageSchema.properties.arch) })),
});

/**
 * The state the plan was made from (the pool target, or the endpoint's earlier state for a
 * revert): the executor takes package architectures from it. Best effort — the plan can be carried
 * out without it (architectures then come from the machine); only an unreachable server throws.
 */
export async function sourceState(client: ApiClient, op: OperationView): Promise<SourcePackages | undefined> {
  let id = op.operation_type === 'revert_to_previous' ? detailUuid(op, 'revert_to_state_id') : detailUuid(op, 'target_state_id');
  try {
    if (id === null && op.operation_type === 'sync_to_latest' && op.pool_id !== null) id = (await client.getPool(op.pool_id)).target_state_id;
    if (id === null) return undefined;
    const data = (await client.getState(id)).state_data;
    return Value.Check(SourceArches, data) ? data : undefined;
  } catch (err) {
    if (isRetryable(err)) throw err;
    return undefined;
  }
}
