// Migration 007: job_runs, one row per scheduled tick of a background job (issue #12).
// The unique (job, tick) pair is the claim: an instance runs a tick only after inserting its row,
// so a tick runs once however many server instances share the database (both engines enforce a
// unique index). The row then records how the run went, for GET /jobs, /health/ready and /metrics.
// `down` drops the table (run history is lost with it).
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '007',
  description: 'Background job runs',

  async up(m) {
    const { t } = m;
    await m.exec(`CREATE TABLE job_runs (
    id ${t.uuidPk},
    job VARCHAR(100) NOT NULL,
    tick ${t.timestamptz} NOT NULL,
    instance VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'running',
    counts ${t.json} DEFAULT '{}',
    error_message TEXT,
    started_at ${t.timestamptz} NOT NULL,
    finished_at ${t.timestamptz}
)`);
    await m.exec('CREATE UNIQUE INDEX idx_job_runs_job_tick ON job_runs(job, tick)');
    await m.exec('CREATE INDEX idx_job_runs_started ON job_runs(started_at)');
  },

  async down(m) {
    await m.exec('DROP TABLE job_runs');
  },
};

export default migration;
