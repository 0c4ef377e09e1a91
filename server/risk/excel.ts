import { randomUUID } from 'node:crypto';
import { DomainError, staleVersion } from '../../domain/errors';
import { checkOnScale, type RiskLevel, type RiskLinkKind } from '../../domain/risk/matrix';
import { type Actor, type Services, systemActor } from '../core/context';
import { headedRows, mustHaveFile } from '../core/sheet-import';
import {
  type CellValue,
  cellText,
  type ImportProblem,
  importFailure,
  newWorkbook,
  type WorkbookLimits,
  writeXlsx,
} from '../core/workbook';
import { write } from '../core/write';
import { today } from '../org/service';
import { listUsers } from '../users/service';
import { type AssessmentInput, insertAssessment } from './assessments';
import { authorizeOn } from './guard';
import { resolveLinks } from './links';
import { riskMatrix } from './matrix';
import { assessmentRows, mayDo, type RiskRow, riskContext, riskRows, targetOf, writeActions } from './records';
import { readRiskScale } from './scale';
import { listRisks, type RiskScope } from './service';

export const RISKS_SHEET = 'Risker';
export const MATRIX_SHEET = 'Matris';

/** Level words as boards read them (the web's labels say the same, web/src/risk/texts.ts). */
export const LEVEL_WORDS: Record<RiskLevel, string> = {
  low: 'Låg',
  medium: 'Medel',
  high: 'Hög',
  very_high: 'Mycket hög',
};
const LEVEL_COLOURS: Record<RiskLevel, string> = {
  low: 'FFB7E1A1',
  medium: 'FFFFE699',
  high: 'FFF4B183',
  very_high: 'FFFF7C80',
};
const LINK_WORDS: Record<RiskLinkKind, string> = { goal: 'Mål', measure: 'Åtgärd', indicator: 'Indikator' };

// The columns of the register sheet; `readOnly` ones are computed and ignored on import.
const COLUMNS = [
  { key: 'id', header: 'Id', width: 38 },
  { key: 'registerId', header: 'Register-id', width: 38 },
  { key: 'register', header: 'Register', width: 30 },
  { key: 'title', header: 'Titel', width: 40 },
  { key: 'description', header: 'Beskrivning', width: 40 },
  { key: 'cause', header: 'Orsak', width: 30 },
  { key: 'consequenceText', header: 'Konsekvens', width: 30 },
  { key: 'process', header: 'Process', width: 20 },
  { key: 'owner', header: 'Ägare (användarnamn)', width: 20 },
  { key: 'probability', header: 'Sannolikhet (steg)', width: 12 },
  { key: 'consequence', header: 'Konsekvens (steg)', width: 12 },
  { key: 'value', header: 'Riskvärde', width: 10 },
  { key: 'level', header: 'Nivå', width: 12 },
  { key: 'assessedAt', header: 'Senaste bedömning', width: 14 },
  { key: 'existingControls', header: 'Befintliga kontroller', width: 40 },
  { key: 'plannedActions', header: 'Planerade åtgärder', width: 40 },
  { key: 'links', header: 'Kopplingar', width: 40 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const header = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.header as string;

/**
 * The register in the shape boards use: one row per risk with its latest assessment, and a
 * second sheet with the heat map (counts per cell, coloured, level in words). The same sheet
 * reads back through `importRisks`.
 */
export async function exportRisks(services: Services, actor: Actor, scope: RiskScope): Promise<Buffer> {
  const [risks, matrix, users] = await Promise.all([
    listRisks(services, actor, scope),
    riskMatrix(services, actor, scope),
    listUsers(services, systemActor('risk')),
  ]);
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  const ids = risks.map((r) => r.id);
  const linkRows =
    ids.length === 0
      ? []
      : await services.db
          .selectFrom('risk_links')
          .select(['risk_id', 'target_kind', 'target_id'])
          .where('risk_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('target_kind')
          .orderBy('target_id')
          .execute();
  const linksText = new Map<string, string>();
  await Promise.all(
    risks.map(async (r) => {
      const refs = linkRows
        .filter((l) => l.risk_id === r.id)
        .map((l) => ({ kind: l.target_kind as RiskLinkKind, targetId: l.target_id }));
      if (refs.length === 0) return;
      const { links, hidden } = await resolveLinks(services, actor, refs);
      const parts = links.map((l) => `${LINK_WORDS[l.kind]}: ${l.title}`);
      if (hidden > 0) parts.push(`${hidden} dold${hidden === 1 ? '' : 'a'}`);
      linksText.set(r.id, parts.join('; '));
    }),
  );

  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(RISKS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of risks) {
    const row = sheet.addRow({
      id: r.id,
      registerId: r.bodyId ?? r.unitId,
      register: r.bodyName ?? r.unitName ?? '',
      title: r.title,
      description: r.description,
      cause: r.cause,
      consequenceText: r.consequence,
      process: r.process,
      owner: r.ownerUserId === null ? '' : (usernames.get(r.ownerUserId) ?? ''),
      probability: r.current?.probability ?? null,
      consequence: r.current?.consequence ?? null,
      value: r.current?.value ?? null,
      level: r.current ? LEVEL_WORDS[r.current.level] : '',
      assessedAt: r.current?.assessedAt ?? '',
      existingControls: r.existingControls,
      plannedActions: r.plannedActions,
      links: linksText.get(r.id) ?? '',
    });
    if (r.current)
      row.getCell('level').fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: LEVEL_COLOURS[r.current.level] },
      };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

  // The heat map: probability down (highest at the top, as boards draw it), consequence across.
  const m = workbook.addWorksheet(MATRIX_SHEET);
  const { probabilitySteps, consequenceSteps } = matrix.scale;
  m.getColumn(1).width = 28;
  m.addRow(['Sannolikhet \\ Konsekvens', ...consequenceSteps.map((w, i) => `${i + 1} ${w}`)]).font = { bold: true };
  for (let p = probabilitySteps.length; p >= 1; p--) {
    const row = m.addRow([`${p} ${probabilitySteps[p - 1]}`]);
    row.getCell(1).font = { bold: true };
    for (let c = 1; c <= consequenceSteps.length; c++) {
      const cell = matrix.cells.find((x) => x.probability === p && x.consequence === c);
      if (!cell) continue;
      const target = row.getCell(c + 1);
      target.value = `${cell.count} (${LEVEL_WORDS[cell.level]})`;
      target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LEVEL_COLOURS[cell.level] } };
      target.alignment = { horizontal: 'center' };
    }
  }
  for (let c = 2; c <= consequenceSteps.length + 1; c++) m.getColumn(c).width = 16;
  m.addRow([]);
  m.addRow(['Ej bedömda', matrix.unassessed.length]);
  if (matrix.offScale.length > 0) m.addRow(['Utanför skalan', matrix.offScale.length]);
  return writeXlsx(workbook);
}

