import type { CompetenceRule, DeciderClass, MatterKind } from '../../domain/competence/rules';
import type { Executor } from '../core/context';

/**
 * The competence rules of one matter, every version: for a capability that checks a matter
 * against the rules (a body may delegate only what the rules let an official decide). Kept
 * apart from judge.ts, which reads the delegation orders and so imports bodies/.
 */
export async function competenceRulesOf(db: Executor, matter: MatterKind): Promise<CompetenceRule[]> {
  const rows = await db
    .withTables<{ competence_rules: { matter: string; valid_from: string; lowest: string; basis: string } }>()
    .selectFrom('competence_rules')
    .select(['matter', 'valid_from', 'lowest', 'basis'])
    .where('matter', '=', matter)
    .orderBy('valid_from')
    .execute();
  return rows.map((r) => ({
    matter: r.matter as MatterKind,
    lowest: r.lowest as DeciderClass,
    basis: r.basis,
    validFrom: String(r.valid_from),
  }));
}
