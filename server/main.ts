import { serve } from '@hono/node-server';
import { DomainError } from '../domain/errors';
import { buildApp } from './app';
import { keepVersions } from './cache/version-keeper';
import { configFromEnv } from './config';
import type { Services } from './core/context';
import { forgetOldKeys } from './core/idempotency';
import { openDatabase } from './db/connection';
import { migrate } from './db/migrate';
import { keepUp } from './db/upkeep';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from './demo/seed';
import { mailerFor, runReminders } from './followup/reminders';
import { sweepExportJobs } from './reports/exports';
import { hasDemoAccounts } from './users/reads';

async function main() {
  const config = configFromEnv();
  const log = config.http.log;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config.database);
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const services: Services = { db: database.db, dbKind: database.kind, clock: config.clock };
  const applied = await migrate(database.db, config.clock.now());
  if (applied.length > 0) log({ event: 'migrated', applied });

  if (await isEmpty(services)) {
    if (config.seedDemo) {
      await seedDemo(services);
      console.log('\nDemoregionen Region Exempel är inläst. Demokonton (lösenord "%s"):', DEMO_PASSWORD);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
    } else {
      console.log('Databasen är tom. Skapa en administratör: npm run cli -- create-admin');
    }
  } else if (config.seedDemo && (await hasDemoAccounts(services.db))) {
    console.log('\nDemokonton (lösenord "%s"): %s', DEMO_PASSWORD, DEMO_ACCOUNTS.map((a) => a.username).join(', '));
  }

  // On PostgreSQL other processes may write: the versions are kept by listening for their bumps
  // (see server/cache/version-keeper.ts) rather than read for every request.
  const keeper = await keepVersions(database.db, config.database, (e) => log(e));
  // The embedded database has no autovacuum: the server does its work in quiet moments.
  const upkeep = keepUp(database, { ...config.upkeep, log });

  const app = buildApp({ services, config: config.http });
  // Reminders before and after the deadlines of the annual cycle, every hour; each reminder is
  // made once, so a restart or a second server never sends one twice.
  const mailer = mailerFor(config.http.mail);
  const remind = async () => {
    try {
      const { created, sent } = await runReminders(services, config.http.mail, mailer);
      await forgetOldKeys(services);
      await sweepExportJobs(services);
      if (created > 0) log({ event: 'reminders', created, sent });
    } catch (err) {
      log({ event: 'reminders_failed', error: err instanceof Error ? err.message : String(err) });
    }
  };
  const reminders = setInterval(() => void remind(), 60 * 60_000);
  reminders.unref();
  // The first run waits until the server has taken its first requests (on the embedded database it
  // would hold the one connection they need), unless asked to settle the outbox before serving.
  let firstReminders: ReturnType<typeof setTimeout> | null = null;
  if (config.remindersStartDelayMs === 0) await remind();
  else {
    firstReminders = setTimeout(() => void remind(), config.remindersStartDelayMs);
    firstReminders.unref();
  }
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Röd tråd ${config.http.version} på http://localhost:${info.port} (databas: ${database.kind})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ event: 'stopping', signal });
    clearInterval(reminders);
    if (firstReminders) clearTimeout(firstReminders);
    // Stop taking requests, let the ones under way finish, then close the database cleanly
    // (PGlite checkpoints on close).
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      setTimeout(() => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        resolve();
      }, 10_000).unref();
    });
    await keeper?.stop();
    await upkeep?.stop();
    await database.close();
    log({ event: 'stopped' });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
