// Migration 004: at most one active (pending or in_progress) operation per endpoint, guaranteed by
// the database itself (README "Domain rules": Operations). SyncService already checks for an active operation
// under the endpoint's row lock; the partial unique index makes the rule hold for any writer (a
// second server instance, a job, a manual INSERT) and turns a lost race into a unique violation,
// which the service answers 409 SYNC_IN_PROGRESS.
//
// A database written before this rule could hold several active operations for one endpoint, and
// the index cannot be built over them. `up` therefore first cancels all but one of them — the one
// in progress, else the newest — with a message saying why, so the upgrade never stops a server
// from starting. `down` drops the index only: re-activating those operations would recreate the
// very conflict the rule forbids.
import type { Migration } from '../migration.js';

const ACTIVE = "('pending', 'in_progress')";

const migration: Migration = {
  version: '004',
  description: 'One active operation per endpoint',

  async up(m) {
    // `kept` is an active operation of the same endpoint that wins over this one: in_progress
    // beats pending; then the newer created_at (a NULL created_at counts as oldest); then the id.
    await m.exec(`UPDATE sync_operations
SET status = 'cancelled',
    completed_at = ${m.t.now},
    error_message = 'cancelled by migration 004: another operation of this endpoint was already active'
WHERE endpoint_id IS NOT NULL
  AND status IN ${ACTIVE}
  AND EXISTS (
    SELECT 1 FROM sync_operations AS kept
    WHERE kept.endpoint_id = sync_operations.endpoint_id
      AND kept.status IN ${ACTIVE}
      AND kept.id <> sync_operations.id
      AND (
        (kept.status = 'in_progress' AND sync_operations.status = 'pending')
        OR (kept.status = sync_operations.status AND (
          kept.created_at > sync_operations.created_at
          OR (sync_operations.created_at IS NULL AND kept.created_at IS NOT NULL)
          OR (kept.created_at IS NOT DISTINCT FROM sync_operations.created_at AND kept.id > sync_operations.id)
        ))
      )
  )`);
    await m.exec(`CREATE UNIQUE INDEX idx_sync_operations_one_active ON sync_operations(endpoint_id) WHERE status IN ${ACTIVE}`);
  },

  async down(m) {
    await m.exec('DROP INDEX idx_sync_operations_one_active');
  },
};

export default migration;
