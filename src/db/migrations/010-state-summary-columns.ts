// Migration 010 (issue #17): package_states.total_packages and .reverted_from, copied out of
// state_data. Every state summary (a report's comparison with the current state, state lists,
// set-latest, revert) used to read them from the JSON with `state_data -> 'metadata' ->> …`,
// which on SQLite parses the whole ~350 KB text of a 1,500-package state: ~1.5 ms per row, the
// largest single cost of an unchanged report. Writers set both (insertPackageState); existing
// rows are filled here, in plain SQL that both engines run alike (`->`/`->>` work on PostgreSQL
// JSONB and on SQLite ≥ 3.38 JSON text). `down` drops them.
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '010',
  description: 'State summary columns',

  async up(m) {
    await m.exec('ALTER TABLE package_states ADD COLUMN total_packages INTEGER');
    await m.exec('ALTER TABLE package_states ADD COLUMN reverted_from TEXT');
    await m.exec(`UPDATE package_states SET
    total_packages = coalesce(cast(state_data -> 'metadata' ->> 'total_packages' as integer), 0),
    reverted_from = state_data -> 'metadata' ->> 'reverted_from'`);
  },

  async down(m) {
    await m.exec('ALTER TABLE package_states DROP COLUMN reverted_from');
    await m.exec('ALTER TABLE package_states DROP COLUMN total_packages');
  },
};

export default migration;
