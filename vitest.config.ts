import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/reliability/ is `npm run test:reliability` (vitest.reliability.config.ts), not `npm test`.
    exclude: [...configDefaults.exclude, 'test/reliability/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Two cores: one worker per core; database tests are I/O bound and share one PostgreSQL cluster.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
