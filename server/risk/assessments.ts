import { randomUUID } from 'node:crypto';
import { swedishDate } from '../../domain/dates';
import { DomainError, notFound } from '../../domain/errors';
import { checkOnScale, riskLevel, riskValue } from '../../domain/risk/matrix';
import { type Actor, actorId, type Services } from '../core/context';
import { type WriteTx, write } from '../core/write';
import { authorizeOn } from './guard';
import { assessmentOut, assessmentRows, riskContext, riskRows } from './records';
import { readRiskScale } from './scale';

export interface AssessmentInput {
  assessedAt: string;
  probability: number;
  consequence: number;
  comment: string;
}

/**
 * Adds an assessment: a new row, never a change of an earlier one, so the risk's value as it
 * was at each assessment stays. Value and level are computed here, on the scale in force.
 */
export async function assessRisk(
  services: Services,
  actor: Actor,
  riskId: string,
  input: AssessmentInput,
  id = randomUUID(),
) {
  await addAssessment(services, actor, riskId, input, id);
  const ctx = await riskContext(services);
  const row = ((await assessmentRows(services.db, [riskId])).get(riskId) ?? []).find((a) => a.id === id);
  return assessmentOut(ctx, row as NonNullable<typeof row>);
}

/** Adds an assessment without building the answer (the seed adds many). */
export async function addAssessment(
  services: Services,
  actor: Actor,
  riskId: string,
  input: AssessmentInput,
  id = randomUUID(),
): Promise<string> {
  await write(services, actor, async (w) => {
    const [risk] = await riskRows(w.trx, [riskId]);
    if (!risk) throw notFound('Risken');
    const scope = await authorizeOn(services, w, actor, risk, 'assess');
    await insertAssessment(w, actor, riskId, scope, input, id);
  });
  return id;
}

/** The assessment's row and history inside a write whose caller has authorised it. */
export async function insertAssessment(
  w: WriteTx,
  actor: Actor,
  riskId: string,
  scope: string | null,
  input: AssessmentInput,
  id = randomUUID(),
) {
  const scale = await readRiskScale(w.trx);
  const fields = checkOnScale(scale, input.probability, input.consequence);
  if (input.assessedAt > swedishDate(w.now))
    fields.push({ field: 'assessedAt', message: 'En bedömning kan inte dateras efter i dag.' });
  if (fields.length > 0) throw new DomainError('unprocessable', fields.map((f) => f.message).join(' '), { fields });
  const value = riskValue(input.probability, input.consequence);
  const level = riskLevel(scale, input.probability, input.consequence);
  await w.trx
    .insertInto('risk_assessments')
    .values({
      id,
      risk_id: riskId,
      assessed_at: input.assessedAt,
      probability: input.probability,
      consequence: input.consequence,
      value,
      level,
      assessed_by: actorId(actor),
      comment: input.comment,
      created_at: w.now,
    })
    .execute();
  await w.record({
    kind: 'risk.assessed',
    entity: 'risk',
    entityId: riskId,
    unitId: scope,
    before: null,
    after: { id, riskId, ...input, value, level },
  });
}
