// Migration 008: the current state of each alert (issue #12, item 6). One row per alert name
// (`name` unique): raised_at and cleared_at tell whether it is active (cleared_at NULL) and since
// when. Evaluation moves a row from cleared to raised (or back) with one conditional write, and
// writes its system event only when that write changed the row, so restarts — and later several
// server instances evaluating the same minute — never write an event twice for one episode.
// value and threshold are DOUBLE PRECISION / REAL: a database size in bytes passes INTEGER's 2^31.
// (007 is the job scheduler's job_runs.) `down` drops the table (alert history is in the events).
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '008',
  description: 'Alert states',

  async up(m) {
    const { t } = m;
    const real = m.dialect === 'pg' ? 'DOUBLE PRECISION' : 'REAL';
    await m.exec(`CREATE TABLE alerts (
    id ${t.uuidPk},
    name VARCHAR(100) NOT NULL UNIQUE,
    severity VARCHAR(20) NOT NULL,
    value ${real} NOT NULL,
    threshold ${real} NOT NULL,
    message TEXT NOT NULL,
    details ${t.json} DEFAULT '{}',
    raised_at ${t.timestamptz} NOT NULL,
    cleared_at ${t.timestamptz},
    updated_at ${t.timestamptz} DEFAULT ${t.now}
)`);
  },

  async down(m) {
    await m.exec('DROP TABLE alerts');
  },
};

export default migration;
