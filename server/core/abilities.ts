import { type SubmissionStatus, submissionActions } from '../../domain/followup/submissions';
import type { OrgIndex } from '../../domain/org';
import { type Action, can, type Principal } from '../../domain/permissions';
import { abilitiesOf } from '../../domain/permissions/abilities';
import { type Actor, actorId } from './context';

/**
 * The `can` of the records in an answer, computed with the same `can()` the writes check, so
 * the web shows a button or a link only where the server will allow what it leads to.
 */
export function abilities(actor: Actor, tree: OrgIndex) {
  const principal = actor.kind === 'system' ? null : actor.principal;
  return <K extends string>(unitId: string | null, actions: Record<K, Action>) =>
    abilitiesOf(principal, tree, unitId, actions);
}

/**
 * What the caller may do with a unit's follow-up report for a month: the permission for the unit
 * (`submission.submit`, `submission.decide`) combined with the state machine, and a report is
 * never decided by the one who handed it in (fyraögonsprincipen).
 */
export function submissionAbilities(
  actor: Actor,
  tree: OrgIndex,
  unitId: string,
  report: { status: SubmissionStatus; submittedBy: string | null },
) {
  const may = abilities(actor, tree)(unitId, { submit: 'submission.submit', decide: 'submission.decide' });
  return submissionActions({
    status: report.status,
    maySubmit: may.submit,
    mayDecide: may.decide && (report.submittedBy === null || report.submittedBy !== actorId(actor)),
  });
}

/**
 * What the signed-in user may do beyond any one record, as `/api/me`'s `can`: open the
 * administration (accounts are read by administrators), edit the year's follow-up cycle (the
 * whole organisation's), read history somewhere, read the whole organisation's data (views
 * across every unit), define indicators (the whole organisation's). Declared permissions, never
 * role names.
 */
export function callerAbilities(principal: Principal, tree: OrgIndex) {
  const whole = { unitId: null };
  const somewhere = (action: Action) =>
    can(principal, action, whole, tree) || principal.roles.some((g) => can(principal, action, g, tree));
  return {
    administer: can(principal, 'user.read', whole, tree),
    editCycle: can(principal, 'cycle.write', whole, tree),
    readHistory: somewhere('history.read'),
    readAll: can(principal, 'data.read', whole, tree),
    defineIndicators: can(principal, 'indicator.define', whole, tree),
  };
}
