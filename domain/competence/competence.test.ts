import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DelegationLevel } from '../economy/delegation';
import { BODY_KINDS, UNIT_LEVELS } from '../org';
import { type CompetenceRules, competentFor, type DecisionMaker, lacksBodyDecision, type Matter } from './competent';
import {
  type CompetenceRule,
  DECIDER_CLASSES,
  DEFAULT_RULES,
  deciderRank,
  MATTERS,
  type MatterKind,
  ruleAt,
} from './rules';

const DELEGATION: DelegationLevel[] = [
  ['Enhetschef', 'enhet', null, 500_000n],
  ['Verksamhetschef', 'verksamhet', null, 2_000_000n],
  ['Områdeschef', 'omrade', null, 5_000_000n],
  ['Divisionschef', 'division', null, 10_000_000n],
  ['Förvaltningschef', 'forvaltning', null, 25_000_000n],
  ['Regiondirektör', 'region', null, 50_000_000n],
  ['Nämnd', null, 'namnd', 100_000_000n],
  ['Regionstyrelsen', null, 'styrelse', 200_000_000n],
  ['Regionfullmäktige', null, 'fullmaktige', null],
].map(([name, unitLevel, bodyKind, max], i) => ({
  id: `l${i}`,
  rank: i + 1,
  name: name as string,
  unitLevel: unitLevel as DelegationLevel['unitLevel'],
  bodyKind: bodyKind as DelegationLevel['bodyKind'],
  maxAmountKr: max as bigint | null,
}));
const RULES: CompetenceRules = { rules: DEFAULT_RULES, delegation: DELEGATION };
const LINEAGE = ['enhet', 'omrade', 'division', 'region'];
const DATE = '2025-06-01';

const matter = (kind: MatterKind, amountKr: bigint | null = null): Matter => ({
  kind,
  unitLineage: LINEAGE,
  ownerBody: null,
  amountKr,
});
const rf: DecisionMaker = {
  kind: 'body',
  id: 'rf',
  name: 'Regionfullmäktige',
  bodyKind: 'fullmaktige',
  governedUnitIds: ['region'],
};
const rs: DecisionMaker = {
  kind: 'body',
  id: 'rs',
  name: 'Regionstyrelsen',
  bodyKind: 'styrelse',
  governedUnitIds: ['region'],
};
const hsn: DecisionMaker = { kind: 'body', id: 'hsn', name: 'HSN', bodyKind: 'namnd', governedUnitIds: ['division'] };
const ktn: DecisionMaker = { kind: 'body', id: 'ktn', name: 'KTN', bodyKind: 'namnd', governedUnitIds: ['trafik'] };
const official = (unitId: string, unitLevel: DelegationLevel['unitLevel']): DecisionMaker => ({
  kind: 'official',
  name: 'Chefen',
  unitId,
  unitLevel,
});

const arbMaker: fc.Arbitrary<DecisionMaker> = fc.oneof(
  fc.record({
    kind: fc.constant('body' as const),
    id: fc.constantFrom('a', 'b'),
    name: fc.constant('Organet'),
    bodyKind: fc.constantFrom(...BODY_KINDS),
    governedUnitIds: fc.subarray([...LINEAGE, 'elsewhere']),
  }),
  fc.record({
    kind: fc.constant('official' as const),
    name: fc.constant('Chefen'),
    unitId: fc.option(fc.constantFrom(...LINEAGE, 'elsewhere'), { nil: null }),
    unitLevel: fc.option(fc.constantFrom(...UNIT_LEVELS), { nil: null }),
  }),
);
const arbMatter: fc.Arbitrary<Matter> = fc.record({
  kind: fc.constantFrom(...MATTERS),
  unitLineage: fc.constantFrom(LINEAGE, [] as string[]),
  ownerBody: fc.option(
    fc.record({ id: fc.constantFrom('a', 'b'), name: fc.constant('Ägaren'), kind: fc.constantFrom(...BODY_KINDS) }),
    { nil: null },
  ),
  amountKr: fc.option(fc.bigInt({ min: 0n, max: 500_000_000n }), { nil: null }),
});
const arbRules: fc.Arbitrary<CompetenceRules> = fc
  .array(
    fc.record({
      matter: fc.constantFrom(...MATTERS),
      lowest: fc.constantFrom(...DECIDER_CLASSES),
      basis: fc.constant('Regel.'),
      validFrom: fc.constantFrom('2020-01-01', '2025-01-01', '2026-01-01'),
    }),
    { maxLength: 12 },
  )
  .map((extra) => ({ rules: [...DEFAULT_RULES, ...extra], delegation: DELEGATION }));

