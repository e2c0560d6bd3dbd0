// `pools create|update` take one option per pool setting, made from the contract's PoolSettings
// schema (src/contracts/pool.contract.ts): a setting added there is an option here at once, with
// its API name in kebab case (`max_history` → `--max-history`), and the values the schema allows.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { TSchema } from '@sinclair/typebox';
import { PoolSettings, type PoolSettingsInput } from '../../contracts/pool.contract.js';

const HELP: Record<string, string> = {
  auto_sync: 'sync members on the schedule',
  conflict_resolution: 'what a sync does with a newer installed version',
  excluded_packages: 'names or globs never synced (comma-separated; "" for none)',
  excluded_repos: 'repositories never synced (comma-separated; "" for none)',
  max_history: 'non-target states kept',
  sync_schedule: 'five-field cron expression for auto_sync ("" or none: no schedule)',
  remove_extra: 'remove packages installed explicitly but not in the target',
  set_latest_by: 'who may set the target',
};

const flagOf = (key: string): string => key.replace(/_/g, '-');
const attrOf = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function literals(schema: TSchema): string[] | null {
  const any = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!any || !any.every((s) => (s as { const?: unknown }).const !== undefined)) return null;
  return any.map((s) => String((s as { const?: unknown }).const));
}

/** Adds the setting options to `cmd`. */
export function addPoolSettingOptions(cmd: Command): Command {
  for (const [key, schema] of Object.entries(PoolSettings.properties) as [string, TSchema][]) {
    const flag = flagOf(key);
    const help = HELP[key] ?? `pool setting ${key}`;
    const type = (schema as { type?: string }).type;
    const choices = literals(schema);
    if (type === 'boolean') {
      cmd.addOption(new Option(`--${flag}`, `${help} (${key} = true)`));
      cmd.addOption(new Option(`--no-${flag}`, `${key} = false`));
    } else if (type === 'integer') {
      const { minimum = 0, maximum = Number.MAX_SAFE_INTEGER } = schema as { minimum?: number; maximum?: number };
      cmd.addOption(
        new Option(`--${flag} <n>`, `${help} (${minimum}-${maximum})`).argParser((v) => {
          if (!/^\d{1,10}$/.test(v) || Number(v) < minimum || Number(v) > maximum)
            throw new InvalidArgumentError(`'${v}' is not a whole number from ${minimum} to ${maximum}`);
          return Number(v);
        }),
      );
    } else if (type === 'array') {
      cmd.addOption(new Option(`--${flag} <list>`, help).argParser((v) => [...new Set(v.split(/[\s,]+/).filter((s) => s !== ''))]));
    } else if (choices) {
      cmd.addOption(new Option(`--${flag} <value>`, help).choices(choices));
    } else {
      // A string or null (sync_schedule): "" or `none` clears it.
      cmd.addOption(new Option(`--${flag} <value>`, help).argParser((v) => (v === '' || v === 'none' ? null : v)));
    }
  }
  return cmd;
}

/** The settings given on the command line (only those), in the API's names. */
export function poolSettingsFrom(opts: Record<string, unknown>): PoolSettingsInput | undefined {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(PoolSettings.properties)) {
    const v = opts[attrOf(key)];
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length === 0 ? undefined : (out as PoolSettingsInput);
}
