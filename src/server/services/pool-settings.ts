// Pool settings: defaults, merging a partial update, and the checks JSON Schema cannot express
// (cron syntax, glob brackets). Errors name the field, e.g. `settings.sync_schedule`.
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import { DEFAULT_POOL_SETTINGS, type PoolSettings, type PoolSettingsInput } from '../../contracts/pool.contract.js';
import { ValidationError } from '../../core/errors.js';
import { validateExclusionPattern, validateRepositoryName } from '../../core/names.js';

/**
 * Checks a cron expression as the scheduler will read it: five fields (minute hour day month
 * weekday) or a macro such as `@daily`. Returns it trimmed.
 */
export function validateCronSchedule(expr: string, field = 'settings.sync_schedule'): string {
  const text = expr.trim();
  const fields = text.split(/\s+/);
  if (!text.startsWith('@') && fields.length !== 5) {
    throw new ValidationError(field, `'${expr}' must have 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`);
  }
  try {
    CronExpressionParser.parse(text);
    // The scheduler runs schedules with croner, which is stricter in places (`0/15`): accept only
    // what both read, so a saved schedule always fires.
    new Cron(text, { paused: true, timezone: 'UTC' }).nextRun();
  } catch (err) {
    throw new ValidationError(field, `'${expr}' is not a valid cron expression: ${(err as Error).message}`);
  }
  return text;
}

/** An IANA time zone name as the scheduler (croner, through Intl) reads it. */
export function validateTimeZone(zone: string, field = 'settings.schedule_timezone'): string {
  const text = zone.trim();
  try {
    // Intl knows exactly the zones croner can convert to; an unknown name throws a RangeError.
    new Intl.DateTimeFormat('en-US', { timeZone: text });
  } catch {
    throw new ValidationError(field, `'${zone}' is not a time zone: use an IANA name such as UTC or Europe/Berlin`);
  }
  return text;
}

/** Stored settings (possibly written by an older version) completed with today's defaults. */
export function completeSettings(stored: Record<string, unknown> | null | undefined): PoolSettings {
  const out: PoolSettings = { ...DEFAULT_POOL_SETTINGS };
  if (!stored) return out;
  const s = stored as Partial<PoolSettings>;
  if (typeof s.auto_sync === 'boolean') out.auto_sync = s.auto_sync;
  if (s.conflict_resolution === 'manual' || s.conflict_resolution === 'newest' || s.conflict_resolution === 'oldest') {
    out.conflict_resolution = s.conflict_resolution;
  }
  if (Array.isArray(s.excluded_packages)) out.excluded_packages = s.excluded_packages.filter((x) => typeof x === 'string');
  if (Array.isArray(s.excluded_repos)) out.excluded_repos = s.excluded_repos.filter((x) => typeof x === 'string');
  if (typeof s.max_history === 'number') out.max_history = s.max_history;
  if (typeof s.sync_schedule === 'string' || s.sync_schedule === null) out.sync_schedule = s.sync_schedule;
  if (typeof s.schedule_timezone === 'string') out.schedule_timezone = s.schedule_timezone;
  if (typeof s.remove_extra === 'boolean') out.remove_extra = s.remove_extra;
  if (s.set_latest_by === 'members' || s.set_latest_by === 'admins') out.set_latest_by = s.set_latest_by;
  return out;
}

/** `base` with `input` applied, validated; lists are de-duplicated (order kept). */
export function mergeSettings(base: PoolSettings, input: PoolSettingsInput | undefined): PoolSettings {
  const merged: PoolSettings = { ...base, ...(input ?? {}) };
  merged.excluded_packages = [...new Set(merged.excluded_packages)];
  merged.excluded_repos = [...new Set(merged.excluded_repos)];
  merged.excluded_packages.forEach((p, i) => validateExclusionPattern(p, `settings.excluded_packages[${i}]`));
  merged.excluded_repos.forEach((r, i) => validateRepositoryName(r, `settings.excluded_repos[${i}]`));
  if (merged.sync_schedule !== null) merged.sync_schedule = validateCronSchedule(merged.sync_schedule);
  merged.schedule_timezone = validateTimeZone(merged.schedule_timezone);
  return merged;
}
