/**
 * `npm run build`: the server as one compiled JavaScript file (dist/server.js, see
 * server-build.ts) with its migrations beside it, and the web UI — rebuilt only when its
 * sources, its configuration or the installed packages changed since the last build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './server-build';

const WEB_STAMP = 'web/dist/.sources-hash';

/** A hash of every file under the given paths, by path and content. */
function hashOf(paths: string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== 'dist') visit(join(path, name));
      return;
    }
    hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const p of paths) visit(p);
  return hash.digest('hex');
}

function buildWeb() {
  // Domain rules are imported by the web too, so they count as its sources.
  const sources = hashOf(['web', 'domain', 'vite.config.ts', 'package-lock.json']);
  if (existsSync(WEB_STAMP) && readFileSync(WEB_STAMP, 'utf8') === sources) {
    console.log('Webbgränssnittet är oförändrat sedan förra bygget.');
    return;
  }
  const vite = spawnSync('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  writeFileSync(WEB_STAMP, sources);
}

await buildServer('dist');
buildWeb();
