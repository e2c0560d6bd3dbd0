// An alert as the API shows it (AlertView).
import type { AlertName, AlertView } from '../../contracts/alert.contract.js';
import type { AlertRow } from '../../db/alert.repository.js';

export function toAlertView(row: AlertRow): AlertView {
  return {
    name: row.name as AlertName,
    severity: row.severity as AlertView['severity'],
    active: row.cleared_at === null,
    value: row.value,
    threshold: row.threshold,
    message: row.message,
    details: row.details,
    raised_at: row.raised_at,
    cleared_at: row.cleared_at,
    updated_at: row.updated_at,
  };
}
