// Migration 009: notification_payloads (issue #15). Realtime messages travel between server
// instances with PostgreSQL's NOTIFY, whose payload is limited to 8000 bytes; a larger message is
// stored here and only its id is sent (src/server/events/pg-notify-transport.ts). Rows live for
// minutes. The table exists on SQLite too (one schema for both engines) but stays empty there.
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '009',
  description: 'Payloads of large realtime messages',

  async up(m) {
    const { t } = m;
    await m.exec(`CREATE TABLE notification_payloads (
    id ${t.uuidPk},
    payload TEXT NOT NULL,
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
    await m.exec('CREATE INDEX idx_notification_payloads_created ON notification_payloads(created_at)');
  },

  async down(m) {
    await m.exec('DROP TABLE notification_payloads');
  },
};

export default migration;
