/**
 * `npm test`: lint, type-check, then every Vitest suite (unit, integration on PGlite and on
 * PostgreSQL, end-to-end in Chromium), closing with one line that counts what passed,
 * failed and was skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const npx = (args: string[]) => run('npx', ['--no-install', ...args]);

let failedSteps = 0;
console.log('▶ lint (biome)');
if (npx(['biome', 'check', '.']) !== 0) failedSteps++;
console.log('▶ typecheck (tsc)');
if (npx(['tsc', '--noEmit']) !== 0) failedSteps++;

mkdirSync('.test-results', { recursive: true });
console.log('▶ tests (vitest)');
const vitest = npx([
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.test-results/vitest.json',
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync('.test-results/vitest.json', 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  failedSteps++;
}
if (failedSteps > 0) console.log(`${failedSteps} step(s) besides the tests failed (see above).`);
// A failed lint, type-check or a Vitest run that died counts as a failure in the closing line.
const failures = failed + failedSteps + (vitest !== 0 && failed === 0 ? 1 : 0);
console.log(`Tests: ${passed} passed, ${failures} failed, ${skipped} skipped`);
process.exit(vitest !== 0 || failedSteps > 0 ? 1 : 0);
