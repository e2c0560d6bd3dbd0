// Create or edit a pool: name, description and every setting. Exclusions preview which of the
// target's packages they match (with core's fnmatch, pacman's own glob rules); the schedule shows
// its next five runs. The server validates everything; its message appears beside the field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CronExpressionParser } from 'cron-parser';
import { useMemo, useState, type FormEvent } from 'react';
import type { PoolSettings, PoolView } from '../../../src/contracts/index.js';
import { DEFAULT_POOL_SETTINGS } from '../../../src/contracts/pool.contract.js';
import { fnmatch } from '../../../src/core/fnmatch.js';
import { api } from '../api/client.js';
import { useState_ } from '../api/queries.js';
import { ErrorNote, Field, fieldError, formError } from './ui.js';

const DEFAULTS: PoolSettings = DEFAULT_POOL_SETTINGS;

const list = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** IANA zone names this browser knows, for the time zone field's suggestions. */
const ZONES: string[] = (() => {
  try {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes('UTC') ? all : ['UTC', ...all];
  } catch {
    return ['UTC'];
  }
})();

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The next `n` runs of `expr` read in `zone` (as the server's scheduler reads it), shown in that zone. */
export function nextRuns(expr: string, zone = 'UTC', n = 5): string[] | string {
  if (!isTimeZone(zone)) return `'${zone}' is not a time zone: use an IANA name such as UTC or Europe/Berlin`;
  try {
    const it = CronExpressionParser.parse(expr.trim(), { tz: zone });
    return it.take(n).map((d) => {
      const at = d.toDate();
      const local = at.toLocaleString(undefined, {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      // The instant in UTC too: the job list and logs speak UTC.
      return zone === 'UTC'
        ? local
        : `${local} (${at.toLocaleTimeString(undefined, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} UTC)`;
    });
  } catch (err) {
    return err instanceof Error ? err.message : 'not a cron expression';
  }
}

export function PoolSettingsForm({ pool, onDone }: { pool?: PoolView; onDone: (p: PoolView) => void }) {
  const qc = useQueryClient();
  const initial = pool?.settings ?? DEFAULTS;
  const [name, setName] = useState(pool?.name ?? '');
  const [description, setDescription] = useState(pool?.description ?? '');
  const [s, setS] = useState({
    ...initial,
    excluded_packages_text: initial.excluded_packages.join(' '),
    excluded_repos_text: initial.excluded_repos.join(' '),
    schedule_text: initial.sync_schedule ?? '',
    timezone_text: initial.schedule_timezone,
    max_history_text: String(initial.max_history),
  });
  const target = useState_(pool?.target_state_id);

  const save = useMutation({
    mutationFn: () => {
      const maxHistory = Number(s.max_history_text);
      const settings = {
        auto_sync: s.auto_sync,
        conflict_resolution: s.conflict_resolution,
        remove_extra: s.remove_extra,
        set_latest_by: s.set_latest_by,
        excluded_packages: list(s.excluded_packages_text),
        excluded_repos: list(s.excluded_repos_text),
        sync_schedule: s.schedule_text.trim() === '' ? null : s.schedule_text.trim(),
        // As typed: the server names an unknown zone.
        schedule_timezone: s.timezone_text.trim() === '' ? 'UTC' : s.timezone_text.trim(),
        // A non-number goes as typed, so the server names the problem.
        max_history: Number.isInteger(maxHistory) && s.max_history_text.trim() !== '' ? maxHistory : (s.max_history_text as unknown as number),
      };
      const body = { name: name.trim() === '' ? name : name, description: description.trim() === '' ? null : description, settings };
      return pool ? api.put<PoolView>(`/pools/${pool.id}`, body) : api.post<PoolView>('/pools', body);
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['pools'] });
      void qc.invalidateQueries({ queryKey: ['pool', p.id] });
      onDone(p);
    },
  });
  const err = save.error;
  const packages = useMemo(() => Object.keys(target.data?.state_data.packages ?? {}), [target.data]);
  const patterns = list(s.excluded_packages_text);
  const matched = useMemo(() => packages.filter((n) => patterns.some((p) => fnmatch(p, n))), [packages, s.excluded_packages_text]);
  const zone = s.timezone_text.trim() || 'UTC';
  const runs = s.schedule_text.trim() ? nextRuns(s.schedule_text, zone) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  // The settings service names fields without the `body.` prefix (`settings.sync_schedule`).
  const fields = ['body.name', 'body.description', 'body.settings', 'settings'];
  return (
    <form onSubmit={submit} className="form" aria-label={pool ? 'Pool settings' : 'New pool'}>
      <Field label="Name" error={fieldError(err, 'body.name')}>
        {(id, d) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={d} required />}
      </Field>
      <Field label="Description" error={fieldError(err, 'body.description')}>
        {(id, d) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={d} />}
      </Field>
      <Field
        label="Conflict policy"
        error={fieldError(err, 'body.settings.conflict_resolution')}
        hint="What happens when a machine has a newer version than the target"
      >
        {(id) => (
          <select
            id={id}
            value={s.conflict_resolution}
            onChange={(e) => setS({ ...s, conflict_resolution: e.target.value as PoolSettings['conflict_resolution'] })}
          >
            <option value="manual">manual — a conflict blocks the sync until forced</option>
            <option value="newest">newest — keep the newer installed version</option>
            <option value="oldest">oldest — the target always wins (downgrade)</option>
          </select>
        )}
      </Field>
      <Field
        label="Excluded packages"
        error={fieldError(err, 'body.settings.excluded_packages')}
        hint={
          pool?.target_state_id
            ? patterns.length
              ? `matches ${matched.length} of the target's ${packages.length} ` +
                `packages${matched.length ? `: ${matched.slice(0, 12).join(', ')}${matched.length > 12 ? '…' : ''}` : ''}`
              : 'names or globs, e.g. linux* nvidia-?'
            : 'names or globs, e.g. linux*'
        }
      >
        {(id, d) => (
          <input
            id={id}
            value={s.excluded_packages_text}
            onChange={(e) => setS({ ...s, excluded_packages_text: e.target.value })}
            aria-describedby={d}
            placeholder="linux* firefox"
          />
        )}
      </Field>
      <Field label="Excluded repositories" error={fieldError(err, 'body.settings.excluded_repos')}>
        {(id, d) => (
          <input
            id={id}
            value={s.excluded_repos_text}
            onChange={(e) => setS({ ...s, excluded_repos_text: e.target.value })}
            aria-describedby={d}
            placeholder="testing"
          />
        )}
      </Field>
      <Field
        label="Sync schedule (cron)"
        error={fieldError(err, 'body.settings.sync_schedule', 'settings.sync_schedule')}
        hint={
          runs === null ? (
            'empty: no schedule'
          ) : typeof runs === 'string' ? (
            runs
          ) : (
            <>
              next ({zone}): {runs.join(' · ')}
            </>
          )
        }
      >
        {(id, d) => (
          <input
            id={id}
            value={s.schedule_text}
            onChange={(e) => setS({ ...s, schedule_text: e.target.value })}
            aria-describedby={d}
            placeholder="0 3 * * *"
          />
        )}
      </Field>
      <Field
        label="Schedule time zone"
        error={fieldError(err, 'body.settings.schedule_timezone', 'settings.schedule_timezone')}
        hint="IANA name, e.g. Europe/Berlin: the schedule is read in this zone"
      >
        {(id, d) => (
          <>
            <input
              id={id}
              list={`${id}-zones`}
              value={s.timezone_text}
              onChange={(e) => setS({ ...s, timezone_text: e.target.value })}
              aria-describedby={d}
              placeholder="UTC"
              autoComplete="off"
            />
            <datalist id={`${id}-zones`}>
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="States kept (max_history)" error={fieldError(err, 'body.settings.max_history')}>
        {(id, d) => (
          <input
            id={id}
            inputMode="numeric"
            value={s.max_history_text}
            onChange={(e) => setS({ ...s, max_history_text: e.target.value })}
            aria-describedby={d}
          />
        )}
      </Field>
      <Field label="Who may set the target" error={fieldError(err, 'body.settings.set_latest_by')}>
        {(id) => (
          <select id={id} value={s.set_latest_by} onChange={(e) => setS({ ...s, set_latest_by: e.target.value as PoolSettings['set_latest_by'] })}>
            <option value="members">members (approved endpoints) and admins</option>
            <option value="admins">admins only</option>
          </select>
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={s.auto_sync} onChange={(e) => setS({ ...s, auto_sync: e.target.checked })} /> Sync automatically on the
        schedule
      </label>
      <label className="check">
        <input type="checkbox" checked={s.remove_extra} onChange={(e) => setS({ ...s, remove_extra: e.target.checked })} /> Remove extra packages
        (installed explicitly, not in the target)
      </label>
      <ErrorNote error={formError(err, fields)} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {pool ? 'Save settings' : 'Create pool'}
      </button>
    </form>
  );
}
