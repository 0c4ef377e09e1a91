import { randomUUID } from 'node:crypto';
import {
  DELEGATING_BODY_KINDS,
  type Delegate,
  type DelegationRow,
  inForceOn,
} from '../../domain/competence/delegation';
import {
  DECIDER_CLASS_LABELS,
  isAmountMatter,
  MATTERS,
  type MatterKind,
  matterLabel,
  ruleAt,
} from '../../domain/competence/rules';
import type { IsoDate } from '../../domain/dates';
import { DomainError, notFound, staleVersion } from '../../domain/errors';
import type { Kronor } from '../../domain/money';
import type { BodyKind, UnitLevel } from '../../domain/org';
import { competenceRulesOf } from '../competence/rules-of';
import type { Actor, Executor, Services } from '../core/context';
import { authorize, type WriteTx, write } from '../core/write';
import { currentTree, today } from '../org/service';
import { decisionsById } from '../steering/reads';
import { bodyNamesByIds } from './reads';
import { type BodyTables, withBodyTables } from './tables';

/** One row of a body's delegation order, as answered. */
export interface DelegationRowView extends DelegationRow {
  version: number;
  matterLabel: string;
  decisionCitation: string | null;
}

const fail = (field: string, message: string, summary = message): never => {
  throw new DomainError('unprocessable', summary, { fields: [{ field, message }] });
};

type Row = BodyTables['body_delegations'];

const plainRow = (r: DelegationRow) => ({
  ...r,
  maxAmountKr: r.maxAmountKr === null ? null : r.maxAmountKr.toString(),
});

const toRow = (r: Row): DelegationRow & { version: number } => ({
  id: r.id,
  version: r.version,
  bodyId: r.body_id,
  matter: r.matter as MatterKind,
  delegate:
    r.delegate_kind === 'official'
      ? { kind: 'official', title: r.delegate_title, unitLevel: r.delegate_unit_level as UnitLevel }
      : { kind: 'body', title: r.delegate_title, bodyId: r.delegate_body_id as string },
  maxAmountKr: r.max_amount_kr === null ? null : BigInt(r.max_amount_kr),
  validFrom: String(r.valid_from),
  validTo: r.valid_to === null ? null : String(r.valid_to),
  decisionId: r.decision_id,
});

