import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { buildApp } from './server/app';
import { systemClock } from './server/core/clock';
import { openDatabase } from './server/db/connection';
import { migrate } from './server/db/migrate';
import { generateLargeRegion, generateSteering, LARGE_REGION, LARGE_STEERING } from './bench/generate';
import { BENCH_HTTP_CONFIG } from './bench/http-config';

const dir = '/tmp/exp-region';
const infoFile = '/tmp/exp-region.json';
const fresh = !existsSync(infoFile);
const database = await openDatabase({ kind: 'pglite', dataDir: dir });
let info: any;
if (fresh) {
  await migrate(database.db, systemClock.now());
  const region = await generateLargeRegion(database.db, LARGE_REGION);
  const steering = await generateSteering(database.db, region, LARGE_STEERING);
  info = { rootId: region.rootId, adminUsername: region.adminUsername, password: region.password, ...steering };
  writeFileSync(infoFile, JSON.stringify(info));
} else info = JSON.parse(readFileSync(infoFile, 'utf8'));

const services = { db: database.db, dbKind: database.kind, clock: systemClock };
const app = buildApp({ services, config: { ...BENCH_HTTP_CONFIG, figureCache: { entries: 0 } } } as any);
const login = await app.request('http://localhost/api/auth/login', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: info.adminUsername, password: info.password }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
async function time(label: string, fn: () => Promise<unknown>, n = 40) {
  for (let i = 0; i < 5; i++) await fn();
  const s: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} median ${s[n >> 1]!.toFixed(2)} ms`);
}
const parts = info.baseIndicatorIds.slice(0, 2);
await time('count.acrossRows', () => sql`SELECT count(*) FROM indicator_values WHERE indicator_id = ANY(${parts}::text[]) AND period = ${info.lastMonth}`.execute(database.db));
const across = `/api/indicators/${info.ratioIndicatorId}/across?period=${info.lastMonth}`;
await time('across request', async () => { const r = await app.request(`http://localhost${across}`, { headers: { cookie } }); if (r.status !== 200) throw new Error(String(r.status)); await r.arrayBuffer(); });
await time('health', async () => { const r = await app.request(`http://localhost/api/health`, { headers: { cookie } }); await r.arrayBuffer(); });
const mod = await import(process.env.EXP ?? './exp-variants.mts').catch(() => null);
if (mod) await mod.run({ db: database.db, info, time, app, cookie });
await database.close?.();
