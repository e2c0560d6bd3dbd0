// Migration 006: who may influence a pool (issue #10, finding 3).
// - endpoints.approval: `pending` | `approved` | `rejected`. An endpoint registered with an enroll
//   key starts `pending` (reports accepted, no say in the target, no operations) until an admin
//   approves it. The column's default is `pending`, so a writer that forgets it errs on the safe
//   side; every endpoint that exists before this migration was trusted as it is, so `up` marks
//   them `approved`.
// - api_keys.uses / api_keys.max_uses: how many endpoints an enroll key registered, and how many
//   it may (NULL: no limit). A registration counts its use with one conditional UPDATE
//   (`uses < max_uses`), which the database serialises per row: two registrations racing for the
//   last use cannot both win.
// `down` drops the three columns (approval decisions and use counts are lost with them).
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '006',
  description: 'Enrollment approval and enroll key limits',

  async up(m) {
    await m.exec("ALTER TABLE endpoints ADD COLUMN approval VARCHAR(20) NOT NULL DEFAULT 'pending'");
    await m.exec("UPDATE endpoints SET approval = 'approved'");
    await m.exec('ALTER TABLE api_keys ADD COLUMN uses INTEGER NOT NULL DEFAULT 0');
    await m.exec('ALTER TABLE api_keys ADD COLUMN max_uses INTEGER');
  },

  async down(m) {
    await m.exec('ALTER TABLE api_keys DROP COLUMN max_uses');
    await m.exec('ALTER TABLE api_keys DROP COLUMN uses');
    await m.exec('ALTER TABLE endpoints DROP COLUMN approval');
  },
};

export default migration;
