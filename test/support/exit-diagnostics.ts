/**
 * A test worker that ends on its own (an exit code left behind by a library, a signal) takes
 * its file's remaining tests with it, and the runner says only that the worker "exited
 * unexpectedly". Say which file was running and with what code, on stderr, so a CI log shows it.
 */
import { afterAll, beforeEach, expect } from 'vitest';

let running: string | undefined;
beforeEach(() => {
  running = expect.getState().testPath;
});
afterAll(() => {
  running = undefined;
});
process.on('exit', (code) => {
  if (running !== undefined)
    process.stderr.write(`test process exit code ${code} while running ${running} (pid ${process.pid})\n`);
});
