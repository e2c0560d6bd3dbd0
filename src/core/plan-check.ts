// The agent's check of a plan that came from the network, before anything runs (issue #10). The
// server is not trusted with root: a name that starts with '-' would be read by pacman as an
// option (`--logfile /root/.ssh/authorized_keys`), a removal or reason change of a package that
// is not installed is not a plan the server could have computed from this machine's report, and
// a version or repository outside pacman's own rules has no business on a command line. Every
// list is checked, including the ones only shown (conflicts, kept, excluded), because they are
// printed to the user's terminal.
import { problemWithPackageName, problemWithRepositoryName, problemWithVersion } from './names.js';
import type { SyncPlan } from './plan.js';
import { printable } from './printable.js';
import { vercmp } from './vercmp.js';

/** A plan the agent refuses; `problems` name each bad entry by its path in the plan. */
export class PlanRefused extends Error {
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, 3).join('; ');
    super(`refused the server's plan: ${shown}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}; nothing was changed`);
    this.name = 'PlanRefused';
  }
}

type Entry = Record<string, unknown>;

const REASONS = new Set(['dependency', 'explicit']);
const CHANGE_LISTS = ['packages_to_install', 'packages_to_upgrade', 'packages_to_downgrade'] as const;

const shown = (v: unknown): string => (typeof v === 'string' ? `"${printable(v.length > 80 ? `${v.slice(0, 80)}…` : v)}"` : String(v));

