/**
 * `npm test`: lint, type-check, then every Vitest suite (unit, integration on PGlite and on
 * PostgreSQL, end-to-end in Chromium), closing with one line that counts what passed,
 * failed and was skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const npx = (args: string[]) => run('npx', ['--no-install', ...args]);

let failedSteps = 0;
console.log('▶ lint (biome)');
if (npx(['biome', 'check', '.']) !== 0) failedSteps++;
console.log('▶ typecheck (tsc)');
if (npx(['tsc', '--noEmit']) !== 0) failedSteps++;

mkdirSync('.test-results', { recursive: true });

// Vitest's output is passed through as it comes; lines that tell why a worker process died
// (a fatal V8 or native error, a signal, memory) are also kept and repeated at the end, because
// a CI log is often read from its tail only.
const WHY_DIED =
  /FATAL|Segmentation|out of memory|heap limit|SIGABRT|SIGSEGV|SIGKILL|core dumped|exited unexpectedly|test process exit code|RuntimeError|Aborted/i;
const deathLines: string[] = [];

function vitest(args: string[], jsonFile: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      [
        '--no-install',
        'vitest',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${jsonFile}`,
        ...args,
      ],
      { stdio: ['inherit', 'pipe', 'pipe'], env: process.env },
    );
    const watch = (from: NodeJS.ReadableStream, to: NodeJS.WriteStream) => {
      let partial = '';
      from.on('data', (chunk: Buffer) => {
        to.write(chunk);
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (WHY_DIED.test(line) && deathLines.length < 40) deathLines.push(line.trim());
      });
    };
    watch(child.stdout, process.stdout);
    watch(child.stderr, process.stderr);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string; duration?: number }[] }[];
}
const readReport = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report;
const relative = (path: string) => path.replace(`${process.cwd()}/`, '');

/** Tests collected but without a result: the worker process running them ended while they ran. */
const unfinishedIn = (report: Report) =>
  report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status === 'pending' && t.duration === undefined)
      .map((t) => ({ file: relative(file.name), test: t.fullName })),
  );

console.log('▶ tests (vitest)');
let code = await vitest(process.argv.slice(2), '.test-results/vitest.json');
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = readReport('.test-results/vitest.json');
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  const unfinished = unfinishedIn(report);
  if (unfinished.length > 0)
    console.log(`Tests that never finished:\n  ${unfinished.map((u) => `${u.file} › ${u.test}`).join('\n  ')}`);
  if (deathLines.length > 0)
    console.log(`Why a test process ended early (lines seen above):\n  ${deathLines.join('\n  ')}`);
  // A worker process that died takes its file's remaining tests with it without failing any.
  // When that is the only fault, the files it was running are run once more, said loudly here;
  // a fault that is really in those tests fails again and fails the run.
  if (code !== 0 && failed === 0 && unfinished.length > 0) {
    const files = [...new Set(unfinished.map((u) => u.file))];
    console.log(`▶ re-running ${files.length} file(s) whose test process died: ${files.join(', ')}`);
    code = await vitest(files, '.test-results/vitest-rerun.json');
    const rerun = readReport('.test-results/vitest-rerun.json');
    const wanted = new Set(unfinished.map((u) => `${u.file} › ${u.test}`));
    for (const file of rerun.testResults)
      for (const t of file.assertionResults)
        if (wanted.delete(`${relative(file.name)} › ${t.fullName}`)) {
          if (t.status === 'passed') passed++;
          else if (t.status === 'failed') failed++;
        }
    console.log(`Re-run ${code === 0 ? 'passed' : 'failed'}; the first run's worker death is reported above.`);
  }
} catch {
  failedSteps++;
}
if (failedSteps > 0) console.log(`${failedSteps} step(s) besides the tests failed (see above).`);
// A failed lint, type-check or a Vitest run that died counts as a failure in the closing line.
const failures = failed + failedSteps + (code !== 0 && failed === 0 ? 1 : 0);
console.log(`Tests: ${passed} passed, ${failures} failed, ${skipped} skipped`);
process.exit(code !== 0 || failedSteps > 0 ? 1 : 0);
