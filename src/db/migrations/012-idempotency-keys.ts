// Migration 012: idempotency_keys (issue #16). Agents retry state reports and operation
// progress/complete/fail — after a timeout, a server restart, from their on-disk queue — and a
// retry of a request whose effect was committed must write nothing new and get the same answer,
// even when the server died between its commit and its reply. Each such request may carry an
// `Idempotency-Key`; the key, a fingerprint of the request and the answer are stored in the same
// transaction as the request's writes (src/server/services/idempotency.ts). Rows live for days.
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '012',
  description: 'Idempotency keys of retried agent requests',

  async up(m) {
    const { t } = m;
    await m.exec(`CREATE TABLE idempotency_keys (
    id ${t.uuidPk},
    scope VARCHAR(100) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    response_body TEXT,
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
    await m.exec('CREATE UNIQUE INDEX idx_idempotency_keys_scope_key ON idempotency_keys(scope, idempotency_key)');
    await m.exec('CREATE INDEX idx_idempotency_keys_created ON idempotency_keys(created_at)');
  },

  async down(m) {
    await m.exec('DROP TABLE idempotency_keys');
  },
};

export default migration;
