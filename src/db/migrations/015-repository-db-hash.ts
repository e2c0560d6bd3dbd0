// Migration 015 (issue #17): repositories.db_hash, copied out of packages.metadata, and an index
// on (repo_name, db_hash). A pool's machines sync the same mirrors, so after a `pacman -Sy` each of
// them reports the same sync database (the same sha256): an agent may report it by that hash
// alone, and the server copies the packages a member of the pool stored under it (report.service.ts
// submitRepositories). Finding that row by the JSON would parse every member's ~2 MB package list;
// the column and the index find it directly. Writers set it (report.service.ts); existing rows are
// filled here in plain SQL that both engines run alike (`->`/`->>`, as in migration 010).
import type { Migration } from '../migration.js';

const migration: Migration = {
  version: '015',
  description: 'Repository db_hash column',

  async up(m) {
    await m.exec('ALTER TABLE repositories ADD COLUMN db_hash TEXT');
    await m.exec(`UPDATE repositories SET db_hash = packages -> 'metadata' ->> 'db_hash'`);
    await m.exec('CREATE INDEX idx_repositories_name_db_hash ON repositories(repo_name, db_hash)');
  },

  async down(m) {
    await m.exec('DROP INDEX idx_repositories_name_db_hash');
    await m.exec('ALTER TABLE repositories DROP COLUMN db_hash');
  },
};

export default migration;
