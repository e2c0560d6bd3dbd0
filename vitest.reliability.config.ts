// `npm run test:reliability`: the reliability suite (test/reliability/, issue #16) plus the normal
// suite's authorisation tests it reuses, with the report (test/reliability/reporter.ts) at the end.
// RELIABILITY_SCALE=short (default; .ci/run, a few minutes) or full (≤ 20 minutes).
import { defineConfig } from 'vitest/config';
import { AUTHORISATION_FILES } from './test/reliability/reporter.js';

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts', ...Object.keys(AUTHORISATION_FILES)],
    globalSetup: ['test/reliability/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    reporters: ['default', './test/reliability/reporter.ts'],
  },
});
