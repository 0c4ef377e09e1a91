import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { actorName as shownName } from '../../domain/actors';
import { DomainError } from '../../domain/errors';
import { claimDataVersion } from '../cache/data-versions';
import { type Actor, actorId, actorName, type Services } from '../core/context';
import { type WriteTx, write } from '../core/write';
import { today } from '../org/service';
import type { ValueInput } from './indicators';
import { afterValueChange, beforeValueChange } from './rollups';

/** Rows staged per transaction: each holds the embedded database's one connection for a few tens of ms. */
export const STAGE_BATCH = 1000;

/** A staged import older than this is taken to have died half-way, and the next import deletes it. */
export const STALE_STAGING_MS = 60 * 60 * 1000;

/** Tries at applying staged rows when other writers keep filling slots the import found empty. */
const APPLY_ROUNDS = 3;

/**
 * Writes checked import rows (see `checkValues`) all or nothing, without holding the database
 * for the whole import: the rows are staged in short statements of `STAGE_BATCH` rows, between
 * which other requests get the embedded database's one connection, and then applied in one
 * short transaction of set-based statements that also records the history. Whatever happens,
 * the staged rows are gone afterwards.
 *
 * The rules are those of `setValuesIn` without `basedOn`: the import replaces whatever is
 * there (last writer wins), and a replaced value's `enteredAt` moves strictly forward.
 */