describe('competentFor', () => {
  it('lets only fullmäktige decide a regionplan; an official never, whatever the unit', () => {
    const rp = matter('plan.regionplan');
    expect(competentFor(rp, rf, RULES, DATE).competent).toBe(true);
    const director = competentFor(rp, official('region', 'region'), RULES, DATE);
    expect(director.competent).toBe(false);
    expect(director.required).toBe('Regionfullmäktige');
    expect(director.reason).toMatch(/KL 11 kap/);
    expect(competentFor(rp, rs, RULES, DATE).competent).toBe(false);
  });

  it('keeps a nämnd’s own plan with that nämnd', () => {
    const vp: Matter = { ...matter('plan.verksamhetsplan'), ownerBody: { id: 'hsn', name: 'HSN', kind: 'namnd' } };
    expect(competentFor(vp, hsn, RULES, DATE).competent).toBe(true);
    expect(competentFor(vp, rf, RULES, DATE).competent).toBe(true);
    expect(competentFor(vp, rs, RULES, DATE).competent).toBe(false);
    expect(competentFor(vp, official('division', 'division'), RULES, DATE).competent).toBe(false);
  });

  it('lets the head of a unit (or above) decide a unit’s verksamhetsplan on delegation, not someone elsewhere', () => {
    const vp = matter('plan.verksamhetsplan');
    expect(competentFor(vp, official('division', 'division'), RULES, DATE).competent).toBe(true);
    expect(competentFor(vp, official('elsewhere', 'division'), RULES, DATE).competent).toBe(false);
    expect(competentFor(vp, ktn, RULES, DATE).reason).toMatch(/styr inte/);
  });

  it('decides a measure by the delegation order: an area manager up to 5 mnkr, not 30 mnkr', () => {
    const area = official('omrade', 'omrade');
    expect(competentFor(matter('measure.effektivisering', 5_000_000n), area, RULES, DATE).competent).toBe(true);
    const big = competentFor(matter('measure.effektivisering', 30_000_000n), area, RULES, DATE);
    expect(big.competent).toBe(false);
    expect(big.required).toMatch(/^Regiondirektör eller högre/);
    expect(competentFor(matter('measure.effektivisering', 30_000_000n), hsn, RULES, DATE).competent).toBe(true);
  });

  it('needs the nämnd for ransonering at any amount', () => {
    const r = competentFor(matter('measure.ransonering', 1n), official('region', 'region'), RULES, DATE);
    expect(r.competent).toBe(false);
    expect(r.reason).toMatch(/KL 6 kap. 38/);
    expect(competentFor(matter('measure.ransonering', 1n), hsn, RULES, DATE).competent).toBe(true);
  });

  it('judges a decision by the rule in force on its date', () => {
    const rules: CompetenceRules = {
      ...RULES,
      rules: [
        ...DEFAULT_RULES,
        { matter: 'plan.utvecklingsplan', lowest: 'namnd', basis: 'Ny regel.', validFrom: '2025-07-01' },
      ],
    };
    const m = matter('plan.utvecklingsplan');
    expect(competentFor(m, official('division', 'division'), rules, '2025-06-30').competent).toBe(true);
    expect(competentFor(m, official('division', 'division'), rules, '2025-07-01').competent).toBe(false);
    expect(ruleAt(rules.rules, 'plan.utvecklingsplan', '2025-07-01').basis).toBe('Ny regel.');
  });

  it('never lets an official decide a matter whose rule asks for a body, at any amount (property)', () => {
    fc.assert(
      fc.property(
        arbMatter,
        arbMaker,
        arbRules,
        fc.constantFrom('2019-01-01', '2025-06-01', '2027-01-01'),
        (m, mk, rules, date) => {
          if (mk.kind !== 'official' || ruleAt(rules.rules, m.kind, date).lowest === 'official') return;
          expect(competentFor(m, mk, rules, date).competent).toBe(false);
        },
      ),
    );
  });

  it('never makes a maker competent by raising the amount (property)', () => {
    fc.assert(
      fc.property(
        arbMatter,
        arbMaker,
        arbRules,
        fc.bigInt({ min: 0n, max: 300_000_000n }),
        fc.bigInt({ min: 0n, max: 300_000_000n }),
        (m, mk, rules, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const atHigh = competentFor({ ...m, amountKr: high }, mk, rules, DATE).competent;
          const atLow = competentFor({ ...m, amountKr: low }, mk, rules, DATE).competent;
          if (atHigh) expect(atLow).toBe(true);
        },
      ),
    );
  });

  it('never lets anyone below a nämnd decide ransonering under the default rules (property)', () => {
    fc.assert(
      fc.property(arbMatter, arbMaker, fc.bigInt({ min: 0n, max: 10n ** 12n }), (m, mk, amount) => {
        const res = competentFor({ ...m, kind: 'measure.ransonering', amountKr: amount }, mk, RULES, DATE);
        const below = mk.kind === 'official' || !['namnd', 'styrelse', 'fullmaktige'].includes(mk.bodyKind);
        if (below) expect(res.competent).toBe(false);
      }),
    );
  });

  it('always names who must decide and why, in Swedish (property)', () => {
    fc.assert(
      fc.property(arbMatter, arbMaker, arbRules, (m, mk, rules) => {
        const res = competentFor(m, mk, rules, DATE);
        expect(res.required.length).toBeGreaterThan(0);
        expect(res.reason).toMatch(res.competent ? /får besluta/ : /får inte besluta/);
      }),
    );
  });

  it('flags ransonering until a nämnd or higher decided it, at any amount', () => {
    expect(lacksBodyDecision('measure.ransonering', [])).toBe(true);
    expect(lacksBodyDecision('measure.ransonering', [{ bodyKind: null }])).toBe(true);
    expect(lacksBodyDecision('measure.ransonering', [{ bodyKind: 'utskott' }])).toBe(true);
    expect(lacksBodyDecision('measure.ransonering', [{ bodyKind: 'namnd' }])).toBe(false);
    expect(lacksBodyDecision('measure.effektivisering', [])).toBe(false);
  });

  it('orders the kinds of decision maker by seniority', () => {
    expect(DECIDER_CLASSES.map(deciderRank)).toEqual([0, 1, 2, 3]);
    expect(new Set(DEFAULT_RULES.map((r: CompetenceRule) => r.matter)).size).toBe(MATTERS.length);
  });
});
