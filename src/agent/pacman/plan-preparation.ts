// Before anything changes: what of a plan this machine will do, where every version comes from,
// the files themselves, and pacman's word that it would accept the transaction.
//
//   resolvePlanOn  read only, on one reading of the machine (machine-state.ts): pacman.conf
//                  (IgnorePkg/IgnoreGroup leave packages out, HoldPkg keeps them installed),
//                  sources (sync db → cache → archive, see package-source.ts). What a plan shows.
//                  A version found nowhere is a VersionUnavailableError naming it.
//   preparePlanOn  from that resolution — still changing no installed package — refreshes the
//                  sync databases when they look stale (`pacman -Sy`, option `refresh`; then only
//                  they are read again, and the plan resolved again on them), downloads (`pacman
//                  -Sw` into the package cache; archive files to a staging directory, checked),
//                  checks package conflicts (which --print skips) and asks pacman to confirm:
//                  `pacman -U --print` with every file, `pacman -R --print` the removals.
//   resolvePlan, preparePlan  the same, reading the machine first (for callers without a reading).
import { rm } from 'node:fs/promises';
import { exclusionRule, Exclusions, type ExclusionReason } from '../../core/exclusions.js';
import { checkPlan } from '../../core/plan-check.js';
import type { InstallReason } from '../../core/package-state.js';
import type { PlanEntry, SyncPlan } from '../../core/plan.js';
import type { ExecutorContext } from './executor-context.js';
import { PacmanFailure, VersionUnavailableError, type UnavailableVersion } from './executor-errors.js';
import { machineGroups, readMachine, withSyncDbsReread, type Machine } from './machine-state.js';
import { mapLimit } from '../map-limit.js';
import { overwriteForReinstalls, setAsideIncompleteEntries } from './interrupted-install.js';
import { fetchPackages } from './package-fetch.js';
import { SourceResolver } from './package-source.js';
import { PacmanRunner } from './pacman-runner.js';
import { snapPacInstalled } from './snapper.js';
import { findConflicts, heldRemovals } from './transaction-checks.js';
import type { ExcludedPackage, ItemAction, PreparedPlan, PrepareOptions, ResolvedItem, ResolvedPlan, ResolveOptions } from './plan-types.js';

const PRINT_PREFIX = 'pacsync-print ';

interface Resolution {
  resolved: ResolvedPlan;
  missing: (UnavailableVersion & { stale: boolean })[];
}

/** A plan resolved on one reading of this machine (resolvePlanOn): what preparePlanOn starts from. */
export interface PlanOnMachine extends Resolution {
  /** The plan as given (the server's), before this machine's exclusions. */
  plan: SyncPlan;
  machine: Machine;
  options: ResolveOptions;
}

/** pacman.conf's IgnorePkg and IgnoreGroup as exclusion rules. */
const ignoredBy = (m: Machine): Exclusions =>
  Exclusions.compile({ ignorePkg: m.conf.ignorePkg, ignoreGroup: m.conf.ignoreGroup, groups: machineGroups(m) });

function excludeFromPlan(plan: SyncPlan, m: Machine): { plan: SyncPlan; excluded: ExcludedPackage[]; held: string[] } {
  const ex = ignoredBy(m);
  const excluded: ExcludedPackage[] = [];
  const keep = (name: string): boolean => {
    const r = ex.nameReason(name);
    if (r === null) return true;
    if (!excluded.some((e) => e.name === name)) excluded.push({ name, source: r.source as ExcludedPackage['source'], pattern: r.pattern });
    return false;
  };
  const entries = (list: PlanEntry[]): PlanEntry[] => list.filter((e) => keep(e.name));
  const removable = entries(plan.packages_to_remove);
  const held = new Set(
    heldRemovals(
      removable.map((e) => e.name),
      m.conf.holdPkg,
      m.localByName,
    ),
  );
  const out: SyncPlan = {
    ...plan,
    packages_to_install: entries(plan.packages_to_install),
    packages_to_upgrade: entries(plan.packages_to_upgrade),
    packages_to_downgrade: entries(plan.packages_to_downgrade),
    packages_to_remove: removable.filter((e) => !held.has(e.name)),
    reasons_to_change: plan.reasons_to_change.filter((r) => keep(r.name)),
  };
  out.excluded_packages = [...new Set([...plan.excluded_packages, ...excluded.map((e) => e.name)])].sort();
  out.excluded_count = out.excluded_packages.length;
  const changes = [...out.packages_to_install, ...out.packages_to_upgrade, ...out.packages_to_downgrade];
  out.total_packages = changes.length + out.packages_to_remove.length + out.reasons_to_change.length;
  out.estimated_size = changes.reduce((s, e) => s + e.size, 0);
  return { plan: out, excluded, held: [...held] };
}

/**
 * See ResolvedPlan.excludedWhy: this machine's own rule when one matches (pacman.conf, the agent's
 * `exclude`), else the rule the server's plan names (the pool's, the operation's).
 */