const isEntry = (v: unknown): v is Entry => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every problem of `plan` as `path: problem (value)`, empty when it may run. With `installed`
 * (this machine's local database: name → version), removals and reason changes must name
 * installed packages, and installs, upgrades and downgrades must be what they say on it. `plan`
 * is what came off the network (anything); a SyncPlan passes the same checks.
 */
export function planProblems(plan: unknown, installed?: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  if (!isEntry(plan)) return ['plan: must be an object'];
  const fields: Entry = plan;
  const bad = (at: string, problem: string | null, value: unknown): void => {
    if (problem !== null) problems.push(`${at}: ${problem} (${shown(value)})`);
  };
  const list = (key: string): Entry[] => {
    const v = fields[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      problems.push(`${key}: must be a list`);
      return [];
    }
    return v.map((e, i) => {
      if (e === null || typeof e !== 'object') {
        problems.push(`${key}[${i}]: must be an object`);
        return {};
      }
      return e as Entry;
    });
  };
  const name = (at: string, v: unknown): void => bad(`${at}.name`, problemWithPackageName(v), v);
  const version = (at: string, v: unknown, nullable: boolean): void => {
    if (nullable && v === null) return;
    bad(at, problemWithVersion(v), v);
  };
  const installedName = (at: string, v: unknown): void => {
    if (installed !== undefined && typeof v === 'string' && problemWithPackageName(v) === null && !installed.has(v)) {
      problems.push(`${at}.name: ${shown(v)} is not installed on this machine`);
    }
  };
  // With this machine's versions: what the plan says it changes must be what pacman would do, so
  // the preview cannot show an "install" that is really a downgrade past the conflict rules.
  const machineProblem = (at: string, key: string, e: Entry, local: string | undefined): void => {
    if (typeof e.to_version !== 'string') return;
    if (key === 'packages_to_install') {
      if (local !== undefined) problems.push(`${at}: ${shown(e.name)} is already installed (${local}): not an install`);
      return;
    }
    if (local === undefined) return void problems.push(`${at}: ${shown(e.name)} is not installed on this machine`);
    if (e.from_version !== local) problems.push(`${at}.from_version: ${shown(e.from_version)} is not the installed version ${local}`);
    const cmp = vercmp(e.to_version, local);
    if (key === 'packages_to_upgrade' ? cmp <= 0 : cmp >= 0)
      problems.push(
        `${at}.to_version: ${shown(e.to_version)} is not ${key === 'packages_to_upgrade' ? 'newer' : 'older'} than the installed ${local}`,
      );
  };
  const seen = new Map<string, string>();
  const once = (at: string, v: unknown): void => {
    if (typeof v !== 'string') return;
    const first = seen.get(v);
    if (first !== undefined) problems.push(`${at}.name: ${shown(v)} is already changed by ${first}`);
    else seen.set(v, at);
  };

  for (const key of CHANGE_LISTS) {
    list(key).forEach((e, i) => {
      const at = `${key}[${i}]`;
      name(at, e.name);
      once(at, e.name);
      version(`${at}.to_version`, e.to_version, false);
      version(`${at}.from_version`, e.from_version ?? null, key === 'packages_to_install');
      if (e.repository !== undefined && e.repository !== null) bad(`${at}.repository`, problemWithRepositoryName(e.repository), e.repository);
      if (e.reason !== undefined && !REASONS.has(e.reason as string))
        problems.push(`${at}.reason: must be dependency or explicit (${shown(e.reason)})`);
      if (installed !== undefined && typeof e.name === 'string') machineProblem(at, key, e, installed.get(e.name));
    });
  }
  list('packages_to_remove').forEach((e, i) => {
    const at = `packages_to_remove[${i}]`;
    name(at, e.name);
    once(at, e.name);
    installedName(at, e.name);
  });
  list('reasons_to_change').forEach((e, i) => {
    const at = `reasons_to_change[${i}]`;
    name(at, e.name);
    installedName(at, e.name);
    if (!REASONS.has(e.to_reason as string)) problems.push(`${at}.to_reason: must be dependency or explicit (${shown(e.to_reason)})`);
  });
  list('conflicts').forEach((e, i) => {
    const at = `conflicts[${i}]`;
    name(at, e.name);
    version(`${at}.installed_version`, e.installed_version, false);
    version(`${at}.target_version`, e.target_version, false);
  });
  list('packages_kept').forEach((e, i) => name(`packages_kept[${i}]`, e.name));
  for (const key of ['excluded_packages', 'packages'] as const) {
    const v = fields[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) problems.push(`${key}: must be a list`);
    else v.forEach((n, i) => bad(`${key}[${i}]`, problemWithPackageName(n), n));
  }
  const reasons = fields.exclusion_reasons;
  if (reasons !== undefined && reasons !== null) {
    if (typeof reasons !== 'object' || Array.isArray(reasons)) problems.push('exclusion_reasons: must be an object');
    else {
      for (const [n, r] of Object.entries(reasons as Record<string, unknown>)) {
        bad(`exclusion_reasons.${printable(n).slice(0, 80)}`, problemWithPackageName(n), n);
        const rule = r as { source?: unknown; pattern?: unknown } | null;
        if (
          rule === null ||
          typeof rule !== 'object' ||
          typeof rule.source !== 'string' ||
          typeof rule.pattern !== 'string' ||
          rule.pattern.length > 255
        ) {
          problems.push(`exclusion_reasons.${printable(n).slice(0, 80)}: must be {source, pattern} strings`);
        }
      }
    }
  }
  return problems;
}

/** Throws PlanRefused unless `plan` may run (see planProblems). */
export function checkPlan(plan: unknown, installed?: ReadonlyMap<string, string>): void {
  const problems = planProblems(plan, installed);
  if (problems.length > 0) throw new PlanRefused(problems);
}

/**
 * What a plan changes on the machine, one line per change in a stable order — what the user agreed
 * to when they confirmed a preview. Blocking conflicts count: they stop the sync.
 */
export function planChanges(plan: SyncPlan): string[] {
  const entry =
    (verb: string) =>
    (e: { name: string; from_version: string | null; to_version: string | null; reason?: string }): string =>
      `${verb} ${e.name} ${e.from_version ?? '-'} -> ${e.to_version ?? '-'}${e.reason ? ` ${e.reason}` : ''}`;
  return [
    ...(plan.packages_to_install ?? []).map(entry('install')),
    ...(plan.packages_to_upgrade ?? []).map(entry('upgrade')),
    ...(plan.packages_to_downgrade ?? []).map(entry('downgrade')),
    ...(plan.packages_to_remove ?? []).map(entry('remove')),
    ...(plan.reasons_to_change ?? []).map((r) => `reason ${r.name} -> ${r.to_reason}`),
    ...(plan.conflicts ?? []).filter((c) => c.resolution === 'blocked').map((c) => `blocked ${c.name} ${c.installed_version}`),
  ].sort();
}

/** The changes of `now` that were not in `previewed` and back (`+ line` / `- line`); empty when the same. */
export function planDifference(previewed: SyncPlan, now: SyncPlan): string[] {
  const a = new Set(planChanges(previewed));
  const b = new Set(planChanges(now));
  return [...[...b].filter((l) => !a.has(l)).map((l) => `+ ${l}`), ...[...a].filter((l) => !b.has(l)).map((l) => `- ${l}`)];
}
