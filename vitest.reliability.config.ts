// `npm run test:reliability`: the reliability suite (test/reliability/, issue #16) plus the normal
// suite's authorisation tests it reuses, with the report (test/reliability/reporter.ts) at the end.
// RELIABILITY_SCALE=short (default; .ci/run, a few minutes) or full (≤ 20 minutes).
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { AUTHORISATION_FILES } from './test/reliability/reporter.js';

/** The longest files (route fuzzing per engine, the soak) first, so the two workers finish together. */
const LONGEST = /test\/reliability\/(route-fuzz-|soak)/;

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => (LONGEST.test(f.moduleId) ? 0 : 1);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts', ...Object.keys(AUTHORISATION_FILES)],
    globalSetup: ['test/reliability/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    sequence: { sequencer: LongestFirst },
    reporters: ['default', './test/reliability/reporter.ts'],
  },
});