function exclusionReasons(plan: SyncPlan, m: Machine, ctx: ExecutorContext): Map<string, string> {
  const own = ignoredBy(m).with({ endpoint: ctx.exclude ?? [] });
  const fromServer = plan.exclusion_reasons ?? {};
  return new Map(
    plan.excluded_packages.map((n) => {
      const r = own.nameReason(n) ?? (Object.prototype.hasOwnProperty.call(fromServer, n) ? (fromServer[n] as ExclusionReason) : null);
      return [n, r !== null ? exclusionRule(r) : "the server's plan (no rule given)"];
    }),
  );
}

async function resolveOn(m: Machine, plan: SyncPlan, ctx: ExecutorContext, opts: ResolveOptions): Promise<Resolution> {
  // Nothing from the server reaches pacman unchecked, whoever calls the executor (see plan-check).
  checkPlan(plan, new Map(m.local.map((p) => [p.name, p.version])));
  const { plan: effective, excluded, held } = excludeFromPlan(plan, m);
  const resolver = new SourceResolver(m, ctx);
  const wanted: { action: ItemAction; entry: PlanEntry }[] = [
    ...effective.packages_to_install.map((entry) => ({ action: 'install' as const, entry })),
    ...effective.packages_to_upgrade.map((entry) => ({ action: 'upgrade' as const, entry })),
    ...effective.packages_to_downgrade.map((entry) => ({ action: 'downgrade' as const, entry })),
  ].filter((w) => w.entry.to_version !== null);
  const src = opts.source?.packages;
  const found = await mapLimit(wanted, 4, ({ entry }) =>
    resolver.resolve({
      name: entry.name,
      version: entry.to_version as string,
      arch: src && Object.prototype.hasOwnProperty.call(src, entry.name) ? src[entry.name]?.arch : null,
      repository: entry.repository,
    }),
  );
  const items: ResolvedItem[] = [];
  const missing: Resolution['missing'] = [];
  let refresh = false;
  found.forEach((r, i) => {
    const { action, entry } = wanted[i] as { action: ItemAction; entry: PlanEntry };
    if (r.stale && r.source?.kind !== 'repository') refresh = true;
    if (r.source === null) missing.push({ name: entry.name, version: entry.to_version as string, tried: r.tried, stale: r.stale });
    else items.push({ action, name: entry.name, from_version: entry.from_version, version: entry.to_version as string, source: r.source });
  });
  const reasons = (to: InstallReason): string[] => [
    ...(to === 'dependency' ? effective.packages_to_install.filter((e) => e.reason === 'dependency').map((e) => e.name) : []),
    ...effective.reasons_to_change.filter((r) => r.to_reason === to).map((r) => r.name),
  ];
  return {
    resolved: {
      plan: effective,
      excluded,
      excludedWhy: exclusionReasons(plan, m, ctx),
      held,
      items,
      removals: effective.packages_to_remove.map((e) => e.name),
      asdeps: reasons('dependency'),
      asexplicit: reasons('explicit'),
      refreshed: false,
      refresh_recommended: refresh,
      after_refresh: [],
    },
    missing,
  };
}

const unavailable = (missing: Resolution['missing']): VersionUnavailableError =>
  new VersionUnavailableError(missing.map(({ name, version, tried }) => ({ name, version, tried })));

/**
 * What `plan` will do on `machine` (one reading of it) and where each version comes from. Reads
 * only. Versions missing from out-of-date sync databases are listed in `resolved.after_refresh`
 * (preparation refreshes first); any other missing version is a VersionUnavailableError.
 */
export async function resolvePlanOn(machine: Machine, plan: SyncPlan, ctx: ExecutorContext, opts: ResolveOptions = {}): Promise<PlanOnMachine> {
  const { resolved, missing } = await resolveOn(machine, plan, ctx, opts);
  const hopeless = missing.filter((m) => !m.stale);
  if (hopeless.length > 0) throw unavailable(hopeless);
  return { plan, machine, options: opts, missing, resolved: { ...resolved, after_refresh: missing.map(({ name, version }) => ({ name, version })) } };
}

/** resolvePlanOn on a reading of the machine made now. */
export async function resolvePlan(plan: SyncPlan, ctx: ExecutorContext, opts: ResolveOptions = {}): Promise<ResolvedPlan> {
  return (await resolvePlanOn(await readMachine(ctx), plan, ctx, opts)).resolved;
}

/** Removes a prepared plan's staging directory (applyPlan does it itself). */
export async function releasePrepared(prepared: Pick<PreparedPlan, 'staging_dir'>): Promise<void> {
  if (prepared.staging_dir !== null) await rm(prepared.staging_dir, { recursive: true, force: true });
}

/** Parses `--print-format 'pacsync-print %n %v'` output. */
function printed(lines: readonly string[]): { name: string; version: string }[] {
  return lines
    .filter((l) => l.startsWith(PRINT_PREFIX))
    .map((l) => {
      const [name = '', version = ''] = l.slice(PRINT_PREFIX.length).trim().split(' ');
      return { name, version };
    });
}

/**
 * Resolves, downloads and confirms `plan`, reading the machine first (see preparePlanOn). A version
 * found nowhere before the refresh is looked for again after it.
 */
