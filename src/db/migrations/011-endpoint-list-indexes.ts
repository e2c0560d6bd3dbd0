// Migration 011 (issue #17): indexes for the endpoint list's sorts. The list orders by one column
// and then by id (stable pages: endpoint.repository.ts listEndpoints); an index on the column
// alone does not give that order, so each page of 10,000 endpoints sorted by status, sync status
// or creation time sorted every matching row first. Each index here is (column, id); the pool
// filter with the default name order gets (pool_id, name). The seed's single-column indexes stay.
import type { Migration } from '../migration.js';

const INDEXES: readonly [name: string, columns: string][] = [
  ['idx_endpoints_status_id', 'status, id'],
  ['idx_endpoints_sync_status_id', 'sync_status, id'],
  ['idx_endpoints_created_id', 'created_at, id'],
  ['idx_endpoints_last_seen_id', 'last_seen, id'],
  ['idx_endpoints_pool_name', 'pool_id, name'],
];

const migration: Migration = {
  version: '011',
  description: 'Endpoint list indexes',

  async up(m) {
    for (const [name, columns] of INDEXES) await m.exec(`CREATE INDEX ${name} ON endpoints(${columns})`);
  },

  async down(m) {
    for (const [name] of [...INDEXES].reverse()) await m.exec(`DROP INDEX ${name}`);
  },
};

export default migration;
