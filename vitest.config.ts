import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Suites whose real part is missing are skipped with a message on a developer's machine;
// under CI=true a missing part fails the run instead.
const ci = process.env.CI === 'true';
const missing: string[] = [];
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!hasPostgres)
  missing.push(
    'PostgreSQL: set TEST_DATABASE_URL=postgres://user@host/db (a server where the user may CREATE DATABASE); `bash .ci/run` starts one.',
  );
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
if (!hasChromium) missing.push('Chromium: apt-get install chromium (or set CHROMIUM_PATH).');
if (missing.length > 0) {
  const say = ci ? 'MISSING (CI=true, failing):' : 'Skipping suites, missing:';
  console.warn(`\n${say}\n  - ${missing.join('\n  - ')}\n`);
  if (ci) throw new Error(`Required test infrastructure missing: ${missing.join(' ')}`);
}

const integration = ['server/**/*.test.ts', 'cli/**/*.test.ts', 'bench/**/*.test.ts'];

export default defineConfig({
  test: {
    passWithNoTests: true,
    // Vitest runs one file fewer at a time than there are cores: on two cores, one. Most files wait
    // on a database server, a browser or a child process as much as they compute, so two at a time
    // there took the whole run from 1 904 s to 1 394 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/**/*.test.ts', 'web/src/**/*.test.ts', 'server/reports/render/**/*.test.ts'],
          setupFiles: ['test/support/exit-diagnostics.ts'],
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          exclude: [...configDefaults.exclude, 'server/reports/render/**'],
          env: { RT_TEST_DB: 'pglite' },
          setupFiles: ['test/support/exit-diagnostics.ts'],
          globalSetup: ['test/support/demo-template.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgresql',
          include: hasPostgres ? integration : [],
          exclude: [...configDefaults.exclude, 'server/reports/render/**'],
          env: { RT_TEST_DB: 'postgresql' },
          setupFiles: ['test/support/exit-diagnostics.ts'],
          globalSetup: ['test/support/demo-template.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: hasChromium ? ['test/e2e/**/*.test.ts'] : [],
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/support/exit-diagnostics.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Tests marked concurrent (the link walk's roles) run three at a time.
          maxConcurrency: 3,
        },
      },
    ],
  },
});