export async function preparePlan(plan: SyncPlan, ctx: ExecutorContext, opts: PrepareOptions = {}): Promise<PreparedPlan> {
  const machine = await readMachine(ctx);
  return preparePlanOn({ plan, machine, options: opts, ...(await resolveOn(machine, plan, ctx, opts)) }, ctx, opts);
}

/**
 * Downloads and confirms the plan `start` resolved. Installed packages are not changed (the sync
 * databases may be refreshed and the package cache filled, as `pacman -Syw` would). On any error
 * the staging directory is removed.
 */
export async function preparePlanOn(start: PlanOnMachine, ctx: ExecutorContext, opts: Omit<PrepareOptions, 'source'> = {}): Promise<PreparedPlan> {
  const runner = new PacmanRunner(ctx.pacman, { env: ctx.env, interactive: ctx.interactive });
  const refresh = opts.refresh ?? 'auto';
  const warn = (line: string): void => void process.stderr.write(`warning: ${line}\n`);
  const setAside = setAsideIncompleteEntries(ctx.pacman.dbpath, warn);
  let m = start.machine;
  let r: Resolution = start;
  /** After `pacman -Sy`: its new sync databases, and the plan resolved on them. */
  const refreshWith = async (args: string[]): Promise<void> => {
    await runner.run(args, { step: 'refresh', signal: ctx.signal });
    m = await withSyncDbsReread(m, ctx);
    r = await resolveOn(m, start.plan, ctx, start.options);
  };
  let refreshed = false;
  if (refresh === 'always' || (refresh === 'auto' && r.resolved.refresh_recommended)) {
    await refreshWith(['-Sy']);
    refreshed = true;
  }
  // `pacman -Sy` downloads a database only when the mirror's copy is newer than ours to the
  // second (If-Modified-Since; our copy takes the mirror's time): a mirror database replaced within
  // the same second as our last refresh, or a local repository rebuilt meanwhile, is never fetched.
  // A version still missing from a database that still looks out of date is worth one forced
  // download of every database (`-Syy`, what pacman itself offers for this) before giving up.
  if (refresh !== 'never' && refreshed && r.missing.some((x) => x.stale)) await refreshWith(['-Syy']);
  if (r.missing.length > 0) throw unavailable(r.missing);
  const resolved = { ...r.resolved, refreshed };

  const fetched = await fetchPackages(resolved.items, m, ctx, runner, opts.onProgress);
  const items = fetched.items;
  const total = items.length;
  try {
    // Conflicts --print does not check. A conflict with a planned removal is resolved inside the
    // transaction (pacman removes it: `--ask 4`); with any other package pacman would refuse.
    const removing = new Set(resolved.removals);
    const conflicts = findConflicts(
      items.map((i) => i.package),
      m.local,
    );
    const blocking = conflicts.filter((c) => !(c.installed && removing.has(c.other)));
    if (blocking.length > 0) {
      throw new PacmanFailure({
        step: 'confirm',
        command: [],
        status: null,
        lines: ['error: unresolvable package conflicts detected', ...blocking.map((c) => `:: ${c.incoming} and ${c.other} are in conflict`)],
      });
    }
    const conflictRemovals = [...new Set(conflicts.map((c) => c.other))].filter((n) => removing.has(n));

    // pacman's confirmation: the exact transaction, dependencies resolved, nothing committed.
    let pulledIn: { name: string; version: string }[] = [];
    const step = (message: string): void =>
      opts.onProgress?.({ step: 'confirm', step_index: 2, step_count: 2, package: null, message, done: total, total, percent: 75 });
    const overwrite = await overwriteForReinstalls(setAside, items, ctx.pacman.root, warn);
    if (items.length > 0) {
      step('pacman -U --print');
      const run = await runner.run(['-U', '--print', '--print-format', `${PRINT_PREFIX}%n %v`, ...overwrite, '--', ...items.map((i) => i.file)], {
        step: 'confirm',
        signal: ctx.signal,
      });
      const ours = new Set(items.map((i) => i.name));
      // (An ignored package is never pulled in: pacman answers its question with no, and
      // refuses the transaction when a dependency needs it.)
      pulledIn = printed(run.stdout).filter((p) => !ours.has(p.name));
    }
    const removals = resolved.removals.filter((n) => !conflictRemovals.includes(n));
    if (removals.length > 0) {
      step('pacman -R --print');
      // Dependencies are judged after the transaction (the plan removes what nothing staying
      // needs then); pacman can only judge them now, so with a transaction first it checks names.
      const nodeps = items.length > 0 ? ['-dd'] : [];
      await runner.run(['-R', '--print', '--print-format', `${PRINT_PREFIX}%n %v`, ...nodeps, '--', ...removals], {
        step: 'confirm',
        signal: ctx.signal,
      });
    }
    return {
      ...resolved,
      items,
      removals,
      conflict_removals: conflictRemovals,
      pulled_in: pulledIn,
      snapper: snapPacInstalled(ctx.pacman.root, ctx.env),
      staging_dir: fetched.stagingDir,
      overwrite,
    };
  } catch (err) {
    await releasePrepared({ staging_dir: fetched.stagingDir });
    throw err;
  }
}