export interface RiskImportSummary {
  rows: number;
  created: number;
  updated: number;
  assessed: number;
  unchanged: number;
}

type Fields = Pick<
  RiskRow,
  'title' | 'description' | 'cause' | 'consequence' | 'process' | 'ownerUserId' | 'existingControls' | 'plannedActions'
>;
interface Planned {
  row: number;
  id: string;
  existing: RiskRow | null;
  owner: { bodyId: string | null; unitId: string | null };
  fields: Fields;
  changed: boolean;
  assessment: AssessmentInput | null;
}

/** A sheet row's fields as the risks table's columns, for a new risk and a changed one alike. */
const columnsOf = (f: Fields) => ({
  title: f.title,
  description: f.description,
  cause: f.cause,
  consequence: f.consequence,
  process: f.process,
  owner_user_id: f.ownerUserId,
  existing_controls: f.existingControls,
  planned_actions: f.plannedActions,
});

const TEXT_LIMITS: Partial<Record<ColumnKey, number>> = {
  title: 200,
  description: 4000,
  cause: 4000,
  consequenceText: 4000,
  process: 200,
  existingControls: 4000,
  plannedActions: 4000,
};
const REGISTER_BODY_KINDS = new Set(['namnd', 'styrelse']);

const stepOf = (v: CellValue): number | null | 'bad' => {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v : 'bad';
  const t = cellText(v);
  if (t === '') return null;
  return /^\d{1,3}$/.test(t) ? Number(t) : 'bad';
};

/**
 * Reads a register sheet: creates the rows without an id, updates those with one, and adds an
 * assessment where the probability and consequence (or their date) differ from the latest.
 * Every bad row is named with its row and column, and nothing is written if there is any; a
 * row the actor may not write refuses the whole file (403) naming the rows. One transaction.
 */
