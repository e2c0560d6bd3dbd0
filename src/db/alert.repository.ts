// alerts queries: each alert's current state (migration 008). The transitions are conditional
// writes whose row counts say whether THIS call changed the state, so the service writes the
// raised/cleared event only then (the database serialises two instances on the same row).
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { AlertsTable } from './schema.js';

export type AlertRow = Selectable<AlertsTable>;

export interface AlertReading {
  severity: string;
  value: number;
  threshold: number;
  message: string;
  details: Record<string, unknown>;
}

/** Active alerts, plus those cleared at or after `clearedSince` when given; newest raise first. */
export async function listAlerts(db: Executor, clearedSince: Date | null): Promise<AlertRow[]> {
  let q = db.selectFrom('alerts').selectAll();
  q = clearedSince
    ? q.where((eb) => eb.or([eb('cleared_at', 'is', null), eb('cleared_at', '>=', clearedSince.toISOString())]))
    : q.where('cleared_at', 'is', null);
  return q.orderBy('raised_at', 'desc').orderBy('name').execute();
}

export async function findAlert(db: Executor, name: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('name', '=', name).executeTakeFirst();
}

/** A first raise of `name`. False when a row for it exists already (raised by someone else). */
export async function insertAlertIfAbsent(db: Executor, row: Insertable<AlertsTable>): Promise<boolean> {
  const r = await db
    .insertInto('alerts')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Cleared → raised. False when it was active already. */
export async function reRaiseAlert(db: Executor, name: string, reading: AlertReading, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ ...reading, raised_at: at, cleared_at: null, updated_at: at })
    .where('name', '=', name)
    .where('cleared_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** An active alert's latest reading (no transition, no event). */
export async function refreshAlert(db: Executor, name: string, reading: AlertReading, at: Date): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ ...reading, updated_at: at })
    .where('name', '=', name)
    .where('cleared_at', 'is', null)
    .execute();
}

/** Raised → cleared, with the reading that cleared it. False when it was not active. */
export async function clearAlert(db: Executor, name: string, reading: Pick<AlertReading, 'value' | 'threshold'>, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ value: reading.value, threshold: reading.threshold, cleared_at: at, updated_at: at })
    .where('name', '=', name)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
