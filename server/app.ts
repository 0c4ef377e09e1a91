import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getPath } from 'hono/utils/url';
import { DomainError } from '../domain/errors';
import { analysisRoutes } from './analysis/routes';
import { authRoutes } from './auth/routes';
import { bodyRoutes } from './bodies/routes';
import { competenceRoutes } from './competence/routes';
import { controlRoutes } from './control/routes';
import { economyRoutes } from './economy/routes';
import { followupRoutes } from './followup/routes';
import { healthRoutes } from './health/routes';
import { historyRoutes } from './history/routes';
import { contractCheck } from './http/contract';
import type { AppEnv, Deps } from './http/env';
import { router } from './http/env';
import { handleError } from './http/errors';
import { figureCache } from './http/figure-cache';
import { inputHygiene, noStore } from './http/input';
import { sameOriginOnly, securityHeaders, sessions } from './http/security';
import { seenVersions } from './http/seen-versions';
import { orgRoutes } from './org/routes';
import { reportRoutes } from './reports/routes';
import { riskRoutes } from './risk/routes';
import { steeringRoutes } from './steering/routes';
import { taskRoutes } from './tasks/routes';
import { userRoutes } from './users/routes';

const UPLOAD_PATHS = ['/values/import', '/forecasts/import', '/risks/import'];
const CONTROL_PLAN_IMPORT = /\/control\/plans\/[^/]+\/import$/;

/** The API: every capability's router under /api, with the OpenAPI document of them all. */
export function buildApi(deps: Deps) {
  const api = router();
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new DomainError('payload_too_large', `Förfrågan är större än ${maxSize} byte.`);
      },
    });
  const uploadLimit = limit(deps.config.maxUploadBytes);
  const bodyLimitFor = limit(deps.config.maxBodyBytes);
  const violation = deps.config.contractViolation;
  if (violation) api.use('*', contractCheck(api, violation));
  api.use('*', noStore());
  // Spreadsheet imports get the upload limit; everything else the ordinary one. A GET or HEAD
  // has no body any route reads, and asking for it would build a whole Request per read.
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : (UPLOAD_PATHS.some((p) => c.req.path.endsWith(p)) || CONTROL_PLAN_IMPORT.test(c.req.path)
          ? uploadLimit
          : bodyLimitFor)(c, next),
  );
  // Bad text is refused, and good text normalised, before the session lookup or any route.
  api.use('*', inputHygiene());
  api.use('*', sameOriginOnly(deps.config.trustProxy));
  // Which data versions a request is answered at, and the client told (see the module).
  api.use('*', seenVersions(deps));
  api.use('*', sessions(deps));
  // The scorecard, the tree and the other figures: computed once per data version (see the module).
  api.use('*', figureCache(deps));
  api.route('/', healthRoutes(deps));
  api.route('/', authRoutes(deps));
  api.route('/', orgRoutes(deps));
  api.route('/', bodyRoutes(deps));
  api.route('/', userRoutes(deps));
  api.route('/', historyRoutes(deps));
  api.route('/', steeringRoutes(deps));
  api.route('/', economyRoutes(deps));
  api.route('/', analysisRoutes(deps));
  api.route('/', competenceRoutes(deps));
  api.route('/', followupRoutes(deps));
  api.route('/', reportRoutes(deps));
  api.route('/', controlRoutes(deps));
  api.route('/', taskRoutes(deps));
  api.route('/', riskRoutes(deps));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Röd tråd API',
      version: deps.config.version,
      description:
        'Ledningssystem för regioner och kommuner. Belopp anges i hela kronor: i svaren alltid som en sträng av ' +
        'siffror ("-146600000", exakt även över 2^53), i förfrågningarna som heltal eller sträng av siffror.',
    },
    servers: [{ url: '/api' }],
  });
  api.onError(handleError(deps.config));
  return api;
}

export type Api = ReturnType<typeof buildApi>;

/** The whole server: the API under /api and the built web UI at /. */
export function buildApp(deps: Deps) {
  // Routing sees the path in NFC, as the routes see every other text (see http/input.ts).
  const app = new Hono<AppEnv>({ getPath: (request) => getPath(request).normalize('NFC') });
  app.use('*', securityHeaders(deps.config.secure));
  app.route('/api', buildApi(deps));
  // A mounted router's own not-found handler is not consulted, so unknown API paths end here,
  // before the web UI's fallback, and get the product's JSON error.
  app.all('/api/*', () => {
    throw new DomainError('not_found', 'Det finns ingen sådan adress i API:t.');
  });
  const root = deps.config.webRoot;
  if (root && existsSync(join(root, 'index.html'))) {
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root }));
    app.use('*', serveStatic({ root }));
    // Client-side routes all load the app shell.
    app.get('*', (c) => c.html(index));
  } else {
    app.get('/', (c) =>
      c.text('Webbgränssnittet är inte byggt. Kör `npm run build` (eller `npm start`, som bygger det).', 503),
    );
  }
  app.onError(handleError(deps.config));
  return app;
}
