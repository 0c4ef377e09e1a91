import { randomUUID } from 'node:crypto';
import { type ControlFrequency, type ControlPlanStatus, FREQUENCIES, mustBeDraft } from '../../domain/control/rules';
import { type Actor, type Services, systemActor } from '../core/context';
import { headedRows, mustHaveFile } from '../core/sheet-import';
import { type ImportProblem, importFailure, newWorkbook, type WorkbookLimits, writeXlsx } from '../core/workbook';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { listUsers } from '../users/service';
import { getPlan } from './plans';
import { bump, controlBody, mustPlan, type PointRow, pointRows, pointState } from './store';

export const POINTS_SHEET = 'Kontrollpunkter';

/** Frequencies in words as the plan page shows them (web/src/control/texts.ts). */
export const FREQUENCY_WORDS: Record<ControlFrequency, string> = {
  monthly: 'Månad',
  tertial: 'Tertial',
  half_year: 'Halvår',
  yearly: 'År',
  once: 'En gång',
};

const COLUMNS = [
  { key: 'id', header: 'Id', width: 38 },
  { key: 'what', header: 'Kontrollmoment', width: 40 },
  { key: 'method', header: 'Metod', width: 40 },
  { key: 'frequency', header: 'Frekvens', width: 12 },
  { key: 'checker', header: 'Kontrollant (användarnamn)', width: 20 },
  { key: 'recipient', header: 'Mottagare', width: 24 },
  { key: 'dueOn', header: 'Klart senast', width: 14 },
  { key: 'riskId', header: 'Risk-id', width: 38 },
  { key: 'risk', header: 'Risk', width: 40 },
  { key: 'regionWide', header: 'Regiongemensam', width: 14 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const header = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.header as string;
const LIMITS: Partial<Record<ColumnKey, number>> = { what: 500, method: 1000, recipient: 200 };

/** The plan's points as a sheet: what, method, frequency, checker, recipient, due date and risk. */
export async function exportControlPlan(services: Services, actor: Actor, planId: string): Promise<Buffer> {
  const [plan, users] = await Promise.all([
    getPlan(services, actor, planId),
    listUsers(services, systemActor('control')),
  ]);
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(POINTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const p of plan.points)
    sheet.addRow({
      id: p.id,
      what: p.what,
      method: p.method,
      frequency: FREQUENCY_WORDS[p.frequency],
      checker: p.checkerUserId === null ? '' : (usernames.get(p.checkerUserId) ?? ''),
      recipient: p.recipient,
      dueOn: p.dueOn ?? '',
      riskId: p.riskId ?? '',
      risk: p.riskTitle ?? '',
      regionWide: p.regionWide ? 'Ja' : '',
    });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return writeXlsx(workbook);
}

export interface ControlPlanImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

interface Planned {
  row: number;
  existing: PointRow | null;
  input: {
    what: string;
    method: string;
    frequency: ControlFrequency;
    checkerUserId: string | null;
    recipient: string;
    dueOn: string | null;
    riskId: string | null;
  };
}

const frequencyOf = (text: string): ControlFrequency | null => {
  const t = text.toLowerCase();
  return FREQUENCIES.find((f) => f === t || FREQUENCY_WORDS[f].toLowerCase() === t) ?? null;
};

/**
 * Reads the points of a draft plan from a sheet: rows without an id are added, rows with one
 * change that point. Every bad row is named with row and column and nothing is written if
 * there is any; the styrelse's region-wide points are kept as given (changed in its plan).
 * Permission and the plan's status are checked before the file is read.
 */
export async function importControlPlan(
  services: Services,
  actor: Actor,
  planId: string,
  data: Buffer | ArrayBuffer,
  options: { limits?: Partial<WorkbookLimits> } = {},
): Promise<ControlPlanImportSummary> {
  const tree = await currentTree(services);
  const plan = await mustPlan(services.db, planId);
  const body = await controlBody(services, services.db, tree, plan.body_id);
  authorize(actor, 'control_plan.write', { unitId: body.scope && tree.has(body.scope) ? body.scope : null }, tree);
  mustBeDraft({ status: plan.status as ControlPlanStatus });
  mustHaveFile(data);

  const [points, users, risks] = await Promise.all([
    pointRows(services.db, { planIds: [planId] }),
    listUsers(services, systemActor('control')),
    services.db.selectFrom('risks').select(['id', 'title', 'body_id', 'unit_id']).execute(),
  ]);
  // The body's register: its own risks and those of the units it governs (as checkPoint has it).
  const register = risks.filter(
    (r) =>
      r.body_id === body.id ||
      (r.unit_id !== null && body.scope !== null && tree.has(r.unit_id) && tree.isInSubtree(r.unit_id, body.scope)),
  );
  const byId = new Map(points.map((p) => [p.id, p]));
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u.id]));

  const problems: ImportProblem[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  const sheetRows = headedRows(data, {
    sheet: POINTS_SHEET,
    limits: options.limits,
    columns: COLUMNS,
    required: ['what', 'frequency'],
    problems,
  });
  for await (const r of sheetRows) {
    const text = r.text;
    const before = problems.length;
    const bad = (key: ColumnKey, message: string) => problems.push({ row: r.number, column: header(key), message });

    const id = text('id');
    const existing = id === '' ? null : (byId.get(id) ?? null);
    if (id !== '') {
      if (!existing) bad('id', 'ingen kontrollpunkt i planen har detta id');
      const earlier = seen.get(id);
      if (earlier !== undefined) bad('id', `samma kontrollpunkt finns redan på rad ${earlier}`);
      seen.set(id, r.number);
    }
    const what = text('what');
    if (what === '') bad('what', 'saknas');
    for (const [key, max] of Object.entries(LIMITS) as [ColumnKey, number][])
      if (text(key).length > max) bad(key, `högst ${max} tecken`);
    const frequencyText = text('frequency');
    const frequency = frequencyOf(frequencyText);
    if (frequency === null)
      bad(
        'frequency',
        frequencyText === ''
          ? 'saknas'
          : `"${frequencyText}" är ingen frekvens (${FREQUENCIES.map((f) => FREQUENCY_WORDS[f]).join(', ')})`,
      );
    const username = text('checker');
    const checkerUserId = username === '' ? null : (byUsername.get(username.toLowerCase()) ?? null);
    if (username !== '' && checkerUserId === null) bad('checker', `ingen användare har användarnamnet "${username}"`);
    const dueOn = text('dueOn');
    if (dueOn !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || Number.isNaN(Date.parse(dueOn))))
      bad('dueOn', `"${dueOn}" är inget datum ÅÅÅÅ-MM-DD`);
    // The risk by its id, else by its title in the body's register.
    let riskId: string | null = null;
    const riskIdText = text('riskId');
    const riskTitle = text('risk');
    if (riskIdText !== '') {
      if (register.some((x) => x.id === riskIdText)) riskId = riskIdText;
      else
        bad(
          'riskId',
          risks.some((x) => x.id === riskIdText) ? 'risken hör inte till organets register' : 'ingen risk har detta id',
        );
    } else if (riskTitle !== '') {
      const matches = register.filter((x) => x.title.toLowerCase() === riskTitle.toLowerCase());
      if (matches.length === 1) riskId = (matches[0] as (typeof matches)[number]).id;
      else if (matches.length === 0) bad('risk', `ingen risk i organets register heter "${riskTitle}"`);
      else bad('risk', `flera risker heter "${riskTitle}": ange Risk-id`);
    }
    if (problems.length > before || frequency === null) continue;
    const input: Planned['input'] = {
      what,
      method: text('method'),
      frequency,
      checkerUserId,
      recipient: text('recipient'),
      dueOn: dueOn === '' ? null : dueOn,
      riskId,
    };
    if (existing) {
      const same =
        existing.what === input.what &&
        existing.method === input.method &&
        existing.frequency === input.frequency &&
        existing.checker_user_id === input.checkerUserId &&
        existing.recipient === input.recipient &&
        (existing.due_on === null ? null : String(existing.due_on)) === input.dueOn &&
        existing.risk_id === input.riskId;
      if (same) continue;
      if (existing.source_point_id !== null || existing.region_wide) {
        bad('id', 'regiongemensam kontroll: den ändras i styrelsens plan');
        continue;
      }
    }
    planned.push({ row: r.number, existing, input });
  }
  if (problems.length > 0) throw importFailure(problems);

  const rows = seen.size + planned.filter((x) => !x.existing).length;
  const fresh = planned.filter((x) => !x.existing);
  const changed = planned.filter((x) => x.existing);
  await write(services, actor, async (w) => {
    // Again inside the transaction: the plan may have been decided since it was read.
    const now = await mustPlan(w.trx, planId);
    const t = await currentTree(services, w.trx);
    authorize(actor, 'control_plan.write', { unitId: body.scope && t.has(body.scope) ? body.scope : null }, t);
    mustBeDraft({ status: now.status as ControlPlanStatus });
    const ids = fresh.map(() => randomUUID());
    if (fresh.length > 0)
      await w.trx
        .insertInto('control_points')
        .values(
          fresh.map((x, i) => ({
            id: ids[i] as string,
            plan_id: planId,
            risk_id: x.input.riskId,
            region_wide: false,
            source_point_id: null,
            unit_id: null,
            what: x.input.what,
            method: x.input.method,
            frequency: x.input.frequency,
            checker_user_id: x.input.checkerUserId,
            recipient: x.input.recipient,
            due_on: x.input.dueOn,
            // Distinct times keep the file's order, which the plan lists points by.
            created_at: new Date(w.now.getTime() + i),
            updated_at: w.now,
          })),
        )
        .execute();
    const inserted = new Map((await pointRows(w.trx, { planIds: [planId] })).map((p) => [p.id, p]));
    for (const id of ids)
      await w.record({
        kind: 'control_point.created',
        entity: 'control_point',
        entityId: id,
        unitId: body.scope,
        before: null,
        after: pointState(inserted.get(id) as PointRow),
      });
    for (const x of changed) {
      const before = x.existing as PointRow;
      await bump(w.trx, 'control_points', before.id, before.version, async () => {
        const [current] = await pointRows(w.trx, { id: before.id });
        return current ? pointState(current) : null;
      });
      await w.trx
        .updateTable('control_points')
        .set({
          risk_id: x.input.riskId,
          what: x.input.what,
          method: x.input.method,
          frequency: x.input.frequency,
          checker_user_id: x.input.checkerUserId,
          recipient: x.input.recipient,
          due_on: x.input.dueOn,
          updated_at: w.now,
        })
        .where('id', '=', before.id)
        .execute();
      const [after] = await pointRows(w.trx, { id: before.id });
      await w.record({
        kind: 'control_point.updated',
        entity: 'control_point',
        entityId: before.id,
        unitId: body.scope,
        before: pointState(before),
        after: pointState(after as PointRow),
      });
    }
  });
  return { rows, created: fresh.length, updated: changed.length, unchanged: rows - fresh.length - changed.length };
}
