import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { root, startServerOn } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDemoDataDir?: string;
  }
}

/**
 * Once per run: compile the server and the web UI as `npm start` does, and let the real server
 * seed the demo region into a data folder that each journey's server starts from a copy of.
 */
export default async function setup(project: TestProject) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dataDir = mkdtempSync(join(tmpdir(), 'rodtrad-e2e-demo-'));
  const seeding = await startServerOn(dataDir, { keep: true });
  await seeding.stop();
  project.provide('e2eDemoDataDir', dataDir);
  return () => rmSync(dataDir, { recursive: true, force: true });
}
