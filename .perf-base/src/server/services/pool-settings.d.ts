import { type PoolSettings, type PoolSettingsInput } from '../../contracts/pool.contract.js';
/**
 * Checks a cron expression as the scheduler will read it: five fields (minute hour day month
 * weekday) or a macro such as `@daily`. Returns it trimmed.
 */
export declare function validateCronSchedule(expr: string, field?: string): string;
/** Stored settings (possibly written by an older version) completed with today's defaults. */
export declare function completeSettings(stored: Record<string, unknown> | null | undefined): PoolSettings;
/** `base` with `input` applied, validated; lists are de-duplicated (order kept). */
export declare function mergeSettings(base: PoolSettings, input: PoolSettingsInput | undefined): PoolSettings;
