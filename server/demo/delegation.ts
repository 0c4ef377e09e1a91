import type { Delegate } from '../../domain/competence/delegation';
import type { MatterKind } from '../../domain/competence/rules';
import type { MemberRole } from '../../domain/permissions';
import { addDelegations, type DelegationInput } from '../bodies/delegations';
import { addMember } from '../bodies/members';
import { type Services, systemActor } from '../core/context';
import { createDecision } from '../steering/decisions';

/** The officials of every nämnd's and the styrelse's order, with their amount limits (kr). */
const OFFICIALS: [title: string, level: Extract<Delegate, { kind: 'official' }>['unitLevel'], maxKr: bigint][] = [
  ['Enhetschef', 'enhet', 500_000n],
  ['Verksamhetschef', 'verksamhet', 2_000_000n],
  ['Områdeschef', 'omrade', 5_000_000n],
  ['Divisionschef', 'division', 10_000_000n],
  ['Förvaltningschef', 'forvaltning', 25_000_000n],
  ['Regiondirektör', 'region', 50_000_000n],
];

/** Matters decided by amount, and plans a head of unit may decide. Ransonering is never delegated (KL 6:38). */
const AMOUNT_MATTERS: MatterKind[] = [
  'measure.effektivisering',
  'measure.kostnadsskillnader',
  'measure.generell',
  'corrective_action',
];
const PLAN_MATTERS: MatterKind[] = ['plan.verksamhetsplan', 'plan.utvecklingsplan'];

/** Each body's order: adopted by the body at a meeting early in the term. */
const ORDERS: { body: string; decidedOn: string; paragraph: string; diarienummer: string }[] = [
  { body: 'rs', decidedOn: '2023-01-24', paragraph: '4', diarienummer: 'RS/40/2023' },
  { body: 'hsn', decidedOn: '2023-01-26', paragraph: '3', diarienummer: 'HSN/12/2023' },
  { body: 'ktn', decidedOn: '2023-01-31', paragraph: '2', diarienummer: 'KTN/5/2023' },
  { body: 'sn', decidedOn: '2023-02-02', paragraph: '2', diarienummer: 'SN/3/2023' },
];
const VALID_FROM = '2023-02-01';

/**
 * The demo's delegation orders, one per nämnd and the styrelse (the officials by amount, the
 * styrelse also its arbetsutskott), its revisorer as a body, and the politician and the auditor
 * seated in their bodies.
 */
export async function seedDelegation(
  services: Services,
  bodies: ReadonlyMap<string, string>,
  users: ReadonlyMap<string, string>,
): Promise<{ orders: Map<string, string> }> {
  const actor = systemActor('demo');
  const b = (key: string) => bodies.get(key) as string;
  const orders = new Map<string, string>();
  for (const o of ORDERS) {
    const decision = await createDecision(services, actor, {
      kind: 'beslut',
      bodyId: b(o.body),
      officialName: null,
      unitId: null,
      decidedOn: o.decidedOn,
      paragraph: o.paragraph,
      diarienummer: o.diarienummer,
      title: 'Delegationsordning',
      text: 'Organet antar sin delegationsordning. Beslut som fattas med stöd av delegation anmäls till organets nästa sammanträde.',
      links: [],
    });
    orders.set(o.body, decision.id);
    const rows: DelegationInput[] = [];
    const row = (matter: MatterKind, delegate: Delegate, maxAmountKr: bigint | null) =>
      rows.push({
        matter,
        delegateKind: delegate.kind,
        delegateTitle: delegate.title,
        delegateUnitLevel: delegate.kind === 'official' ? delegate.unitLevel : null,
        delegateBodyId: delegate.kind === 'body' ? delegate.bodyId : null,
        maxAmountKr,
        validFrom: VALID_FROM,
        validTo: null,
        decisionId: decision.id,
      });
    for (const matter of AMOUNT_MATTERS)
      for (const [title, unitLevel, max] of OFFICIALS) row(matter, { kind: 'official', title, unitLevel }, max);
    for (const matter of PLAN_MATTERS)
      for (const [title, unitLevel] of OFFICIALS) row(matter, { kind: 'official', title, unitLevel }, null);
    if (o.body === 'rs')
      for (const matter of AMOUNT_MATTERS)
        row(matter, { kind: 'body', title: 'Regionstyrelsens arbetsutskott', bodyId: b('rsau') }, 100_000_000n);
    await addDelegations(services, actor, b(o.body), rows);
  }
  const seats: [user: string, body: string, role: MemberRole][] = [
    ['politiker', 'rs', 'ledamot'],
    ['revisor', 'rev', 'ordforande'],
  ];
  for (const [user, body, role] of seats)
    await addMember(services, actor, b(body), {
      userId: users.get(user) as string,
      role,
      validFrom: '2023-01-01',
      validTo: null,
    });
  return { orders };
}
