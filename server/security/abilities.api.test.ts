import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayTake, type SubmissionAction, type SubmissionStatus } from '../../domain/followup/submissions';
import { type Agent, createDemoContext, type TestContext } from '../../test/support/context';

// The `can` a record carries is the server's answer to "may I?", computed with the rules the
// writes check: a write the answer allows goes through, one it refuses gets 403. Checked on the
// demo region, for every demo role, on the records each one is shown.

const ROLES = ['admin', 'controller', 'chef.kirurgi', 'chef.medicin', 'chef.ortokir', 'politiker', 'revisor'];
// The heavier comparisons: the region's controller, a division and an area manager, a politician.
const WRITERS = ['controller', 'chef.kirurgi', 'chef.ortokir', 'politiker'];
const PERIOD = '2025-05';
const SLOW = { timeout: 300_000 };

describe('abilities from the server', () => {
  let ctx: TestContext & { demo: Awaited<ReturnType<typeof createDemoContext>>['demo'] };
  // Signing in hashes a password: once per role for the whole file.
  const agents = new Map<string, Agent>();
  const as = async (username: string) => {
    const known = agents.get(username);
    if (known) return known;
    const agent = ctx.agent();
    await agent.login(username, 'demo');
    agents.set(username, agent);
    return agent;
  };

  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('gives every demo role the latest month with figures', SLOW, async () => {
    for (const username of ROLES) {
      const res = await (await as(username)).json('GET', '/api/periods/latest');
      expect(res.status, username).toBe(200);
      expect(res.body.period, username).toMatch(/^\d{4}-\d{2}$/);
    }
  });

  it('opens every measure an action plan lists to the role it is listed for', SLOW, async () => {
    for (const username of ROLES) {
      const agent = await as(username);
      const plans = (await agent.json('GET', '/api/action-plans')).body.plans;
      for (const plan of plans) {
        const tree = await agent.json('GET', `/api/action-plans/${plan.id}/measures?period=${PERIOD}`);
        expect(tree.status, username).toBe(200);
        const all = tree.body.measures as { id: string; title: string; can: Record<string, boolean> }[];
        for (const m of all) expect(m.can.read, `${username}: ${m.title}`).toBe(true);
        // The measures above the role's own (not theirs to edit) are the ones that were refused.
        const sample = [...all.filter((m) => !m.can.edit).slice(0, 4), ...all.filter((m) => m.can.edit).slice(0, 1)];
        for (const m of sample) {
          const res = await agent.json('GET', `/api/measures/${m.id}?period=${PERIOD}`);
          expect(res.status, `${username} opens ${m.title}`).toBe(200);
          expect(res.body.can).toEqual(m.can);
        }
      }
    }
  });

  it('links every goal a role reads only to goals it may open', SLOW, async () => {
    let hidden = 0;
    for (const username of ['chef.kirurgi', 'chef.ortokir', 'politiker']) {
      const agent = await as(username);
      const all = (await agent.json('GET', '/api/goals')).body.goals as { id: string; childGoalIds: string[] }[];
      expect(all.length, username).toBeGreaterThan(0);
      for (const listed of all) {
        const { status, body } = await agent.json('GET', `/api/goals/${listed.id}`);
        expect(status, `${username} ${listed.id}`).toBe(200);
        for (const link of [...body.parentGoalIds, ...body.childGoalIds])
          expect((await agent.json('GET', `/api/goals/${link}`)).status, `${username}: ${listed.id} → ${link}`).toBe(
            200,
          );
      }
      // Not vacuous: the region's controller sees sub-goals the division manager is not shown.
      const controller = await as('controller');
      for (const listed of all) {
        const full = (await controller.json('GET', `/api/goals/${listed.id}`)).body.childGoalIds as string[];
        hidden += full.length - listed.childGoalIds.length;
      }
    }
    expect(hidden).toBeGreaterThan(0);
  });

  it("answers a plan's and a goal's edit as the write then does", SLOW, async () => {
    let allowed = 0;
    let refused = 0;
    for (const username of WRITERS) {
      const agent = await as(username);
      for (const plan of (await agent.json('GET', '/api/plans')).body.plans.slice(0, 8)) {
        const res = await agent.json('PATCH', `/api/plans/${plan.id}`, { version: plan.version });
        // A decided plan's content is not changed in place (409/422), but the permission came first.
        if (plan.can.edit) expect(res.status, `${username} edits plan ${plan.title}`).not.toBe(403);
        else expect(res.status, `${username} edits plan ${plan.title}`).toBe(403);
        plan.can.edit ? allowed++ : refused++;
      }
      for (const goal of (await agent.json('GET', '/api/goals')).body.goals.slice(0, 10)) {
        const res = await agent.json('PATCH', `/api/goals/${goal.id}`, { version: goal.version });
        if (goal.can.edit) expect(res.status, `${username} edits goal ${goal.title}`).toBe(200);
        else expect(res.status, `${username} edits goal ${goal.title}`).toBe(403);
        goal.can.edit ? allowed++ : refused++;
      }
    }
    // Both answers occur, so the comparison could fail either way.
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("answers a measure's report and a board report's edit as the write then does", SLOW, async () => {
    const seen = new Set<string>();
    for (const username of WRITERS) {
      const agent = await as(username);
      for (const plan of (await agent.json('GET', '/api/action-plans')).body.plans) {
        const measures = (await agent.json('GET', `/api/action-plans/${plan.id}/measures?period=${PERIOD}`)).body
          .measures;
        for (const m of measures.filter((x: any) => x.leaf).slice(0, 6)) {
          const res = await agent.json('POST', `/api/measures/${m.id}/reports`, {
            version: m.version,
            period: PERIOD,
            forecastKr: '0',
          });
          expect(res.status === 403, `${username} reports ${m.title}: ${res.status}`).toBe(!m.can.report);
          seen.add(`measure:${m.can.report}`);
        }
      }
      for (const item of (await agent.json('GET', '/api/reports')).body.reports.slice(0, 6)) {
        const report = await agent.json('GET', `/api/reports/${item.id}`);
        if (report.status !== 200) continue;
        const r = report.body;
        const res = await agent.json('PUT', `/api/reports/${r.id}`, {
          version: r.version,
          title: r.title,
          sbar: r.sbar,
          proposedDecision: r.proposedDecision,
        });
        if (r.can.edit) expect(res.status, `${username} edits ${r.title}`).toBe(200);
        else expect(res.status, `${username} edits ${r.title}`).not.toBe(200);
        seen.add(`report:${r.can.edit}`);
      }
    }
    expect([...seen].sort()).toEqual(['measure:false', 'measure:true', 'report:false', 'report:true']);
  });

  it('lets a manager analyse only the scorecards of their own part', async () => {
    const chef = await as('chef.kirurgi');
    const me = (await chef.json('GET', '/api/me')).body;
    const own = me.roles.find((r: any) => r.role === 'manager')?.unitId as string;
    const card = await chef.json('GET', `/api/scorecard?unit=${own}&period=${PERIOD}`);
    expect(card.status).toBe(200);
    expect(card.body.can.analyse).toBe(true);
    const units = (await chef.json('GET', '/api/org-units')).body.units as { id: string; parentId: string | null }[];
    const parent = units.find((u) => u.id === own)?.parentId as string;
    const above = await chef.json('GET', `/api/scorecard?unit=${parent}&period=${PERIOD}`);
    // The unit above is read only by who holds a role there: a manager is refused it outright.
    expect([403, 200]).toContain(above.status);
    if (above.status === 200) expect(above.body.can.analyse).toBe(false);
  });
  it("answers a follow-up report's edit and decide as the write then does", SLOW, async () => {
    const seen = new Set<string>();
    const SEPTEMBER = '2025-09';
    type Row = {
      unitId: string;
      name: string;
      status: SubmissionStatus;
      version: number;
      can: Record<string, boolean>;
    };
    const rowsOf = async (agent: Agent) =>
      (await agent.json('GET', `/api/followup/status?period=${SEPTEMBER}`)).body.units as Row[];
    const path = (r: Row, action: string) =>
      `/api/followup/submissions/${r.unitId}/${SEPTEMBER}${action ? `/${action}` : ''}`;
    // Refusals first, for every role: they change nothing, so each role sees the demo's months.
    for (const username of WRITERS) {
      const agent = await as(username);
      const rows = await rowsOf(agent);
      // Where the status would allow the step, the refusal is the permission's (403); elsewhere
      // the state machine's (409).
      const refusal = (action: SubmissionAction, r: Row) => (mayTake(action, r.status) ? [403] : [403, 409]);
      const open = (action: SubmissionAction) => (x: Row) => mayTake(action, x.status);
      const refused = (action: SubmissionAction, key: 'edit' | 'decide') => {
        const all = rows.filter((x) => !x.can[key]);
        return [...all.filter(open(action)).slice(0, 3), ...all.filter((x) => !open(action)(x)).slice(0, 1)];
      };
      for (const r of refused('save', 'edit')) {
        const res = await agent.json('PUT', path(r, ''), { version: r.version, analysis: 'Prövar.' });
        expect(refusal('save', r), `${username} saves ${r.name} (${r.status}): ${res.status}`).toContain(res.status);
        seen.add(`edit:false:${res.status}`);
      }
      for (const r of refused('return', 'decide')) {
        const res = await agent.json('POST', path(r, 'return'), { version: r.version, comment: 'Prövar.' });
        expect(refusal('return', r), `${username} returns ${r.name} (${r.status}): ${res.status}`).toContain(
          res.status,
        );
        seen.add(`decide:false:${res.status}`);
      }
    }
    for (const username of WRITERS) {
      const agent = await as(username);
      const editable = (await rowsOf(agent)).find((x) => x.can.edit);
      if (editable) {
        const res = await agent.json('PUT', path(editable, ''), {
          version: editable.version,
          analysis: 'Prövar.',
        });
        expect(res.status, `${username} saves ${editable.name}`).toBe(200);
        expect(res.body.can.edit).toBe(true);
        seen.add('edit:true');
      }
      const decidable = (await rowsOf(agent)).find((x) => x.can.decide);
      if (decidable) {
        const res = await agent.json('POST', path(decidable, 'return'), {
          version: decidable.version,
          comment: 'Komplettera analysen.',
        });
        expect(res.status, `${username} returns ${decidable.name}`).toBe(200);
        // Returned, it is the unit's to hand in again, no longer the level above's to decide.
        expect(res.body.can.decide).toBe(false);
        seen.add('decide:true');
      }
    }
    // Refused for the permission (403) as well as for the status (409), and allowed: not vacuous.
    expect([...seen].sort()).toEqual([
      'decide:false:403',
      'decide:false:409',
      'decide:true',
      'edit:false:403',
      'edit:false:409',
      'edit:true',
    ]);
  });

  it("answers an action plan's allocations as the write then does", SLOW, async () => {
    const seen = new Set<string>();
    for (const username of WRITERS) {
      const agent = await as(username);
      for (const plan of (await agent.json('GET', '/api/action-plans')).body.plans) {
        const year = plan.startYear as number;
        const summary = await agent.json('GET', `/api/action-plans/${plan.id}/summary?period=${year}-05`);
        expect(summary.status, username).toBe(200);
        const rows = summary.body.allocations as {
          unitId: string;
          name: string;
          requirement: string | null;
          can: Record<string, boolean>;
        }[];
        const sample = [
          ...rows.filter((r) => r.can.allocate).slice(0, 2),
          ...rows.filter((r) => !r.can.allocate).slice(0, 3),
        ];
        for (const r of sample) {
          // The same requirement again: the permission is what is compared, not the figure.
          const res = await agent.json('PUT', `/api/action-plans/${plan.id}/allocations`, {
            unitId: r.unitId,
            year,
            amountKr: r.requirement ?? '0',
          });
          expect(res.status, `${username} allocates to ${r.name}: ${res.status}`).toBe(r.can.allocate ? 200 : 403);
          seen.add(`allocate:${r.can.allocate}`);
        }
      }
    }
    expect([...seen].sort()).toEqual(['allocate:false', 'allocate:true']);
  });

  it("answers /api/me's can and a unit's can as the server then does", SLOW, async () => {
    const seen = new Set<string>();
    const occasion = (await (await as('admin')).json('GET', '/api/cycle?year=2025')).body.occasions[0];
    for (const username of ROLES) {
      const agent = await as(username);
      const me = (await agent.json('GET', '/api/me')).body;
      const users = await agent.json('GET', '/api/users');
      expect(users.status === 200, `${username} opens the administration`).toBe(me.can.administer);
      const cycle = await agent.json('PUT', `/api/cycle/occasions/${occasion.id}`, {
        version: occasion.version,
        title: occasion.title,
        deadlines: occasion.deadlines,
      });
      expect(cycle.status, `${username} edits the cycle`).toBe(me.can.editCycle ? 200 : 403);
      if (cycle.status === 200) occasion.version = cycle.body.version;
      seen.add(`administer:${me.can.administer}`);
      seen.add(`editCycle:${me.can.editCycle}`);
      const units = (await agent.json('GET', '/api/org-units')).body.units as { id: string; can: { edit: boolean } }[];
      let historyShown = 0;
      for (const u of units.slice(0, 6)) {
        const detail = (await agent.json('GET', `/api/org-units/${u.id}`)).body;
        const res = await agent.json('PATCH', `/api/org-units/${u.id}`, { version: detail.unit.version });
        expect(res.status === 403, `${username} edits unit ${detail.unit.name}: ${res.status}`).toBe(!detail.can.edit);
        // The tree's list offers the same units for change (the administration's choices).
        expect(u.can.edit, detail.unit.name).toBe(detail.can.edit);
        const history = await agent.json('GET', `/api/history?entity=org_unit&id=${u.id}`);
        expect(history.status, `${username} reads the history of ${detail.unit.name}`).toBe(
          detail.can.history ? 200 : 403,
        );
        if (detail.can.history) historyShown++;
        seen.add(`unit.edit:${detail.can.edit}`);
        seen.add(`unit.history:${detail.can.history}`);
      }
      // Some unit's history is readable exactly when /api/me says history is read somewhere.
      if (historyShown > 0) expect(me.can.readHistory, username).toBe(true);
    }
    expect(seen.size).toBe(8);
  });

  it("answers the tree's and the bodies' can for records not yet made as the writes then do", SLOW, async () => {
    const seen = new Set<string>();
    const unitIds = ['region', 'kirurgi', 'ortokir', 'medicin', 'kt'].map((k) => ctx.demo.units.get(k) as string);
    const bodyIds = ['rf', 'rs', 'hsn', 'ktn'].map((k) => ctx.demo.bodies.get(k) as string);
    const indicatorId = ctx.demo.steering.indicators.get('hyrkostnad') as string;
    const expectWrite = (what: string, allowed: boolean, res: { status: number; body: unknown }) => {
      expect(res.status, `${what}: ${allowed ? 'allowed' : 'refused'} ${JSON.stringify(res.body)}`).toBe(
        allowed ? 201 : 403,
      );
      seen.add(`${what.split(' ').at(-1)}:${allowed}`);
    };
    for (const username of ROLES) {
      const agent = await as(username);
      const me = (await agent.json('GET', '/api/me')).body;
      const tag = `(${username})`;
      // Reading the root's figures is reading the whole organisation's.
      const root = await agent.json('GET', `/api/scorecard?unit=${unitIds[0]}&period=${PERIOD}`);
      expect(root.status, `${username} reads the region`).toBe(me.can.readAll ? 200 : 403);
      const indicator = await agent.json('POST', '/api/indicators', {
        name: `Prövar indikatorn ${tag}`,
        measureUnit: 'st',
        direction: 'higher',
        frequency: 'month',
        aggregation: 'sum',
      });
      expectWrite(`${username} defineIndicators`, me.can.defineIndicators, indicator);
      seen.add(`readAll:${me.can.readAll}`);

      type UnitCan = Record<'read' | 'enterValues' | 'addPlan' | 'addDecision' | 'addReport', boolean>;
      const units = (await agent.json('GET', '/api/org-units')).body.units as { id: string; can: UnitCan }[];
      for (const id of unitIds) {
        const can = units.find((u) => u.id === id)?.can as UnitCan;
        const who = `${username} in ${id}`;
        const scorecard = await agent.json('GET', `/api/scorecard?unit=${id}&period=${PERIOD}`);
        expect(scorecard.status, `${who}: read`).toBe(can.read ? 200 : 403);
        seen.add(`read:${can.read}`);
        const plan = await agent.json('POST', '/api/plans', {
          kind: 'verksamhetsplan',
          title: `Prövar planen ${tag}`,
          startYear: 2027,
          endYear: 2027,
          ownerUnitId: id,
        });
        expectWrite(`${who} addPlan`, can.addPlan, plan);
        const decision = await agent.json('POST', '/api/decisions', {
          kind: 'beslut',
          officialName: 'Prövande tjänsteperson',
          unitId: id,
          decidedOn: '2025-05-20',
          title: `Prövar beslutet ${tag}`,
        });
        expectWrite(`${who} addDecision`, can.addDecision, decision);
        const report = await agent.json('POST', '/api/reports', {
          kind: 'month',
          title: `Prövar rapporten ${tag}`,
          unitId: id,
          period: PERIOD,
        });
        expectWrite(`${who} addReport`, can.addReport, report);
      }

      // Values are entered where nothing is summed from below: the wards.
      for (const key of ['2111-1', '2211-1']) {
        const id = ctx.demo.units.get(key) as string;
        const can = units.find((u) => u.id === id)?.can as UnitCan;
        const values = await agent.json('PUT', '/api/values', {
          values: [{ indicatorId, unitId: id, period: '2025-02', kind: 'outcome', value: '7' }],
        });
        expect(values.status, `${username} in ${key}: enterValues ${JSON.stringify(values.body)}`).toBe(
          can.enterValues ? 200 : 403,
        );
        seen.add(`enterValues:${can.enterValues}`);
      }

      type BodyCan = Record<'addPlan' | 'addDecision' | 'addMeeting' | 'addAssignment', boolean>;
      const bodies = (await agent.json('GET', '/api/bodies')).body.bodies as { id: string; can: BodyCan }[];
      for (const id of bodyIds) {
        const can = bodies.find((b) => b.id === id)?.can as BodyCan;
        const who = `${username} for body ${id}`;
        const plan = await agent.json('POST', '/api/plans', {
          kind: 'verksamhetsplan',
          title: `Prövar organets plan ${tag}`,
          startYear: 2027,
          endYear: 2027,
          ownerBodyId: id,
        });
        expectWrite(`${who} addPlan`, can.addPlan, plan);
        const decision = await agent.json('POST', '/api/decisions', {
          kind: 'beslut',
          bodyId: id,
          decidedOn: '2025-05-20',
          paragraph: '99',
          title: `Prövar organets beslut ${tag}`,
        });
        expectWrite(`${who} addDecision`, can.addDecision, decision);
        const meeting = await agent.json('POST', '/api/meetings', {
          bodyId: id,
          meetsOn: '2025-06-20',
          title: `Prövar sammanträdet ${tag}`,
        });
        expectWrite(`${who} addMeeting`, can.addMeeting, meeting);
        const assignment = await agent.json('POST', '/api/assignments', {
          title: `Prövar uppdraget ${tag}`,
          bodyId: id,
          assigneeName: 'Prövande tjänsteperson',
          dueOn: '2025-12-31',
        });
        expectWrite(`${who} addAssignment`, can.addAssignment, assignment);
      }
    }
    // Every answer was seen both ways across the roles.
    expect([...seen].sort()).toEqual(
      [
        'addAssignment',
        'addDecision',
        'addMeeting',
        'addPlan',
        'addReport',
        'defineIndicators',
        'enterValues',
        'read',
        'readAll',
      ]
        .flatMap((k) => [`${k}:false`, `${k}:true`])
        .sort(),
    );
  });

  it("answers a corrective action's edit as its follow-up then does", SLOW, async () => {
    const seen = new Set<string>();
    // A measure the division manager may take corrective actions on: their own, which the
    // region's roles read as well.
    const chef = await as('chef.kirurgi');
    let measureId: string | undefined;
    for (const plan of (await chef.json('GET', '/api/action-plans')).body.plans) {
      const measures = (await chef.json('GET', `/api/action-plans/${plan.id}/measures?period=${PERIOD}`)).body
        .measures as { id: string; can: Record<string, boolean> }[];
      measureId = measures.find((m) => m.can.correct)?.id;
      if (measureId) break;
    }
    if (!measureId) throw new Error('the demo has no measure of its own for chef.kirurgi');
    // One open and one done (closed) action beside whatever the demo holds.
    for (const status of ['proposed', 'done']) {
      const res = await (await as('controller')).json('POST', `/api/measures/${measureId}/corrective-actions`, {
        what: `Prövar en åtgärd (${status})`,
        responsibleName: 'Testperson',
        dueOn: '2025-12-31',
        status,
      });
      expect(res.status).toBe(201);
    }
    for (const username of ROLES) {
      const agent = await as(username);
      const measure = await agent.json('GET', `/api/measures/${measureId}?period=${PERIOD}`);
      // A role the measure is not shown to has no action to compare.
      if (measure.status !== 200) continue;
      for (const a of measure.body.correctiveActions as { id: string; version: number; what: string; can: any }[]) {
        const res = await agent.json('PATCH', `/api/corrective-actions/${a.id}`, {
          version: a.version,
          status: 'ongoing',
        });
        // Refused for the permission (403), or, to who has it, because a done action is closed (422).
        if (a.can.edit) expect(res.status, `${username} follows up ${a.what}`).toBe(200);
        else expect([403, 422], `${username} follows up ${a.what}: ${res.status}`).toContain(res.status);
        if (res.status === 200) expect(res.body.can.edit).toBe(true);
        seen.add(`edit:${a.can.edit}:${res.status}`);
      }
    }
    // The deviations page offers the same follow-up, answered with the same rule.
    for (const username of WRITERS) {
      const agent = await as(username);
      const list = await agent.json('GET', `/api/followup/deviations?period=${PERIOD}`);
      if (list.status !== 200) continue;
      for (const d of list.body.deviations as { correctiveAction: any }[]) {
        const a = d.correctiveAction;
        if (!a) continue;
        const res = await agent.json('PATCH', `/api/corrective-actions/${a.id}`, {
          version: a.version,
          status: a.status,
        });
        if (a.can.edit) expect(res.status, `${username} follows up ${a.what}`).toBe(200);
        else expect([403, 422], `${username} follows up ${a.what}: ${res.status}`).toContain(res.status);
      }
    }
    expect([...seen].sort()).toEqual(['edit:false:403', 'edit:false:422', 'edit:true:200']);
  });

  it("answers a risk register's create as adding a risk then does", SLOW, async () => {
    const seen = new Set<string>();
    const unit = (key: string) => ({ unitId: ctx.demo.units.get(key) as string });
    const body = (key: string) => ({ bodyId: ctx.demo.bodies.get(key) as string });
    // Units inside and beside the managers' parts, a nämnd's and the styrelse's registers, and
    // fullmäktige, which keeps none (no one may add to it, and the write says why).
    const registers = [unit('ortokir'), unit('medicin'), unit('region'), body('hsn'), body('rs'), body('rf')];
    for (const username of ROLES) {
      const agent = await as(username);
      for (const register of registers) {
        const query = new URLSearchParams(register).toString();
        const list = await agent.json('GET', `/api/risks?${query}`);
        if (list.status === 403) continue;
        expect(list.status, `${username} reads ${query}`).toBe(200);
        const created = await agent.json('POST', '/api/risks', {
          ...register,
          title: `Prövar registret (${username})`,
        });
        const refusal = 'bodyId' in register && register.bodyId === ctx.demo.bodies.get('rf') ? 422 : 403;
        expect(created.status, `${username} adds a risk to ${query}`).toBe(list.body.can.create ? 201 : refusal);
        seen.add(`create:${list.body.can.create}`);
      }
    }
    expect(seen.size).toBe(2);
  });

  it("answers the cycle's and each occasion's can as the cycle then does", SLOW, async () => {
    const seen = new Set<string>();
    const year = 2026;
    for (const username of ROLES) {
      const agent = await as(username);
      const cycle = (await agent.json('GET', `/api/cycle?year=${year}`)).body;
      const created = await agent.json('POST', '/api/cycle/occasions', {
        year,
        kind: 'budget',
        period: null,
        title: `Prövar årshjulet (${username})`,
        deadlines: [{ level: 'region', dueOn: `${year}-10-01` }],
      });
      expect(created.status, `${username} adds an occasion`).toBe(cycle.can.create ? 201 : 403);
      seen.add(`create:${cycle.can.create}`);
      // Whoever may not add one is tried on an occasion of the demo's year, which a refusal leaves as it is.
      const target =
        created.status === 201
          ? created.body
          : (await agent.json('GET', '/api/cycle?year=2025')).body.occasions.find((o: any) => o.kind !== 'budget');
      const edited = await agent.json('PUT', `/api/cycle/occasions/${target.id}`, {
        version: target.version,
        title: target.title,
        deadlines: target.deadlines,
      });
      expect(edited.status, `${username} edits ${target.title}`).toBe(target.can.edit ? 200 : 403);
      if (edited.status === 200) expect(edited.body.can).toEqual({ edit: true, remove: true });
      const version = edited.status === 200 ? edited.body.version : target.version;
      const removed = await agent.json('DELETE', `/api/cycle/occasions/${target.id}?version=${version}`);
      expect(removed.status, `${username} removes ${target.title}`).toBe(target.can.remove ? 204 : 403);
      seen.add(`edit:${target.can.edit}`);
      seen.add(`remove:${target.can.remove}`);
    }
    expect(seen.size).toBe(6);
  });

  it("answers a board report's send and export as the report then does", SLOW, async () => {
    const seen = new Set<string>();
    for (const username of WRITERS) {
      const agent = await as(username);
      let exported = false;
      for (const item of (await agent.json('GET', '/api/reports')).body.reports.slice(0, 8)) {
        const report = await agent.json('GET', `/api/reports/${item.id}`);
        if (report.status !== 200) continue;
        const r = report.body;
        // A meeting that does not exist: allowed to send, the report is refused for its fields
        // (422) and stays a draft; not allowed, the permission (403) or the frozen report (409) refuses.
        const res = await agent.json('POST', `/api/reports/${r.id}/send`, {
          version: r.version,
          meetingId: 'no-such-meeting',
          paragraph: '999',
        });
        if (r.can.send) expect(res.status, `${username} sends ${r.title}`).toBe(422);
        else expect([403, 409], `${username} sends ${r.title}: ${res.status}`).toContain(res.status);
        seen.add(`send:${r.can.send}`);
        if (r.status === 'sent') expect(r.can.send, r.title).toBe(false);
        // One export per role: rendering is the slow part.
        if (!exported) {
          const job = await agent.json('POST', `/api/reports/${r.id}/exports`, { format: 'xlsx' });
          expect(job.status, `${username} exports ${r.title}`).toBe(r.can.export ? 202 : 403);
          seen.add(`export:${r.can.export}`);
          if (job.status === 202) {
            for (let i = 0; i < 600; i++) {
              const s = await agent.json('GET', `/api/exports/${job.body.jobId}`);
              if (s.body.status !== 'running') break;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
          exported = true;
        }
      }
    }
    // Reading a report is what exporting needs, so every role shown one may export it.
    expect([...seen].sort()).toEqual(['export:true', 'send:false', 'send:true']);
  });

  it("answers an account's and a role's can as the administration then does", SLOW, async () => {
    const admin = await as('admin');
    const list = (await admin.json('GET', '/api/users')).body;
    expect(list.can.create).toBe(true);
    const self = list.users.find((u: any) => u.username === 'admin');
    // One's own roles are another administrator's to change.
    expect(self.can.grantRoles).toBe(false);
    for (const r of self.roles) {
      expect(r.can.revoke).toBe(false);
      expect((await admin.json('DELETE', `/api/role-assignments/${r.id}`)).status).toBe(403);
    }
    const other = list.users.find((u: any) => u.username === 'revisor');
    expect(other.can).toEqual({ edit: true, grantRoles: true });
    const edited = await admin.json('PATCH', `/api/users/${other.id}`, { version: other.version });
    expect(edited.status).toBe(200);
    expect(edited.body.can.edit).toBe(true);
    const role = other.roles[0];
    expect(role.can.revoke).toBe(true);
    expect((await admin.json('DELETE', `/api/role-assignments/${role.id}`)).status).toBe(204);
  });
});
