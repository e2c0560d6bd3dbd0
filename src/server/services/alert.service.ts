// Alert evaluation (issue #12, item 6; seed "Alerting Thresholds"). evaluate() takes one reading
// per check (alert-checks.ts) and moves each alert between cleared and raised in the alerts table
// (migration 008). Only a transition writes a system event — `alert_raised` (the alert's severity)
// or `alert_cleared` (info) — in the same transaction as the conditional write that made it, so an
// alert that stays raised writes nothing more, a restart does not raise it again, and two server
// instances evaluating the same minute write one event between them (the row serialises them).
// The job scheduler calls evaluate() every minute; /health/ready and GET /alerts read active().
//
// No real-time message: the WebSocket channels are per pool and per endpoint, and an alert
// belongs to neither; subscribers see alert events in GET /events.
import type { AlertListQuery, AlertName, AlertView } from '../../contracts/alert.contract.js';
import { clearAlert, findAlert, insertAlertIfAbsent, listAlerts, reRaiseAlert, refreshAlert } from '../../db/alert.repository.js';
import { newId } from '../../db/dialect.js';
import type { Dialect } from '../../db/dialect.js';
import { describeDatabaseError } from '../../db/errors.js';
import { type AlertCheck, type AlertThresholds, type Reading, alertChecks } from './alert-checks.js';
import { toAlertView } from '../presenters/alert.presenter.js';
import type { ServiceContext } from './context.js';
import { recordEvent } from './event.service.js';
import { withConflictRetry } from './retry.js';

/** What one evaluation did: for the job's run record and logs. */
export interface AlertEvaluation {
  raised: AlertName[];
  cleared: AlertName[];
  /** Active after this evaluation (raised now or before). */
  active: AlertName[];
  /** Checks that could not take their reading (the others still ran). */
  errors: { name: AlertName; message: string }[];
}

export class AlertService {
  private readonly checks: AlertCheck[];

  constructor(
    private readonly ctx: ServiceContext,
    dialect: Dialect,
    thresholds: AlertThresholds,
  ) {
    this.checks = alertChecks(dialect, thresholds);
  }

  /** Takes every reading and records what changed. Never throws for a failing check. */
  async evaluate(): Promise<AlertEvaluation> {
    const now = this.ctx.clock.now();
    const out: AlertEvaluation = { raised: [], cleared: [], active: [], errors: [] };
    for (const check of this.checks) {
      let reading: Reading | null;
      try {
        reading = await check.read(this.ctx.db, now);
      } catch (err) {
        out.errors.push({ name: check.name, message: describeDatabaseError(err) });
        continue;
      }
      const change = await withConflictRetry(`evaluating alert ${check.name}`, () => this.apply(check, reading, now));
      if (change === 'raised') out.raised.push(check.name);
      if (change === 'cleared') out.cleared.push(check.name);
      if (change === 'raised' || change === 'still_raised') out.active.push(check.name);
    }
    return out;
  }

  /** Active alerts, most recently raised first. */
  async active(): Promise<AlertView[]> {
    return (await listAlerts(this.ctx.db, null)).map(toAlertView);
  }

  /** GET /alerts: active ones, and with include_cleared those cleared within `cleared_within` hours. */
  async list(query: AlertListQuery): Promise<AlertView[]> {
    const since = query.include_cleared ? new Date(this.ctx.clock.now().getTime() - (query.cleared_within ?? 24) * 3_600_000) : null;
    return (await listAlerts(this.ctx.db, since)).map(toAlertView);
  }

  private async apply(check: AlertCheck, reading: Reading | null, now: Date): Promise<'raised' | 'still_raised' | 'cleared' | 'none'> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const current = await findAlert(trx, check.name);
      const isActive = current !== undefined && current.cleared_at === null;
      if (reading?.over) {
        const values = {
          severity: check.severity,
          value: reading.value,
          threshold: reading.threshold,
          message: reading.message,
          details: reading.details,
        };
        if (isActive) {
          await refreshAlert(trx, check.name, values, now);
          return 'still_raised';
        }
        const raised = current
          ? await reRaiseAlert(trx, check.name, values, now)
          : await insertAlertIfAbsent(trx, { id: newId(), name: check.name, ...values, raised_at: now, cleared_at: null, updated_at: now });
        // Another instance raised it first: its event stands for both.
        if (!raised) return 'still_raised';
        await recordEvent(trx, now, 'system', {
          event_type: 'alert_raised',
          severity: check.severity,
          message: `alert ${check.name} raised: ${reading.message}`,
          details: { alert: check.name, value: reading.value, threshold: reading.threshold, ...reading.details },
        });
        return 'raised';
      }
      if (!isActive) return 'none';
      const last = reading ?? {
        value: current.value,
        threshold: current.threshold,
        message: `${check.name} is switched off or does not apply`,
        details: {},
      };
      if (!(await clearAlert(trx, check.name, last, now))) return 'none';
      await recordEvent(trx, now, 'system', {
        event_type: 'alert_cleared',
        severity: 'info',
        message: `alert ${check.name} cleared: ${last.message}`,
        details: { alert: check.name, value: last.value, threshold: last.threshold, raised_at: current.raised_at, ...last.details },
      });
      return 'cleared';
    });
  }
}