/** Every row of every body's order, of all days: what the competence judge reads. */
export async function allDelegationRows(db: Executor): Promise<DelegationRow[]> {
  const rows = await withBodyTables(db)
    .selectFrom('body_delegations')
    .selectAll()
    .orderBy('body_id')
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

async function rowsOf(db: Executor, bodyId: string, id?: string) {
  let q = withBodyTables(db).selectFrom('body_delegations').selectAll().where('body_id', '=', bodyId);
  if (id) q = q.where('id', '=', id);
  return (await q.orderBy('matter').orderBy('valid_from').orderBy('id').execute()).map(toRow);
}

async function views(db: Executor, rows: (DelegationRow & { version: number })[]): Promise<DelegationRowView[]> {
  const decisions = [
    ...(
      await decisionsById(
        db,
        rows.map((r) => r.decisionId),
      )
    ).values(),
  ];
  const bodyNames = await bodyNamesByIds(
    db,
    decisions.map((d) => d.bodyId),
  );
  const cite = new Map(
    decisions.map((d) => {
      const bodyName = d.bodyId === null ? undefined : bodyNames.get(d.bodyId);
      return [
        d.id,
        `${bodyName ?? d.officialName ?? ''} ${d.decidedOn}${d.paragraph ? ` § ${d.paragraph}` : ''}`.trim(),
      ];
    }),
  );
  return rows.map((r) => ({
    ...r,
    matterLabel: matterLabel(r.matter),
    decisionCitation: r.decisionId ? (cite.get(r.decisionId) ?? null) : null,
  }));
}

async function bodyOf(db: Executor, bodyId: string) {
  const body = await db
    .selectFrom('bodies')
    .select(['id', 'name', 'kind', 'parent_body_id'])
    .where('id', '=', bodyId)
    .executeTakeFirst();
  if (!body) throw notFound('Organet');
  return { ...body, kind: body.kind as BodyKind };
}

export interface DelegationOrderView {
  bodyId: string;
  bodyName: string;
  /** The day `inForce` answers for. */
  day: IsoDate;
  inForce: DelegationRowView[];
  /** Every row the body's order ever had: earlier decisions are judged by these. */
  all: DelegationRowView[];
}

/** A body's delegation order is public knowledge inside the region, like the bodies themselves. */
export async function getDelegationOrder(
  services: Services,
  actor: Actor,
  bodyId: string,
  day: IsoDate = today(services),
): Promise<DelegationOrderView> {
  authorize(actor, 'body.read', { unitId: null }, await currentTree(services));
  const body = await bodyOf(services.db, bodyId);
  const all = await views(services.db, await rowsOf(services.db, bodyId));
  return { bodyId, bodyName: body.name, day, inForce: all.filter((r) => inForceOn(r, day)), all };
}

export interface DelegationInput {
  matter: MatterKind;
  delegateKind: 'official' | 'body';
  delegateTitle: string;
  delegateUnitLevel: UnitLevel | null;
  delegateBodyId: string | null;
  maxAmountKr: Kronor | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  decisionId: string | null;
  /** A row this one replaces: it is ended the day this one starts, in the same write. */
  replacesId?: string | null;
  replacesVersion?: number | null;
}

/**
 * Adds a row to a body's order. Rows are never rewritten: a change ends the row it replaces on
 * the day the new one starts. Only from today on, so the judgement of earlier decisions stays;
 * the system (seed, import) may register an order adopted earlier.
 */
export async function addDelegation(
  services: Services,
  actor: Actor,
  bodyId: string,
  input: DelegationInput,
  id = randomUUID(),
): Promise<DelegationRowView> {
  return write(services, actor, (w) => addDelegationIn(services, w, actor, bodyId, input, id));
}

/** Adds many rows to a body's order in one write (an order adopted at once, or a seed). */
export async function addDelegations(
  services: Services,
  actor: Actor,
  bodyId: string,
  inputs: readonly DelegationInput[],
): Promise<DelegationRowView[]> {
  return write(services, actor, async (w) => {
    const out: DelegationRowView[] = [];
    for (const input of inputs) out.push(await addDelegationIn(services, w, actor, bodyId, input, randomUUID()));
    return out;
  });
}

async function addDelegationIn(
  services: Services,
  w: WriteTx,
  actor: Actor,
  bodyId: string,
  input: DelegationInput,
  id: string,
): Promise<DelegationRowView> {
  {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    const body = await bodyOf(w.trx, bodyId);
    const day = today(services);
    if (!DELEGATING_BODY_KINDS.includes(body.kind))
      fail('bodyId', 'bara en nämnd eller styrelsen har en delegationsordning', 'Organet delegerar inte.');
    if (!MATTERS.includes(input.matter)) fail('matter', 'okänt ärendeslag');
    if (actor.kind !== 'system' && input.validFrom < day)
      fail(
        'validFrom',
        `kan inte vara före i dag (${day}): tidigare beslut bedöms efter ordningen som gällde då`,
        'Delegationsordningen ändras bara från i dag och framåt.',
      );
    if (input.validTo !== null && input.validTo <= input.validFrom)
      fail('validTo', 'måste vara efter giltig från', 'Slutdatum måste vara efter startdatum.');
    const rule = ruleAt(await competenceRulesOf(w.trx, input.matter), input.matter, input.validFrom);
    if (rule.lowest !== 'official')
      fail(
        'matter',
        `${matterLabel(input.matter)} får inte delegeras: det krävs lägst ${DECIDER_CLASS_LABELS[rule.lowest].toLowerCase()}. ${rule.basis}`,
        'Ärendet får inte delegeras.',
      );
    if (input.maxAmountKr !== null && !isAmountMatter(input.matter))
      fail('maxAmountKr', 'ärendeslaget har inget belopp; lämna beloppsgränsen tom');
    let delegate: Delegate;
    if (input.delegateKind === 'official') {
      if (!input.delegateUnitLevel) fail('delegateUnitLevel', 'ange vilken nivås chef som får besluta');
      delegate = { kind: 'official', title: input.delegateTitle, unitLevel: input.delegateUnitLevel as UnitLevel };
    } else {
      const committee = input.delegateBodyId ? await bodyOf(w.trx, input.delegateBodyId).catch(() => null) : null;
      if (committee?.kind !== 'utskott' || committee.parent_body_id !== bodyId)
        fail('delegateBodyId', `måste vara ett utskott under ${body.name}`);
      delegate = { kind: 'body', title: input.delegateTitle, bodyId: input.delegateBodyId as string };
    }
    if (input.decisionId) {
      const decision = (await decisionsById(w.trx, [input.decisionId])).get(input.decisionId);
      if (decision?.kind !== 'beslut' || decision.bodyId !== bodyId)
        fail('decisionId', `måste vara ett beslut av ${body.name}: organet antar sin egen delegationsordning`);
    }
    const before = await rowsOf(w.trx, bodyId);
    if (input.replacesId) {
      const old = before.find((r) => r.id === input.replacesId);
      if (!old) fail('replacesId', 'raden finns inte i organets delegationsordning');
      const o = old as DelegationRow & { version: number };
      if (input.replacesVersion != null && input.replacesVersion !== o.version) throw staleVersion(plainRow(o));
      if (o.validTo !== null && o.validTo <= input.validFrom) fail('replacesId', 'raden har redan upphört den dagen');
      if (input.validFrom <= o.validFrom) fail('validFrom', 'måste vara efter den ersatta radens startdag');
      await withBodyTables(w.trx)
        .updateTable('body_delegations')
        .set((eb) => ({ valid_to: input.validFrom, version: eb('version', '+', 1) }))
        .where('id', '=', o.id)
        .execute();
    }
    await withBodyTables(w.trx)
      .insertInto('body_delegations')
      .values({
        id,
        body_id: bodyId,
        matter: input.matter,
        delegate_kind: delegate.kind,
        delegate_title: delegate.title,
        delegate_unit_level: delegate.kind === 'official' ? delegate.unitLevel : null,
        delegate_body_id: delegate.kind === 'body' ? delegate.bodyId : null,
        max_amount_kr: input.maxAmountKr === null ? null : input.maxAmountKr.toString(),
        valid_from: input.validFrom,
        valid_to: input.validTo,
        decision_id: input.decisionId,
        created_at: w.now,
        version: 1,
      })
      .execute();
    const after = await rowsOf(w.trx, bodyId);
    const plain = (rows: DelegationRow[]) => rows.map(plainRow);
    await w.record({
      kind: 'body_delegation.added',
      entity: 'body_delegation',
      entityId: bodyId,
      unitId: null,
      before: plain(before),
      after: plain(after),
    });
    const [row] = await views(
      w.trx,
      after.filter((r) => r.id === id),
    );
    return row as DelegationRowView;
  }
}

/** Ends a row from a day (today or later for a user): the order of earlier days is kept. */
export async function endDelegation(
  services: Services,
  actor: Actor,
  rowId: string,
  input: { version: number; validTo: IsoDate },
): Promise<DelegationRowView> {
  return write(services, actor, async (w) => {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    const found = await withBodyTables(w.trx)
      .selectFrom('body_delegations')
      .select('body_id')
      .where('id', '=', rowId)
      .executeTakeFirst();
    if (!found) throw notFound('Delegationen');
    const before = await rowsOf(w.trx, found.body_id);
    const row = before.find((r) => r.id === rowId) as DelegationRow & { version: number };
    if (row.version !== input.version) throw staleVersion(plainRow(row));
    const day = today(services);
    if (actor.kind !== 'system' && input.validTo < day)
      fail('validTo', `kan inte vara före i dag (${day})`, 'Delegationsordningen ändras bara från i dag och framåt.');
    if (actor.kind !== 'system' && row.validTo !== null && row.validTo < day)
      fail('validTo', 'raden har redan upphört', 'Raden har redan upphört.');
    if (input.validTo <= row.validFrom) fail('validTo', 'måste vara efter giltig från');
    await withBodyTables(w.trx)
      .updateTable('body_delegations')
      .set((eb) => ({ valid_to: input.validTo, version: eb('version', '+', 1) }))
      .where('id', '=', rowId)
      .execute();
    const after = await rowsOf(w.trx, found.body_id);
    const plain = (rows: DelegationRow[]) => rows.map(plainRow);
    await w.record({
      kind: 'body_delegation.ended',
      entity: 'body_delegation',
      entityId: found.body_id,
      unitId: null,
      before: plain(before),
      after: plain(after),
    });
    const [view] = await views(
      w.trx,
      after.filter((r) => r.id === rowId),
    );
    return view as DelegationRowView;
  });
}
