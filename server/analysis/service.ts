import { randomUUID } from 'node:crypto';
import { actorName } from '../../domain/actors';
import type { AnalysisStatus, AnalysisSubjectKind } from '../../domain/analysis/impact';
import { compareSwedish } from '../../domain/collation';
import type { IsoDate } from '../../domain/dates';
import { DomainError, type FieldError, notFound } from '../../domain/errors';
import { OrgIndex } from '../../domain/org';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { readableInherited } from '../core/read-scope';
import { badRef, mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { measureSubjects } from '../economy/measures';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { decisionRecords } from '../steering/decisions';

/** The sections of a risk- och konsekvensanalys a writer fills in; the subject is set once, at creation. */
export interface AnalysisBody {
  title: string;
  analysedOn: IsoDate;
  patients: string;
  staff: string;
  unionConsultedOn: IsoDate | null;
  unionConsultedWith: string;
  economy: string;
  otherUnits: string;
  costShifts: { unitId: string; how: string }[];
  conclusion: string;
  risks: { risk: string; mitigation: string; probability: number | null; consequence: number | null }[];
}

export interface AnalysisSubjectInput {
  subjectKind: AnalysisSubjectKind;
  measureId: string | null;
  decisionId: string | null;
  subjectTitle: string;
  /** The unit the analysis belongs to; a measure's analysis belongs to the measure's owner. */
  unitId: string | null;
}

/** The full record as the history keeps it and the answer is built from. */
async function state(db: Executor, id: string) {
  const row = await db.selectFrom('impact_analyses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [shifts, risks] = await Promise.all([
    db.selectFrom('impact_analysis_cost_shifts').selectAll().where('analysis_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('impact_analysis_risks').selectAll().where('analysis_id', '=', id).orderBy('seq').execute(),
  ]);
  return {
    id: row.id,
    version: row.version,
    subjectKind: row.subject_kind as AnalysisSubjectKind,
    measureId: row.measure_id,
    decisionId: row.decision_id,
    subjectTitle: row.subject_title,
    unitId: row.unit_id,
    title: row.title,
    analysedOn: row.analysed_on,
    patients: row.patients,
    staff: row.staff,
    unionConsultedOn: row.union_consulted_on,
    unionConsultedWith: row.union_consulted_with,
    economy: row.economy,
    otherUnits: row.other_units,
    conclusion: row.conclusion,
    status: row.status as AnalysisStatus,
    madeByName: row.made_by_name,
    completedAt: row.completed_at === null ? null : new Date(row.completed_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    costShifts: shifts.map((s) => ({ unitId: s.unit_id, how: s.how })),
    risks: risks.map((r) => ({
      risk: r.risk,
      mitigation: r.mitigation,
      probability: r.probability,
      consequence: r.consequence,
    })),
  };
}
type State = NonNullable<Awaited<ReturnType<typeof state>>>;

/** The name of what an analysis is made for: the measure's or decision's title, or the change in words. */
async function subjectNames(db: Executor, rows: readonly State[]) {
  const measures = await measureSubjects(
    db,
    rows.flatMap((r) => (r.measureId ? [r.measureId] : [])),
  );
  const decisionIds = rows.flatMap((r) => (r.decisionId ? [r.decisionId] : []));
  const decisions = decisionIds.length > 0 ? await decisionRecords(db, { ids: decisionIds }) : [];
  const names = new Map<string, string>([
    ...measures.map((m) => [m.id, m.title] as const),
    ...decisions.map((d) => [d.id, d.title] as const),
  ]);
  return (r: State) =>
    (r.measureId ? names.get(r.measureId) : r.decisionId ? names.get(r.decisionId) : undefined) ?? r.subjectTitle;
}

const answerOf = async (services: Services, actor: Actor, rows: readonly State[]) => {
  const list = await unitsOn(services.db, today(services));
  const tree = new OrgIndex(list);
  const nameOf = await subjectNames(services.db, rows);
  const units = new Map(list.map((u) => [u.id, u.name]));
  const canOn = abilities(actor, tree);
  return rows.map((r) => {
    const c = canOn(r.unitId, { read: 'data.readInherited', edit: 'impactAnalysis.write', history: 'history.read' });
    return {
      ...r,
      subjectName: nameOf(r),
      unitName: units.get(r.unitId) ?? '',
      costShifts: r.costShifts.map((s) => ({ ...s, unitName: units.get(s.unitId) ?? '' })),
      can: { ...c, complete: c.edit && r.status === 'draft' },
    };
  });
};

/** One analysis, for whoever reads its unit as the measure is read. */
export async function getAnalysis(services: Services, actor: Actor, id: string) {
  const s = await state(services.db, id);
  if (!s) throw notFound('Analysen');
  authorize(actor, 'data.readInherited', { unitId: s.unitId }, await currentTree(services));
  return (await answerOf(services, actor, [s]))[0] as Awaited<ReturnType<typeof answerOf>>[number];
}

/** The analyses of a unit and the units below it that the actor may read, newest first. */
export async function listAnalyses(services: Services, actor: Actor, unitId: string) {
  const tree = await currentTree(services);
  if (!tree.has(unitId)) throw notFound('Enheten');
  authorize(actor, 'data.readInherited', { unitId }, tree);
  const may = readableInherited(actor, tree);
  const ids = await services.db
    .selectFrom('impact_analyses')
    .select('id')
    .where('unit_id', 'in', tree.subtree(unitId))
    .execute();
  const rows = (await Promise.all(ids.map((r) => state(services.db, r.id)))).filter(
    (r): r is State => r !== null && may(r.unitId),
  );
  rows.sort((a, b) => b.analysedOn.localeCompare(a.analysedOn) || compareSwedish(a.title, b.title));
  return { unitId, analyses: await answerOf(services, actor, rows) };
}

async function writeParts(w: WriteTx, id: string, body: AnalysisBody) {
  await w.trx.deleteFrom('impact_analysis_cost_shifts').where('analysis_id', '=', id).execute();
  await w.trx.deleteFrom('impact_analysis_risks').where('analysis_id', '=', id).execute();
  if (body.costShifts.length > 0)
    await w.trx
      .insertInto('impact_analysis_cost_shifts')
      .values(body.costShifts.map((s, i) => ({ analysis_id: id, seq: i + 1, unit_id: s.unitId, how: s.how })))
      .execute();
  if (body.risks.length > 0)
    await w.trx
      .insertInto('impact_analysis_risks')
      .values(
        body.risks.map((r, i) => ({
          analysis_id: id,
          seq: i + 1,
          risk: r.risk,
          mitigation: r.mitigation,
          probability: r.probability,
          consequence: r.consequence,
        })),
      )
      .execute();
}

const bodyRow = (b: AnalysisBody) => ({
  title: b.title,
  analysed_on: b.analysedOn,
  patients: b.patients,
  staff: b.staff,
  union_consulted_on: b.unionConsultedOn,
  union_consulted_with: b.unionConsultedWith,
  economy: b.economy,
  other_units: b.otherUnits,
  conclusion: b.conclusion,
});

async function checkBody(w: WriteTx, body: AnalysisBody) {
  await mustExist(
    w.trx,
    'org_units',
    body.costShifts.map((s) => s.unitId),
    'costShifts',
  );
  // Samverkan is noted as a whole: when, and with whom.
  if ((body.unionConsultedOn === null) !== (body.unionConsultedWith.trim() === ''))
    throw new DomainError('unprocessable', 'Ange både när och med vilka samverkan skedde.', {
      fields: [
        body.unionConsultedOn === null
          ? { field: 'unionConsultedOn', message: 'saknas när samverkan anges med vilka' }
          : { field: 'unionConsultedWith', message: 'saknas när ett datum för samverkan anges' },
      ],
    });
}

/** Where the subject points, checked; the unit the analysis belongs to. */
async function resolveSubject(w: WriteTx, s: AnalysisSubjectInput): Promise<string> {
  if (s.subjectKind === 'measure') {
    if (!s.measureId) throw badRef('measureId', 'krävs för en analys av en åtgärd');
    const [m] = await measureSubjects(w.trx, [s.measureId]);
    if (!m) throw badRef('measureId', 'finns inte');
    const existing = await w.trx
      .selectFrom('impact_analyses')
      .select('id')
      .where('measure_id', '=', m.id)
      .executeTakeFirst();
    if (existing)
      throw new DomainError('conflict', `Åtgärden ”${m.title}” har redan en risk- och konsekvensanalys.`, {
        details: { analysisId: existing.id },
      });
    return m.ownerUnitId;
  }
  if (!s.unitId) throw badRef('unitId', 'krävs för en analys av ett beslut eller en förändring');
  await mustExist(w.trx, 'org_units', [s.unitId], 'unitId');
  if (s.subjectKind === 'decision') {
    if (!s.decisionId) throw badRef('decisionId', 'krävs för en analys av ett beslut');
    await mustExist(w.trx, 'decisions', [s.decisionId], 'decisionId');
  } else if (s.subjectTitle.trim() === '') throw badRef('subjectTitle', 'krävs: vilken förändring analysen gäller');
  return s.unitId;
}

/** Writes a new analysis as a draft; it counts for the rule only once completed. */
export async function createAnalysis(services: Services, actor: Actor, input: AnalysisSubjectInput & AnalysisBody) {
  const id = randomUUID();
  await write(services, actor, async (w) => {
    const unitId = await resolveSubject(w, input);
    authorize(actor, 'impactAnalysis.write', { unitId }, await currentTree(services, w.trx));
    await checkBody(w, input);
    await w.trx
      .insertInto('impact_analyses')
      .values({
        id,
        subject_kind: input.subjectKind,
        measure_id: input.subjectKind === 'measure' ? input.measureId : null,
        decision_id: input.subjectKind === 'decision' ? input.decisionId : null,
        subject_title: input.subjectKind === 'change' ? input.subjectTitle : '',
        unit_id: unitId,
        ...bodyRow(input),
        status: 'draft',
        made_by_name: actorName(actor),
        created_at: w.now,
      })
      .execute();
    await writeParts(w, id, input);
    await w.record({
      kind: 'impact_analysis.created',
      entity: 'impact_analysis',
      entityId: id,
      unitId,
      before: null,
      after: await state(w.trx, id),
    });
  });
  return getAnalysis(services, actor, id);
}

async function forWrite(services: Services, w: WriteTx, id: string, version: number) {
  const before = await state(w.trx, id);
  if (!before) throw notFound('Analysen');
  authorize(w.actor, 'impactAnalysis.write', { unitId: before.unitId }, await currentTree(services, w.trx));
  await bumpVersion(w.trx, 'impact_analyses', id, version, () => state(w.trx, id));
  return before;
}

/** Edits an analysis's sections; a done analysis stays done, and the history keeps what it said before. */
export async function updateAnalysis(
  services: Services,
  actor: Actor,
  id: string,
  input: AnalysisBody & { version: number },
) {
  await write(services, actor, async (w) => {
    const before = await forWrite(services, w, id, input.version);
    await checkBody(w, input);
    if (before.status === 'done') assertComplete(input);
    await w.trx.updateTable('impact_analyses').set(bodyRow(input)).where('id', '=', id).execute();
    await writeParts(w, id, input);
    await w.record({
      kind: 'impact_analysis.updated',
      entity: 'impact_analysis',
      entityId: id,
      unitId: before.unitId,
      before,
      after: await state(w.trx, id),
    });
  });
  return getAnalysis(services, actor, id);
}

/**
 * What a done analysis must hold: every consequence answered, the union consulted (samverkan,
 * MBL) and a conclusion. Each missing part is named.
 */
function assertComplete(
  s: Pick<State, 'patients' | 'staff' | 'economy' | 'otherUnits' | 'conclusion' | 'unionConsultedOn'>,
) {
  const fields: FieldError[] = [];
  const need = (field: keyof typeof s, what: string) => {
    const v = s[field];
    if (v === null || (typeof v === 'string' && v.trim() === '')) fields.push({ field, message: `saknas: ${what}` });
  };
  need('patients', 'konsekvenser för patienter och medborgare');
  need('staff', 'konsekvenser för medarbetarna (arbetsmiljö)');
  need('unionConsultedOn', 'när och med vilka samverkan skedde');
  need('economy', 'konsekvenser för ekonomin');
  need('otherUnits', 'konsekvenser för andra enheter (kostnadsövervältring)');
  need('conclusion', 'slutsats');
  if (fields.length > 0)
    throw new DomainError('unprocessable', 'Analysen är inte komplett och kan inte markeras som klar.', { fields });
}

/** Marks an analysis done: from then on it lets its measure be started and submitted. */
export async function completeAnalysis(services: Services, actor: Actor, id: string, input: { version: number }) {
  await write(services, actor, async (w) => {
    const before = await forWrite(services, w, id, input.version);
    if (before.status === 'done')
      throw new DomainError('unprocessable', 'Analysen är redan klar.', {
        fields: [{ field: 'version', message: 'analysen är redan klar' }],
      });
    assertComplete(before);
    await w.trx
      .updateTable('impact_analyses')
      .set({ status: 'done', completed_at: w.now })
      .where('id', '=', id)
      .execute();
    await w.record({
      kind: 'impact_analysis.completed',
      entity: 'impact_analysis',
      entityId: id,
      unitId: before.unitId,
      before,
      after: await state(w.trx, id),
    });
  });
  return getAnalysis(services, actor, id);
}
