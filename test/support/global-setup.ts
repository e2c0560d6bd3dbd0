// Starts one throwaway PostgreSQL cluster for the whole test run (unless PACSYNC_TEST_PG_URL
// points at one already) and hands its admin URL to the test files through vitest's provide().
// It also builds the migrated templates once: a PostgreSQL template database and a SQLite file,
// from which every test database is copied (see database.ts).
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { prepareTemplates } from './database-templates.js';
import { startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    /** Name of the migrated PostgreSQL template database on pgAdminUrl's cluster. */
    pgTemplate: string;
    /** Path of the migrated SQLite template file. */
    sqliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.PACSYNC_TEST_PG_URL;
  const cluster = external ? null : await startPostgres();
  if (cluster) console.log(`test PostgreSQL: ${cluster.binDir}`);
  const adminUrl = external ?? cluster?.adminUrl ?? '';
  project.provide('pgAdminUrl', adminUrl);
  try {
    const templates = await prepareTemplates(adminUrl);
    project.provide('pgTemplate', templates.pgTemplate);
    project.provide('sqliteTemplate', templates.sqliteTemplate);
    return async () => {
      await templates.remove().catch(() => {});
      await cluster?.remove();
    };
  } catch (err) {
    await cluster?.remove();
    throw err;
  }
}
