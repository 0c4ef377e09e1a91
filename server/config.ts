import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSessionPolicy } from './auth/service';
import { type Clock, clockFrom, systemClock } from './core/clock';
import { DEFAULT_WORKBOOK_LIMITS } from './core/workbook';
import type { DatabaseConfig } from './db/connection';
import { DEFAULT_UPKEEP, type UpkeepOptions } from './db/upkeep';
import { defaultMailConfig, type MailConfig } from './followup/reminders';
import type { HttpConfig } from './http/env';

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  seedDemo: boolean;
  /** The wall clock, or one set running from CLOCK_START (demonstrations, end-to-end tests). */
  clock: Clock;
  /**
   * How long after the server starts taking requests the first reminder run waits
   * (REMINDERS_START_DELAY_SECONDS, default 10): it would otherwise hold the embedded database
   * while the first requests wait. 0 runs it before the server takes requests, so the outbox is
   * settled before anyone reads it (the end-to-end tests).
   */
  remindersStartDelayMs: number;
  /**
   * The embedded database's upkeep (see `db/upkeep.ts`): it looks every UPKEEP_EVERY_SECONDS
   * (default 60) and starts once no request has used the database for UPKEEP_QUIET_SECONDS
   * (default 5).
   */
  upkeep: UpkeepOptions;
  http: HttpConfig;
}

export const productVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} måste vara ett ${min === 0 ? 'icke-negativt' : 'positivt'} heltal, inte "${raw}".`);
  return n;
}

export function databaseFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  return env.DATABASE_URL
    ? { kind: 'postgresql', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.DATA_DIR ?? './data') };
}

/** JSON lines on stdout; never passwords, never personal data beyond an opaque user id. */
export function jsonLogger(enabled: boolean) {
  return (event: Record<string, unknown>) => {
    if (enabled) process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`);
  };
}

/** Reminders go by SMTP when SMTP_URL is set; otherwise they wait in the outbox. */
export function mailFromEnv(env: NodeJS.ProcessEnv): MailConfig {
  return {
    smtpUrl: env.SMTP_URL || null,
    from: env.MAIL_FROM ?? defaultMailConfig.from,
    reminderDaysBefore: intFrom(env, 'REMINDER_DAYS_BEFORE', defaultMailConfig.reminderDaysBefore),
  };
}

/** CLOCK_START=2026-12-02T09:00:00Z sets the server's clock to that instant at start; it runs on from there. */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const raw = env.CLOCK_START;
  if (raw === undefined || raw === '') return systemClock;
  const start = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(start.getTime()))
    throw new Error(`CLOCK_START måste vara en tidpunkt som 2026-12-02T09:00:00Z, inte "${raw}".`);
  return clockFrom(start);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const publicUrl = env.PUBLIC_URL ?? '';
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    database: databaseFromEnv(env),
    seedDemo: env.SEED_DEMO !== '0',
    clock: clockFromEnv(env),
    remindersStartDelayMs: intFrom(env, 'REMINDERS_START_DELAY_SECONDS', 10, 0) * 1000,
    upkeep: {
      ...DEFAULT_UPKEEP,
      everyMs: intFrom(env, 'UPKEEP_EVERY_SECONDS', DEFAULT_UPKEEP.everyMs / 1000) * 1000,
      quietMs: intFrom(env, 'UPKEEP_QUIET_SECONDS', DEFAULT_UPKEEP.quietMs / 1000, 0) * 1000,
    },
    http: {
      secure: publicUrl.startsWith('https://'),
      trustProxy: env.TRUST_PROXY === '1',
      sessionPolicy: {
        ...defaultSessionPolicy,
        idleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', defaultSessionPolicy.idleMinutes),
        absoluteHours: intFrom(env, 'SESSION_ABSOLUTE_HOURS', defaultSessionPolicy.absoluteHours),
      },
      maxBodyBytes: intFrom(env, 'MAX_BODY_BYTES', 1024 * 1024),
      maxUploadBytes: intFrom(env, 'MAX_UPLOAD_BYTES', 20 * 1024 * 1024),
      workbookLimits: {
        maxUnpackedBytes: intFrom(env, 'IMPORT_MAX_UNPACKED_BYTES', DEFAULT_WORKBOOK_LIMITS.maxUnpackedBytes),
        maxRows: intFrom(env, 'IMPORT_MAX_ROWS', DEFAULT_WORKBOOK_LIMITS.maxRows),
        maxColumns: intFrom(env, 'IMPORT_MAX_COLUMNS', DEFAULT_WORKBOOK_LIMITS.maxColumns),
      },
      version: productVersion(),
      webRoot: resolve(env.WEB_ROOT ?? 'web/dist'),
      log: jsonLogger(env.LOG_LEVEL !== 'silent'),
      mail: mailFromEnv(env),
    },
  };
}
