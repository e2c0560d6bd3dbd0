// Migration 013 (issue #17): on SQLite, package_states is rebuilt with its large columns last —
// package_index (~50 KB), then state_data (~350 KB) — and nothing else changes. SQLite stores a
// row's columns in declaration order and a large value in a chain of overflow pages, so reading
// any column declared after state_data (content_hash, total_packages, package_index: the
// columns added by 003, 005 and 010) walked the ~90 pages of that chain first: a report's lookup
// of the current state's hash cost ~170 µs instead of ~4 µs, and reading a member's package
// index ~200 µs instead of ~30 (measured on 1,500 such rows). PostgreSQL keeps large values out
// of line (TOAST), so there it is a no-op.
//
// The rebuild is SQLite's own procedure for changing a table's layout (create the new table, copy,
// drop the old one, rename the new one), with foreign keys off for the migration
// (`sqliteRebuildsTables`, migrator.ts) so that dropping the old table runs no ON DELETE action
// (endpoints.current_state_id would be set to NULL) and the rename leaves every reference to
// "package_states" naming the new table; the migrator checks the foreign keys before committing.
// `down` changes nothing: the column order is not part of the schema's meaning, and every earlier
// migration's `down` works on either order.
import type { Migration } from '../migration.js';

const COLUMNS =
  'id, pool_id, endpoint_id, is_target, message, created_by, created_at, content_hash, total_packages, reverted_from, package_index, state_data';

const INDEXES = [
  'CREATE INDEX idx_package_states_pool_id ON package_states(pool_id)',
  'CREATE INDEX idx_package_states_endpoint_id ON package_states(endpoint_id)',
  'CREATE INDEX idx_package_states_is_target ON package_states(is_target)',
  'CREATE INDEX idx_package_states_created_at ON package_states(created_at)',
  'CREATE UNIQUE INDEX idx_package_states_unique_target ON package_states(pool_id) WHERE is_target = 1',
  'CREATE INDEX idx_package_states_endpoint_created ON package_states(endpoint_id, created_at)',
  'CREATE INDEX idx_package_states_content_hash ON package_states(content_hash)',
];

const migration: Migration = {
  version: '013',
  description: 'State rows with large columns last',

  sqliteRebuildsTables: true,

  async up(m) {
    if (m.dialect !== 'sqlite') return;
    await m.exec(`CREATE TABLE package_states_new (
    id ${m.t.uuidPk},
    pool_id ${m.t.uuid} REFERENCES pools(id) ON DELETE CASCADE,
    endpoint_id ${m.t.uuid} REFERENCES endpoints(id) ON DELETE CASCADE,
    is_target ${m.t.bool} DEFAULT ${m.t.false},
    message TEXT,
    created_by VARCHAR(255),
    created_at ${m.t.timestamptz} DEFAULT ${m.t.now},
    content_hash VARCHAR(64),
    total_packages INTEGER,
    reverted_from TEXT,
    package_index TEXT,
    state_data ${m.t.json} NOT NULL
)`);
    await m.exec(`INSERT INTO package_states_new (${COLUMNS}) SELECT ${COLUMNS} FROM package_states`);
    await m.exec('DROP TABLE package_states');
    await m.exec('ALTER TABLE package_states_new RENAME TO package_states');
    for (const statement of INDEXES) await m.exec(statement);
  },

  async down() {
    // Nothing: see the file comment.
  },
};

export default migration;
