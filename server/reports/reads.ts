import type { Executor } from '../core/context';

/** Reads of the meetings for other capabilities (decision 015), each answering one question. */

export interface MeetingHead {
  id: string;
  body_id: string;
  meets_on: string;
  title: string;
}

/** One meeting (sammanträde), or undefined when there is none. */
export async function meetingById(db: Executor, id: string): Promise<MeetingHead | undefined> {
  return db
    .selectFrom('meetings')
    .select(['id', 'body_id', 'meets_on', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A body's first meeting on or after `day`, or undefined when none is planned. */
export async function nextMeetingOf(db: Executor, bodyId: string, day: string): Promise<MeetingHead | undefined> {
  return db
    .selectFrom('meetings')
    .select(['id', 'body_id', 'meets_on', 'title'])
    .where('body_id', '=', bodyId)
    .where('meets_on', '>=', day)
    .orderBy('meets_on')
    .limit(1)
    .executeTakeFirst();
}

/** The day of a body's last meeting before `before` (or of its last meeting at all), null when it has none. */
export async function lastMeetingDayOf(db: Executor, bodyId: string, before?: string): Promise<string | null> {
  let q = db.selectFrom('meetings').select('meets_on').where('body_id', '=', bodyId);
  if (before !== undefined) q = q.where('meets_on', '<', before);
  const row = await q.orderBy('meets_on', 'desc').limit(1).executeTakeFirst();
  return row ? String(row.meets_on).slice(0, 10) : null;
}

/** A body's meetings in the order they are held (by day, then id). */
export async function meetingsOf(db: Executor, bodyId: string): Promise<MeetingHead[]> {
  return db
    .selectFrom('meetings')
    .select(['id', 'body_id', 'meets_on', 'title'])
    .where('body_id', '=', bodyId)
    .orderBy('meets_on')
    .orderBy('id')
    .execute();
}
