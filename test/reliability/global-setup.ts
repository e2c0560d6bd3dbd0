// Global setup of `npm run test:reliability`: the normal suite's (one PostgreSQL cluster, the
// migrated templates) plus empty records and logs folders, so the report holds this run only.
import { mkdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import normalSetup from '../support/global-setup.js';
import { LOG_DIR, RECORD_DIR } from './report.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const dir of [RECORD_DIR, LOG_DIR]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(RECORD_DIR, { recursive: true });
  return normalSetup(project);
}