export async function importValueRows(
  services: Services,
  actor: Actor,
  rows: readonly ValueInput[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const importId = randomUUID();
  const startedAt = services.clock.now();
  // Staging is scratch space, not a change anyone sees: plain statements, each atomic on its
  // own, rather than write()'s transaction with history. The apply below goes through write().
  await services.db
    .deleteFrom('value_imports')
    .where('started_at', '<', new Date(startedAt.getTime() - STALE_STAGING_MS))
    .execute();
  await services.db.insertInto('value_imports').values({ id: importId, started_at: startedAt }).execute();
  try {
    for (let start = 0; start < rows.length; start += STAGE_BATCH) {
      onProgress?.(start, rows.length);
      await stage(services, importId, start, rows.slice(start, start + STAGE_BATCH));
    }
    // The staging table is empty whenever autovacuum looks at it, so the planner would take a
    // big import for a few rows and join it to the values and roll-ups by nested loops over an
    // unfit index (minutes on PostgreSQL). Fresh statistics of it make the joins hashed.
    if (rows.length >= STAGE_BATCH) await sql`ANALYZE value_import_rows`.execute(services.db);
    for (let round = 1; ; round++) {
      const applied = await write(services, actor, async (w) => {
        // The area's version row before any value or roll-up row, as every writer of values.
        await claimDataVersion(w.trx, 'steering');
        // The kept roll-ups change in the same transaction, set-based, around the one apply.
        const slots = sql`SELECT indicator_id, unit_id, kind, period FROM value_import_rows WHERE import_id = ${importId}`;
        await beforeValueChange(w.trx, slots, today(services));
        const complete = await applyStaged(w.trx, importId, w.now, actor);
        if (complete) await afterValueChange(w.trx, slots);
        // Rolls back the round, history and all, so that the next round starts clean.
        if (!complete) throw new SlotsFilledMeanwhile();
        await w.trx.deleteFrom('value_imports').where('id', '=', importId).execute();
        return true;
      }).catch((err) => {
        if (err instanceof SlotsFilledMeanwhile && round < APPLY_ROUNDS) return false;
        throw err instanceof SlotsFilledMeanwhile
          ? new DomainError('conflict', 'Andra sparade samma värden samtidigt. Läs in filen igen.')
          : err;
      });
      if (applied) break;
    }
    onProgress?.(rows.length, rows.length);
  } finally {
    // After an apply the rows are already gone; after a failure they go now. If even this
    // fails (the database went away), the next import deletes them as stale.
    await services.db
      .deleteFrom('value_imports')
      .where('id', '=', importId)
      .execute()
      .catch(() => {});
  }
}

class SlotsFilledMeanwhile extends Error {}

async function stage(services: Services, importId: string, offset: number, rows: readonly ValueInput[]) {
  await sql`
    INSERT INTO value_import_rows (import_id, ord, indicator_id, kind, period, unit_id, value, comment)
    SELECT ${importId}, ${offset} + r.n - 1, r.indicator_id, r.kind, r.period, r.unit_id, r.value::numeric, r.comment
    FROM unnest(${rows.map((r) => r.indicatorId)}::text[], ${rows.map((r) => r.kind as string)}::text[],
                ${rows.map((r) => r.period)}::text[], ${rows.map((r) => r.unitId)}::text[],
                ${rows.map((r) => r.value)}::text[], ${rows.map((r) => r.comment)}::text[])
      WITH ORDINALITY AS r(indicator_id, kind, period, unit_id, value, comment, n)`.execute(services.db);
}

// `enteredAt` as `toStored` gives it: ISO, milliseconds, UTC. Every stored time has whole
// milliseconds (they come from the clock or from the rule below), so nothing is cut off.
const iso = (t: ReturnType<typeof sql>) => sql`to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Applies the staged rows of an import in one statement, whose parts share one snapshot:
 * locks the slots' existing values in primary-key order (the order every writer locks in),
 * records one history entry with each row's value before and after, removes, replaces and
 * inserts. False, with nothing to keep, when another writer filled a slot this import found
 * empty (the history would have called it empty); the next round finds and locks that value.
 */
async function applyStaged(trx: WriteTx['trx'], importId: string, now: Date, actor: Actor): Promise<boolean> {
  const enteredBy = actor.kind === 'user' ? actor.principal.userId : null;
  const enteredByName = shownName(actor);
  const at = sql`${now}::timestamptz`;
  // A replacement's time is strictly after the one it replaces, even within one millisecond.
  const nextTime = (old: ReturnType<typeof sql>) =>
    sql`greatest(${at}, date_trunc('milliseconds', ${old}) + interval '1 millisecond')`;
  // A value as `toStored` shows it, from the columns of `changes` named here.
  const storedJson = (c: {
    value: string;
    comment: string;
    by: ReturnType<typeof sql>;
    at: string;
  }) => sql`jsonb_build_object('indicatorId', indicator_id, 'unitId', unit_id, 'period', period, 'kind', kind,
    'value', ${sql.raw(c.value)}::text, 'comment', ${sql.raw(c.comment)}, 'enteredByName', ${c.by},
    'enteredAt', ${iso(sql.raw(c.at))})`;
  const result = await sql<{ fresh: number; inserted: number }>`
    WITH locked AS MATERIALIZED (
      SELECT v.* FROM indicator_values v
      JOIN value_import_rows s ON s.indicator_id = v.indicator_id AND s.kind = v.kind AND s.period = v.period
        AND s.unit_id = v.unit_id
      WHERE s.import_id = ${importId}
      ORDER BY v.indicator_id, v.kind, v.period, v.unit_id
      FOR UPDATE OF v
    ), changes AS MATERIALIZED (
      SELECT s.ord, s.indicator_id, s.kind, s.period, s.unit_id, s.value, s.comment, l.indicator_id IS NULL AS absent,
        l.value AS old_value, l.comment AS old_comment, l.entered_by_name AS old_by, l.entered_at AS old_at,
        CASE WHEN l.indicator_id IS NULL THEN ${at} ELSE ${nextTime(sql`l.entered_at`)} END AS new_at
      FROM value_import_rows s
      LEFT JOIN locked l ON l.indicator_id = s.indicator_id AND l.kind = s.kind AND l.period = s.period
        AND l.unit_id = s.unit_id
      WHERE s.import_id = ${importId}
    ), recorded AS (
      INSERT INTO history (at, actor_id, actor_name, kind, entity, entity_id, unit_id, before, after)
      SELECT ${at}, ${actorId(actor)}, ${actorName(actor)}, 'value.imported', 'indicator',
        (SELECT indicator_id FROM changes ORDER BY ord LIMIT 1), NULL,
        jsonb_agg(CASE WHEN NOT absent THEN ${storedJson({ value: 'old_value', comment: 'old_comment', by: sql`old_by`, at: 'old_at' })} END ORDER BY ord),
        jsonb_agg(CASE WHEN value IS NOT NULL THEN ${storedJson({ value: 'value', comment: 'comment', by: sql`${enteredByName}::text`, at: 'new_at' })} END ORDER BY ord)
      FROM changes
    ), removed AS (
      DELETE FROM indicator_values v USING changes c
      WHERE NOT c.absent AND c.value IS NULL
        AND v.indicator_id = c.indicator_id AND v.kind = c.kind AND v.period = c.period AND v.unit_id = c.unit_id
    ), replaced AS (
      UPDATE indicator_values v
      SET value = c.value, comment = c.comment, entered_by = ${enteredBy}, entered_by_name = ${enteredByName},
          entered_at = c.new_at
      FROM changes c
      WHERE NOT c.absent AND c.value IS NOT NULL
        AND v.indicator_id = c.indicator_id AND v.kind = c.kind AND v.period = c.period AND v.unit_id = c.unit_id
    ), inserted AS (
      INSERT INTO indicator_values
        (indicator_id, kind, period, unit_id, value, comment, entered_by, entered_by_name, entered_at)
      SELECT indicator_id, kind, period, unit_id, value, comment, ${enteredBy}, ${enteredByName}, ${at}
      FROM changes WHERE absent AND value IS NOT NULL
      ORDER BY indicator_id, kind, period, unit_id
      ON CONFLICT (indicator_id, kind, period, unit_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM changes WHERE absent AND value IS NOT NULL)::int AS fresh,
      (SELECT count(*) FROM inserted)::int AS inserted`.execute(trx);
  const counts = result.rows[0] as { fresh: number; inserted: number };
  return counts.inserted === counts.fresh;
}
