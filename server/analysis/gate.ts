import {
  type AnalysisStatus,
  type AnalysisSubject,
  blocksStart,
  lacksImpactAnalysis,
  needsImpactAnalysis,
} from '../../domain/analysis/impact';
import type { MeasureStatus } from '../../domain/economy/measures';
import { DomainError, type FieldError } from '../../domain/errors';
import type { Executor } from '../core/context';
import { measureSubjects, measuresNeedingAnalysis } from '../economy/measures';

/** A measure's standing under the analysis rule (issue 14), as the measure's answer carries it. */
export interface MeasureAnalysis {
  changesService: boolean;
  /** The measure's risk- och konsekvensanalys, if one is written. */
  analysis: { id: string; status: AnalysisStatus } | null;
  needed: boolean;
  lacking: boolean;
}

type Subject = AnalysisSubject & { id: string; title: string; status: MeasureStatus };

/** The analysis of each measure given (id and status), by measure. */
export async function analysisByMeasure(db: Executor, measureIds: readonly string[]) {
  if (measureIds.length === 0) return new Map<string, { id: string; status: AnalysisStatus }>();
  const rows = await db
    .selectFrom('impact_analyses')
    .select(['id', 'measure_id', 'status'])
    .where('measure_id', 'in', [...new Set(measureIds)])
    .execute();
  return new Map(rows.map((r) => [r.measure_id as string, { id: r.id, status: r.status as AnalysisStatus }]));
}

/** Each measure's standing under the rule, by measure id. */
export async function analysesOfMeasures(db: Executor, ids: readonly string[]): Promise<Map<string, MeasureAnalysis>> {
  const [subjects, analyses] = await Promise.all([measureSubjects(db, ids), analysisByMeasure(db, ids)]);
  return new Map(
    subjects.map((m) => {
      const analysis = analyses.get(m.id) ?? null;
      return [
        m.id,
        {
          changesService: m.changesService,
          analysis,
          needed: needsImpactAnalysis(m),
          lacking: lacksImpactAnalysis({ ...m, analysis: analysis?.status ?? null }),
        },
      ];
    }),
  );
}

/** Why a measure needs an analysis, in words for a message. */
export const reasonOf = (m: AnalysisSubject) =>
  m.category === 'ransonering' ? 'ransonering' : 'en ändring av en tjänsts omfattning eller kvalitet';

const missingText = (status: AnalysisStatus | null) =>
  status === 'draft' ? 'risk- och konsekvensanalysen är inte klar' : 'risk- och konsekvensanalys saknas';

/**
 * Refuses (422) a write that leaves a measure started (ongoing or done) while it needs a
 * risk- och konsekvensanalys and has no done one, naming the measure and what is missing.
 */
export async function assertMayStart(db: Executor, m: Subject, field = 'status') {
  const analysis = (await analysisByMeasure(db, [m.id])).get(m.id)?.status ?? null;
  if (!blocksStart({ ...m, analysis })) return;
  throw new DomainError(
    'unprocessable',
    `Åtgärden ”${m.title}” är ${reasonOf(m)} och kan inte rapporteras som påbörjad innan dess risk- och konsekvensanalys är klar.`,
    { fields: [{ field, message: `${m.title}: ${missingText(analysis)}` }] },
  );
}

/**
 * Refuses (422) sending measures on for decision (the action plan's submission) while any of
 * them needs an analysis and has no done one; each such measure is named.
 */
export async function assertMaySubmit(db: Executor, measureIds: readonly string[]) {
  const subjects = (await measureSubjects(db, measureIds)).filter(needsImpactAnalysis);
  const analyses = await analysisByMeasure(
    db,
    subjects.map((m) => m.id),
  );
  const fields: FieldError[] = subjects
    .filter((m) => lacksImpactAnalysis({ ...m, analysis: analyses.get(m.id)?.status ?? null }))
    .map((m) => ({
      field: `measures.${m.id}`,
      message: `${m.title}: ${missingText(analyses.get(m.id)?.status ?? null)}`,
    }));
  if (fields.length > 0)
    throw new DomainError(
      'unprocessable',
      `${fields.length} åtgärder saknar en klar risk- och konsekvensanalys och kan inte skickas vidare. Inget har lämnats in.`,
      { fields },
    );
}

/** A measure flagged for lacking its analysis: what the action plan, deviations and board reports show. */
export interface LackingAnalysis {
  measureId: string;
  title: string;
  ownerUnitId: string;
  category: AnalysisSubject['category'];
  changesService: boolean;
  status: MeasureStatus;
  /** The draft written so far, if any. */
  analysisId: string | null;
  analysisStatus: AnalysisStatus | null;
}

/** The running measures owned by the given units that need an analysis and lack a done one. */
export async function measuresLackingAnalysis(
  db: Executor,
  ownerUnitIds: readonly string[],
): Promise<LackingAnalysis[]> {
  const needing = await measuresNeedingAnalysis(db, ownerUnitIds);
  const analyses = await analysisByMeasure(
    db,
    needing.map((m) => m.id),
  );
  return needing
    .filter((m) => lacksImpactAnalysis({ ...m, analysis: analyses.get(m.id)?.status ?? null }))
    .map((m) => ({
      measureId: m.id,
      title: m.title,
      ownerUnitId: m.ownerUnitId,
      category: m.category,
      changesService: m.changesService,
      status: m.status,
      analysisId: analyses.get(m.id)?.id ?? null,
      analysisStatus: analyses.get(m.id)?.status ?? null,
    }));
}
