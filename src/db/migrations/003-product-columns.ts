// Migration 003: columns and a table the product needs beyond the seed (seed columns are never
// dropped or changed):
// - package_states.content_hash: recognises an unchanged report so it creates no new row;
//   indexed with (endpoint_id, created_at) for "the endpoint's latest state".
// - endpoints.package_summary: the endpoint's drift counts, kept current (README "Domain rules": Drift).
// - endpoints.current_state_id: the endpoint's latest reported state.
// - drift_history: per-pool drift counts over time (GET /pools/{id}/drift-history).
// - idx_sync_operations_endpoint_started: the seed's suggested "recent operations" index without
//   its `WHERE started_at > NOW() - INTERVAL '30 days'` predicate, which PostgreSQL refuses (index
//   predicates must be immutable) and which would freeze "recent" at creation time anyway.
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '003',
  description: 'Product columns',

  async up(m) {
    const { t } = m;
    await m.exec('ALTER TABLE package_states ADD COLUMN content_hash VARCHAR(64)');
    await m.exec('CREATE INDEX idx_package_states_endpoint_created ON package_states(endpoint_id, created_at)');
    await m.exec('CREATE INDEX idx_package_states_content_hash ON package_states(content_hash)');

    await m.exec(`ALTER TABLE endpoints ADD COLUMN package_summary ${t.json} DEFAULT '{}'`);
    await m.exec(`ALTER TABLE endpoints ADD COLUMN current_state_id ${t.uuid} REFERENCES package_states(id) ON DELETE SET NULL`);

    await m.exec(`CREATE TABLE drift_history (
    id ${t.uuidPk},
    pool_id ${t.uuid} REFERENCES pools(id) ON DELETE CASCADE,
    in_sync INTEGER NOT NULL DEFAULT 0,
    behind INTEGER NOT NULL DEFAULT 0,
    ahead INTEGER NOT NULL DEFAULT 0,
    sync_pending INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
    await m.exec('CREATE INDEX idx_drift_history_pool_created ON drift_history(pool_id, created_at)');

    await m.exec('CREATE INDEX idx_sync_operations_endpoint_started ON sync_operations(endpoint_id, started_at DESC)');
  },

  async down(m) {
    await m.exec('DROP INDEX idx_sync_operations_endpoint_started');
    await m.exec('DROP TABLE drift_history');
    await m.exec('ALTER TABLE endpoints DROP COLUMN current_state_id');
    await m.exec('ALTER TABLE endpoints DROP COLUMN package_summary');
    await m.exec('DROP INDEX idx_package_states_content_hash');
    await m.exec('DROP INDEX idx_package_states_endpoint_created');
    await m.exec('ALTER TABLE package_states DROP COLUMN content_hash');
  },
};

export default migration;
