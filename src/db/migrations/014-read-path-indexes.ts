// Migration 014 (issue #17): indexes for two read paths.
//
// An endpoint's and a pool's recent activity. The endpoint
// detail (every agent's status read, `pacsync status`) lists the endpoint's newest events and
// operations, and the pool page its newest events; system_events had no index on endpoint_id or
// pool_id, so each read walked the audit log backwards by time until it found enough rows of
// this endpoint — the whole log for a quiet one, and the log grows with the fleet. Operations
// were found by endpoint_id and then sorted. Each index ends with id, the lists' tie-break, so the
// newest rows are read off the index in order, with no sort.
//
// The endpoint list's common filters (bench/README.md, "Hot paths"). A pool's online machines by last
// contact, and the machines behind their target by name, were a scan of one filter's index, a
// read of every matching row and a sort (4–6 ms at 10,000 endpoints, for the page and again for
// its count); with the filter and the order in one index both read ~50 index entries (0.2–0.4
// ms). A search by name or hostname is a substring match, so it scans: over (name, hostname),
// half the bytes of the table's rows.
import type { Migration } from '../migration.js';

const INDEXES: readonly [name: string, table: string, columns: string][] = [
  ['idx_system_events_endpoint_created', 'system_events', 'endpoint_id, created_at, id'],
  ['idx_system_events_pool_created', 'system_events', 'pool_id, created_at, id'],
  ['idx_sync_operations_endpoint_created', 'sync_operations', 'endpoint_id, created_at, id'],
  ['idx_endpoints_pool_status_seen', 'endpoints', 'pool_id, status, last_seen, id'],
  ['idx_endpoints_sync_status_name', 'endpoints', 'sync_status, name, id'],
  ['idx_endpoints_name_hostname', 'endpoints', 'name, hostname'],
];

const migration: Migration = {
  version: '014',
  description: 'Read path indexes',

  async up(m) {
    for (const [name, table, columns] of INDEXES) await m.exec(`CREATE INDEX ${name} ON ${table}(${columns})`);
  },

  async down(m) {
    for (const [name] of [...INDEXES].reverse()) await m.exec(`DROP INDEX ${name}`);
  },
};

export default migration;