export async function importRisks(
  services: Services,
  actor: Actor,
  data: Buffer | ArrayBuffer,
  options: { limits?: Partial<WorkbookLimits> } = {},
): Promise<RiskImportSummary> {
  mustHaveFile(data);
  const [ctx, users, scale, existingRows] = await Promise.all([
    riskContext(services),
    listUsers(services, systemActor('risk')),
    readRiskScale(services.db),
    riskRows(services.db),
  ]);
  const latest = await assessmentRows(services.db);
  const byId = new Map(existingRows.map((r) => [r.id, r]));
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u.id]));
  const day = today(services);

  const problems: ImportProblem[] = [];
  const refused: number[] = [];
  const planned: Planned[] = [];
  const seenIds = new Map<string, number>();
  const sheetRows = headedRows(data, {
    sheet: RISKS_SHEET,
    limits: options.limits,
    columns: COLUMNS,
    required: ['title', ['register', 'registerId']],
    problems,
  });
  for await (const r of sheetRows) {
    const { raw, text } = r;
    const before = problems.length;
    const bad = (key: ColumnKey, message: string) => problems.push({ row: r.number, column: header(key), message });

    const id = text('id');
    const existing = id === '' ? null : (byId.get(id) ?? null);
    if (id !== '') {
      if (!existing) bad('id', 'ingen risk har detta id');
      const earlier = seenIds.get(id);
      if (earlier !== undefined) bad('id', `samma risk finns redan på rad ${earlier}`);
      seenIds.set(id, r.number);
    }

    // The register: by id when given, else by its name (a nämnd, the styrelse or a unit of today).
    let owner: Planned['owner'] | null = null;
    const registerId = text('registerId');
    const registerName = text('register');
    if (registerId !== '') {
      const body = ctx.bodies.get(registerId);
      if (body && REGISTER_BODY_KINDS.has(body.kind)) owner = { bodyId: body.id, unitId: null };
      else if (body) bad('registerId', 'organet är varken nämnd eller styrelse');
      else if (ctx.tree.has(registerId)) owner = { bodyId: null, unitId: registerId };
      else bad('registerId', 'inget organ eller ingen enhet har detta id');
    } else if (registerName !== '') {
      const name = registerName.toLowerCase();
      const matches = [
        ...[...ctx.bodies.values()]
          .filter((b) => REGISTER_BODY_KINDS.has(b.kind) && b.name.toLowerCase() === name)
          .map((b) => ({ bodyId: b.id, unitId: null })),
        ...[...ctx.unitNames]
          .filter(([uid, n]) => ctx.tree.has(uid) && n.toLowerCase() === name)
          .map(([uid]) => ({ bodyId: null, unitId: uid })),
      ];
      if (matches.length === 1) owner = matches[0] as Planned['owner'];
      else if (matches.length === 0) bad('register', `"${registerName}" är ingen nämnd, styrelse eller enhet`);
      else bad('register', `flera har namnet "${registerName}": ange Register-id`);
    } else if (existing) owner = { bodyId: existing.bodyId, unitId: existing.unitId };
    else bad('register', 'saknas');
    if (owner && existing && (owner.bodyId !== existing.bodyId || owner.unitId !== existing.unitId))
      bad(registerId !== '' ? 'registerId' : 'register', 'en risk flyttas inte till ett annat register');

    const title = text('title');
    if (title === '') bad('title', 'saknas');
    for (const [key, max] of Object.entries(TEXT_LIMITS) as [ColumnKey, number][])
      if (text(key).length > max) bad(key, `högst ${max} tecken`);

    const username = text('owner');
    const ownerUserId = username === '' ? null : (byUsername.get(username.toLowerCase()) ?? null);
    if (username !== '' && ownerUserId === null) bad('owner', `ingen användare har användarnamnet "${username}"`);

    let assessment: AssessmentInput | null = null;
    const p = stepOf(raw('probability'));
    const c = stepOf(raw('consequence'));
    const dateText = text('assessedAt');
    if (p === 'bad') bad('probability', `"${text('probability')}" är inget steg (ett heltal)`);
    if (c === 'bad') bad('consequence', `"${text('consequence')}" är inget steg (ett heltal)`);
    if (p === null && c !== null) bad('probability', 'saknas när konsekvensen är ifylld');
    if (c === null && p !== null) bad('consequence', 'saknas när sannolikheten är ifylld');
    if (typeof p === 'number' && typeof c === 'number') {
      for (const f of checkOnScale(scale, p, c))
        bad(f.field === 'probability' ? 'probability' : 'consequence', f.message);
      const date = dateText === '' ? day : dateText;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
        bad('assessedAt', `"${dateText}" är inget datum ÅÅÅÅ-MM-DD`);
      else if (date > day) bad('assessedAt', 'en bedömning kan inte dateras efter i dag');
      const current = existing ? latest.get(existing.id)?.[0] : undefined;
      const same =
        current &&
        current.probability === p &&
        current.consequence === c &&
        (dateText === '' || current.assessedAt === dateText);
      if (!same) assessment = { assessedAt: date, probability: p, consequence: c, comment: 'Inläst från Excel' };
    } else if (dateText !== '' && p === null && c === null)
      bad('assessedAt', 'en bedömning behöver sannolikhet och konsekvens');

    if (problems.length > before || !owner) continue;
    const fields: Fields = {
      title,
      description: text('description'),
      cause: text('cause'),
      consequence: text('consequenceText'),
      process: text('process'),
      ownerUserId,
      existingControls: text('existingControls'),
      plannedActions: text('plannedActions'),
    };
    const changed =
      !existing || (Object.keys(fields) as (keyof Fields)[]).some((k) => (existing[k] ?? null) !== fields[k]);
    // Permission as for writing the risk by hand: edit to create or change it, assess to assess it.
    const target = targetOf(ctx, owner);
    const actions = writeActions(owner);
    if (
      (changed && !mayDo(actor, ctx.tree, actions.edit, target)) ||
      (assessment && !mayDo(actor, ctx.tree, actions.assess, target))
    )
      refused.push(r.number);
    planned.push({ row: r.number, id: existing?.id ?? randomUUID(), existing, owner, fields, changed, assessment });
  }
  if (problems.length > 0) throw importFailure(problems);
  if (refused.length > 0)
    throw new DomainError('forbidden', `Du får inte skriva risken på ${refused.length} rader. Inget har importerats.`, {
      fields: refused.slice(0, 1000).map((row) => ({ field: `rad ${row}`, message: 'du får inte skriva denna risk' })),
    });

  const fresh = planned.filter((x) => !x.existing);
  const changed = planned.filter((x) => x.existing && x.changed);
  const assessed = planned.filter((x) => x.assessment);
  await write(services, actor, async (w) => {
    const scopes = new Map<string, string | null>();
    for (const x of planned)
      if (x.changed || x.assessment)
        scopes.set(x.id, await authorizeOn(services, w, actor, x.owner, x.changed ? 'edit' : 'assess'));
    // Assessing needs its own permission even where the row also edits.
    for (const x of planned) if (x.changed && x.assessment) await authorizeOn(services, w, actor, x.owner, 'assess');
    if (fresh.length > 0)
      await w.trx
        .insertInto('risks')
        .values(
          fresh.map((x) => ({
            id: x.id,
            version: 1,
            body_id: x.owner.bodyId,
            unit_id: x.owner.unitId,
            ...columnsOf(x.fields),
            status: 'active',
            created_at: w.now,
            updated_at: w.now,
          })),
        )
        .execute();
    const created = new Map(
      (
        await riskRows(
          w.trx,
          fresh.map((x) => x.id),
        )
      ).map((r) => [r.id, r]),
    );
    for (const x of fresh)
      await w.record({
        kind: 'risk.created',
        entity: 'risk',
        entityId: x.id,
        unitId: scopes.get(x.id) ?? null,
        before: null,
        after: created.get(x.id),
      });
    for (const x of changed) {
      const before = x.existing as RiskRow;
      const done = await w.trx
        .updateTable('risks')
        .set((eb) => ({
          ...columnsOf(x.fields),
          updated_at: w.now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', x.id)
        .where('version', '=', before.version)
        .returning('id')
        .executeTakeFirst();
      if (!done) throw staleVersion(before);
      const [after] = await riskRows(w.trx, [x.id]);
      await w.record({
        kind: 'risk.updated',
        entity: 'risk',
        entityId: x.id,
        unitId: scopes.get(x.id) ?? null,
        before,
        after,
      });
    }
    for (const x of assessed)
      await insertAssessment(w, actor, x.id, scopes.get(x.id) ?? null, x.assessment as AssessmentInput);
  });
  return {
    rows: planned.length,
    created: fresh.length,
    updated: changed.length,
    assessed: assessed.length,
    unchanged: planned.filter((x) => !x.changed && !x.assessment).length,
  };
}
