// Migration 005: package_states.package_index, a compact text of what drift reads of a state
// (src/core/package-index.ts). A pool-wide drift recomputation (set-latest, revert, settings
// change) reads it instead of parsing every member's full state_data.
//
// New states get their index when written (insertPackageState). Existing rows keep NULL here and
// are filled lazily: the first recomputation that meets a member without an index reads its full
// state, as before, and stores the index for the next one (DriftTracker). That keeps this
// migration plain SQL — a migration must not depend on application code that may change later —
// and the upgrade instant however many states the database holds. `down` drops the column.
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '005',
  description: 'Package index for drift',

  async up(m) {
    await m.exec('ALTER TABLE package_states ADD COLUMN package_index TEXT');
  },

  async down(m) {
    await m.exec('ALTER TABLE package_states DROP COLUMN package_index');
  },
};

export default migration;
