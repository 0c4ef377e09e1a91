import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/permissions';
import { createTestContext, type TestContext } from '../../test/support/context';
import { createBody } from '../bodies/service';
import { systemActor } from '../core/context';
import { createUnit } from '../org/service';
import { createUser, grantRole } from '../users/service';

// Every text planted in B's part of the tree carries this token, followed by what it is, so a
// leak names its source. Org units, bodies and people are shared knowledge and carry none.
const TOKEN = 'QQSECRETB';
const marker = (what: string) => `${TOKEN}-${what}`;
const PLANTED = [
  'plan',
  'goal',
  'goal-analysis',
  'region-goal-analysis',
  'value-comment',
  'measure',
  'measure-calc',
  'measure-report',
  'report',
  'report-sbar',
  'rs-report',
  'decision-text',
  'register-decision',
  'submission',
  'activity',
  'activity-report',
  'assignment',
  'risk',
  'impact-analysis',
  'control-point',
] as const;
const MARKER_RE = new RegExp(`${TOKEN}-([a-z-]+)`, 'g');

const A_ROLES: Role[] = ['administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer'];
const PERIOD = '2025-05';
const A_PERIOD = '2025-04';
const A_COMMENT = 'A1-kommentar';

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-scope-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything a response says: its text, and for a document also the text inside it. */
async function readAll(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const buffer = Buffer.from(bytes);
  let text = buffer.toString('utf8');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // xlsx and docx are zip archives of XML: search every part.
    const zip = await JSZip.loadAsync(bytes);
    for (const f of Object.values(zip.files)) if (!f.dir) text += `\n${await f.async('string')}`;
  } else if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') text += `\n${pdfText(bytes)}`;
  return text;
}

const found = (text: string) => new Set([...text.matchAll(MARKER_RE)].map((m) => m[1] as string));

describe('scope follows the record, on every read route', () => {
  let ctx: TestContext;
  const ids = {} as Record<string, string>;
  const users = new Map<string, string>();

  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, 'hemligt-losen');
    return agent;
  };
  const ok = async <T = any>(p: Promise<{ status: number; body: T }>, status = [200, 201]) => {
    const res = await p;
    if (!status.includes(res.status)) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    const { services } = ctx;
    const system = systemActor('test');
    const unit = async (key: string, parentId: string | null, level: 'region' | 'forvaltning' | 'division') => {
      const u = await createUnit(services, system, {
        parentId,
        name: `Enhet ${key}`,
        level,
        code: null,
        managerName: null,
        validFrom: '2020-01-01',
      });
      ids[key] = u.id;
    };
    // root ── A ── A1
    //     └── B
    await unit('root', null, 'region');
    await unit('A', ids.root as string, 'forvaltning');
    await unit('A1', ids.A as string, 'division');
    await unit('B', ids.root as string, 'forvaltning');
    const body = async (key: string, name: string, kind: 'styrelse' | 'namnd', unitKey: string) => {
      const b = await createBody(services, system, {
        name,
        kind,
        parentBodyId: null,
        validFrom: '2020-01-01',
        validTo: null,
        unitIds: [ids[unitKey] as string],
      });
      ids[key] = b.id;
    };
    await body('rs', 'Styrelsen', 'styrelse', 'root');
    await body('bodyA', 'Nämnden för A', 'namnd', 'A');
    await body('bodyB', 'Nämnden för B', 'namnd', 'B');
    const user = async (username: string, role: Role, unitKey: string) => {
      const u = await createUser(services, system, {
        username,
        displayName: username,
        email: null,
        password: 'hemligt-losen',
      });
      users.set(username, u.id);
      await grantRole(services, system, { userId: u.id, role, unitId: ids[unitKey] as string });
    };
    for (const role of A_ROLES) await user(`a.${role}`, role, 'A');
    await user('b.manager', 'manager', 'B');
    await user('root.controller', 'controller', 'root');
    await user('root.auditor', 'auditor', 'root');

    const root = await as('root.controller');
    const bm = await as('b.manager');
    const am = await as('a.manager');

    // Shared definitions of the whole region, written by the region's controller.
    ids.regionPlan = (
      await ok(
        root.json('POST', '/api/plans', {
          kind: 'regionplan',
          title: 'Regionplan',
          startYear: 2025,
          endYear: 2025,
          ownerUnitId: ids.root,
        }),
      )
    ).id;
    ids.regionGoal = (
      await ok(
        root.json('POST', '/api/goals', {
          planId: ids.regionPlan,
          perspective: 'verksamhet',
          ownerUnitId: ids.root,
          title: 'Regionens mål',
        }),
      )
    ).id;
    ids.indicator = (
      await ok(
        root.json('POST', '/api/indicators', {
          name: 'Delad indikator',
          measureUnit: 'st',
          direction: 'higher',
          frequency: 'month',
          aggregation: 'sum',
          goalIds: [ids.regionGoal],
        }),
      )
    ).id;
    ids.actionPlan = (
      await ok(
        root.json('POST', '/api/action-plans', {
          title: 'Handlingsplan för ekonomi i balans',
          startYear: 2025,
          endYear: 2025,
          ownerUnitId: ids.root,
        }),
      )
    ).id;

    // B's own records, written by B's manager.
    ids.planB = (
      await ok(
        bm.json('POST', '/api/plans', {
          kind: 'verksamhetsplan',
          title: marker('plan'),
          startYear: 2025,
          endYear: 2025,
          ownerUnitId: ids.B,
        }),
      )
    ).id;
    ids.goalB = (
      await ok(
        bm.json('POST', '/api/goals', {
          planId: ids.planB,
          perspective: 'ekonomi',
          ownerUnitId: ids.B,
          title: marker('goal'),
          parentGoalIds: [ids.regionGoal],
        }),
      )
    ).id;
    await ok(
      bm.json('PUT', `/api/goals/${ids.goalB}/analyses`, {
        unitId: ids.B,
        period: PERIOD,
        text: marker('goal-analysis'),
        version: null,
      }),
    );
    await ok(
      bm.json('PUT', `/api/goals/${ids.regionGoal}/analyses`, {
        unitId: ids.B,
        period: PERIOD,
        text: marker('region-goal-analysis'),
        version: null,
      }),
    );
    await ok(
      am.json('PUT', `/api/goals/${ids.regionGoal}/analyses`, {
        unitId: ids.A,
        period: PERIOD,
        text: 'A:s analys',
        version: null,
      }),
    );
    await ok(
      bm.json('PUT', '/api/values', {
        values: [
          {
            indicatorId: ids.indicator,
            unitId: ids.B,
            period: PERIOD,
            kind: 'outcome',
            value: 7,
            comment: marker('value-comment'),
          },
        ],
      }),
    );
    await ok(
      am.json('PUT', '/api/values', {
        values: [
          {
            indicatorId: ids.indicator,
            unitId: ids.A1,
            period: A_PERIOD,
            kind: 'outcome',
            value: 3,
            comment: A_COMMENT,
          },
        ],
      }),
    );
    const measure = await ok(
      bm.json('POST', '/api/measures', {
        planId: ids.actionPlan,
        ownerUnitId: ids.B,
        responsibleName: 'Bo Berg',
        title: marker('measure'),
        category: 'effektivisering',
        feasibility: 2,
        startOn: '2025-01-01',
        fullEffectOn: '2025-12-31',
        calculation: [
          { year: 2025, kind: 'saving', description: marker('measure-calc'), amountKr: 100000, realisationPct: 100 },
        ],
      }),
    );
    ids.measure = measure.id;
    const measureNow = await ok(bm.json('GET', `/api/measures/${ids.measure}?period=${PERIOD}`));
    await ok(
      bm.json('POST', `/api/measures/${ids.measure}/reports`, {
        version: measureNow.version,
        period: PERIOD,
        forecastKr: 50000,
        comment: marker('measure-report'),
      }),
    );
    const activity = await ok(
      bm.json('POST', '/api/activities', {
        title: marker('activity'),
        ownerUnitId: ids.B,
        responsibleName: 'Bo Berg',
        startOn: '2025-01-01',
        endOn: '2025-12-31',
        goalIds: [ids.goalB],
      }),
    );
    ids.activity = activity.id;
    await ok(
      bm.json('POST', `/api/activities/${ids.activity}/reports`, {
        version: activity.version ?? 1,
        period: PERIOD,
        status: 'ongoing',
        progress: 40,
        comment: marker('activity-report'),
      }),
    );
    ids.registerDecision = (
      await ok(
        bm.json('POST', '/api/decisions', {
          kind: 'beslut',
          bodyId: ids.bodyB,
          decidedOn: '2025-05-20',
          paragraph: '12',
          title: marker('register-decision'),
          links: [{ entity: 'plan', entityId: ids.planB }],
        }),
      )
    ).id;
    ids.assignment = (
      await ok(
        bm.json('POST', '/api/assignments', {
          title: marker('assignment'),
          bodyId: ids.bodyB,
          decisionId: ids.registerDecision,
          assigneeUnitId: ids.B,
          dueOn: '2025-12-31',
        }),
      )
    ).id;
    await ok(
      bm.json('PUT', `/api/followup/submissions/${ids.B}/${PERIOD}`, { version: 0, analysis: marker('submission') }),
    );

    // A board report of B's, sent to B's body and decided there.
    const report = async (agent: Awaited<ReturnType<typeof as>>, title: string, bodyKey: string, paragraph: string) => {
      const id = (
        await ok(
          agent.json('POST', '/api/reports', { kind: 'month', title, unitId: ids.B, period: PERIOD, planId: null }),
        )
      ).id;
      await ok(
        agent.json('PUT', `/api/reports/${id}`, {
          version: 1,
          title,
          sbar: { situation: marker('report-sbar'), background: '', assessment: '', recommendation: 'Notera' },
          proposedDecision: 'Att notera informationen',
        }),
      );
      const meeting = (
        await ok(
          agent.json('POST', '/api/meetings', { bodyId: ids[bodyKey], meetsOn: '2025-06-20', title: 'Sammanträde' }),
        )
      ).id;
      await ok(agent.json('POST', `/api/reports/${id}/send`, { version: 2, meetingId: meeting, paragraph }));
      return { id, meeting };
    };
    const toB = await report(bm, marker('report'), 'bodyB', '5');
    ids.reportB = toB.id;
    ids.meetingB = toB.meeting;
    // The same unit's report on the region board's agenda: the meeting is A's to read, the report not.
    const toRs = await report(root, marker('rs-report'), 'rs', '7');
    ids.reportRs = toRs.id;
    ids.meetingRs = toRs.meeting;
    ids.meetingA = (
      await ok(am.json('POST', '/api/meetings', { bodyId: ids.bodyA, meetsOn: '2025-06-21', title: 'A:s sammanträde' }))
    ).id;
    const itemB = (await ok(root.json('GET', '/api/meetings'))).meetings
      .find((m: any) => m.id === ids.meetingB)
      .items.find((i: any) => i.reportId === ids.reportB);
    ids.decisionB = (
      await ok(
        root.json('POST', `/api/meetings/${ids.meetingB}/items/${itemB.id}/decision`, {
          outcome: 'beslut',
          text: marker('decision-text'),
        }),
      )
    ).decisionId;
    ids.exportJob = (
      await ok(root.json('POST', `/api/reports/${ids.reportB}/exports`, { format: 'pdf' }), [200, 201, 202])
    ).id;
    // Risk and internal control: B's risk register, the analysis of B's measure, B's nämnd's plan.
    ids.riskB = (
      await ok(bm.json('POST', '/api/risks', { unitId: ids.B, title: marker('risk'), cause: marker('risk') }))
    ).id;
    ids.analysisB = (
      await ok(
        bm.json('POST', '/api/impact-analyses', {
          subjectKind: 'measure',
          measureId: ids.measure,
          title: marker('impact-analysis'),
          analysedOn: '2025-05-02',
          patients: marker('impact-analysis'),
        }),
      )
    ).id;
    ids.controlPlanB = (await ok(root.json('POST', '/api/control/plans', { bodyId: ids.bodyB, year: 2025 }))).id;
    ids.controlPointB = (
      await ok(
        root.json('POST', `/api/control/plans/${ids.controlPlanB}/points`, {
          unitId: ids.B,
          riskId: null,
          what: marker('control-point'),
          frequency: 'tertial',
        }),
      )
    ).id;
  }, 120_000);
  afterAll(async () => ctx?.close());

  /** Candidate values for one parameter of one route; `undefined` leaves an optional one out. */
  async function candidates(path: string, name: string, where: string, required: boolean) {
    const units = [ids.root, ids.A, ids.A1, ids.B];
    const byPath: [RegExp, string[]][] = [
      [/^\/org-units\//, units as string[]],
      [/^\/users\//, [...users.values()]],
      [/^\/decisions\//, [ids.registerDecision, ids.decisionB]],
      [/^\/plans\//, [ids.planB, ids.regionPlan]],
      [/^\/goals\//, [ids.goalB, ids.regionGoal]],
      [/^\/indicators\//, [ids.indicator]],
      [/^\/action-plans\//, [ids.actionPlan]],
      [/^\/measures\//, [ids.measure]],
      [/^\/competence\//, [ids.planB, ids.regionPlan]],
      [/^\/reports\//, [ids.reportB, ids.reportRs]],
      [/^\/exports\//, [ids.exportJob]],
      [/^\/bodies\//, [ids.bodyB, ids.rs]],
      [/^\/meetings\//, [ids.meetingB, ids.meetingRs, ids.meetingA]],
      [/^\/risks\//, [ids.riskB]],
      [/^\/impact-analyses\//, [ids.analysisB]],
      [/^\/control\/plans\//, [ids.controlPlanB]],
      [/^\/control\/points\//, [ids.controlPointB]],
    ] as [RegExp, string[]][];
    let values: (string | undefined)[] | null = null;
    if (where === 'path' && name === 'id') values = byPath.find(([re]) => re.test(path))?.[1] ?? null;
    else if (path === '/history') values = [];
    else
      values =
        {
          unit: units,
          unitId: units,
          period: [PERIOD],
          month: [PERIOD],
          day: ['2025-06-15'],
          from: ['2025-01'],
          to: ['2025-06'],
          year: ['2025'],
          asOf: ['2025-06-15'],
          indicator: [ids.indicator],
          goal: [ids.goalB, ids.regionGoal],
          goalId: [ids.goalB, ids.regionGoal],
          planId: [ids.planB, ids.regionPlan],
          body: [ids.bodyB, ids.rs],
          bodyId: [ids.bodyB, ids.rs],
          q: [TOKEN],
          kind: ['beslut'],
          entity: ['plan'],
          entityId: [ids.planB],
          drift: ['true'],
          overdue: ['true'],
          format: ['pdf', 'docx', 'xlsx'],
          includeBelow: ['true'],
          status: ['active'],
          // Paging the cross-unit view: B's units must stay out of every page, whatever its size.
          limit: ['1', '500'],
          offset: ['0', '1'],
          depth: ['0', '3'],
        }[name] ?? null;
    if (values === null) throw new Error(`no values for ${where} parameter ${name} of GET ${path}`);
    return required ? values : [undefined, ...values];
  }

  /** Every GET of the OpenAPI document with its parameters filled every way worth trying. */
  async function urls(): Promise<string[]> {
    const doc = (await (await ctx.agent().request('GET', '/api/openapi.json')).json()) as any;
    const out: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      const get = ops.get;
      if (!get) continue;
      if (path === '/history') {
        // Every record that has a history, as the history table knows them.
        const rows = await ctx.services.db.selectFrom('history').select(['entity', 'entity_id']).distinct().execute();
        for (const r of rows) out.push(`/api/history?entity=${r.entity}&id=${encodeURIComponent(r.entity_id)}`);
        continue;
      }
      const params = ((get.parameters ?? []) as any[]).filter((p) => p.in === 'path' || p.in === 'query');
      const lists = await Promise.all(params.map((p) => candidates(path, p.name, p.in, p.in === 'path' || p.required)));
      // All combinations of the required parameters; each optional one added alone.
      const required = params.map((p, i) => (p.in === 'path' || p.required ? i : -1)).filter((i) => i >= 0);
      let combos: Record<number, string | undefined>[] = [{}];
      for (const i of required) combos = combos.flatMap((c) => (lists[i] as string[]).map((v) => ({ ...c, [i]: v })));
      const variants = [...combos];
      for (const i of params.keys())
        if (!required.includes(i))
          for (const v of (lists[i] as (string | undefined)[]).filter((x) => x !== undefined))
            for (const c of combos) variants.push({ ...c, [i]: v });
      for (const v of variants) {
        let url = `/api${path}`;
        const query = new URLSearchParams();
        for (const [i, p] of params.entries()) {
          const value = v[i];
          if (value === undefined) continue;
          if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
          else query.set(p.name, value);
        }
        out.push(query.size > 0 ? `${url}?${query}` : url);
      }
    }
    return out;
  }

  /** What each URL said, as `username`: the markers found in it and its status. */
  async function walk(username: string) {
    const agent = await as(username);
    const hits: { url: string; status: number; markers: string[]; own: boolean }[] = [];
    for (const url of await urls()) {
      const res = await agent.request('GET', url);
      const text = await readAll(res);
      hits.push({ url, status: res.status, markers: [...found(text)], own: text.includes(A_COMMENT) });
    }
    return hits;
  }

  it('walks every GET route (every parameter is filled, so a new route is walked too)', async () => {
    const all = await urls();
    expect(all.length).toBeGreaterThan(100);
    for (const p of [
      '/api/meetings',
      '/api/history?',
      '/api/reports/',
      '/api/values/export.xlsx',
      '/api/action-plans/',
    ])
      expect(all.some((u) => u.startsWith(p))).toBe(true);
  });

  for (const role of A_ROLES)
    it(`shows a ${role} of A nothing of B's on any route, exports included`, async () => {
      const hits = await walk(`a.${role}`);
      expect(hits.filter((h) => h.markers.length > 0)).toEqual([]);
      // The same walk does reach A's own data: the role reads, it is only B's that it may not.
      expect(hits.filter((h) => h.status === 200).length).toBeGreaterThan(40);
      expect(hits.some((h) => h.own)).toBe(true);
    }, 300_000);

  it('is not vacuous: a controller and an auditor of the whole region find every planted text, in every export format', async () => {
    const hits = [...(await walk('root.controller')), ...(await walk('root.auditor'))];
    const seen = new Set(hits.flatMap((h) => h.markers));
    expect([...PLANTED].filter((m) => !seen.has(m))).toEqual([]);
    for (const format of ['pdf', 'docx', 'xlsx']) {
      const exported = hits.find((h) => h.url === `/api/reports/${ids.reportB}/export?format=${format}`);
      expect(exported?.markers).toEqual(expect.arrayContaining(['report', 'report-sbar']));
    }
    expect(
      hits.find((h) => h.url.startsWith('/api/values/export.xlsx') && h.markers.includes('value-comment')),
    ).toBeTruthy();
    expect(hits.some((h) => h.url.startsWith('/api/history?') && h.markers.includes('value-comment'))).toBe(true);
  }, 600_000);

  describe('finding 2: a report goes on a meeting only by whoever may add items to it', () => {
    it("refuses to send a report to another body's meeting, and leaves that meeting unchanged", async () => {
      const am = await as('a.manager');
      const root = await as('root.controller');
      const agendaOf = async () =>
        (await ok(root.json('GET', '/api/meetings'))).meetings.find((m: any) => m.id === ids.meetingB).items;
      const historyOf = async () =>
        (await ok((await as('root.auditor')).json('GET', `/api/history?entity=meeting&id=${ids.meetingB}`))).entries;
      const agendaBefore = await agendaOf();
      const historyBefore = await historyOf();
      const id = (
        await ok(
          am.json('POST', '/api/reports', { kind: 'month', title: 'A:s rapport', unitId: ids.A, period: PERIOD }),
        )
      ).id;
      await ok(
        am.json('PUT', `/api/reports/${id}`, {
          version: 1,
          title: 'A:s rapport',
          sbar: { situation: 'Läget', background: '', assessment: '', recommendation: 'Notera' },
          proposedDecision: 'Att notera',
        }),
      );
      const refused = await am.json('POST', `/api/reports/${id}/send`, {
        version: 2,
        meetingId: ids.meetingB,
        paragraph: '999',
      });
      expect(refused.status).toBe(403);
      expect(await agendaOf()).toEqual(agendaBefore);
      expect(await historyOf()).toEqual(historyBefore);
      const report = await ok(am.json('GET', `/api/reports/${id}`));
      expect(report).toMatchObject({ status: 'draft', version: 2, meeting: null });

      // To its own body's meeting it goes, and the meeting's history, scoped to A, shows the item.
      const sent = await am.json('POST', `/api/reports/${id}/send`, {
        version: 2,
        meetingId: ids.meetingA,
        paragraph: '3',
      });
      expect(sent.status).toBe(200);
      const history = (await ok((await as('a.auditor')).json('GET', `/api/history?entity=meeting&id=${ids.meetingA}`)))
        .entries;
      expect(history.map((e: any) => [e.kind, e.unitId])).toEqual([
        ['meeting.created', ids.A],
        ['meeting.item_added', ids.A],
      ]);
      expect(history[1].after).toMatchObject({ paragraph: '3', reportId: id, title: 'A:s rapport' });
    });
  });

  describe('finding 3: meetings are read as decisions are', () => {
    it("lists A's and the region board's meetings to A, not B's, and hides B's report on the board's agenda", async () => {
      const { meetings } = await ok((await as('a.viewer')).json('GET', '/api/meetings'));
      const listed = meetings.map((m: any) => m.id);
      expect(listed).toEqual(expect.arrayContaining([ids.meetingA, ids.meetingRs]));
      expect(listed).not.toContain(ids.meetingB);
      const item = meetings.find((m: any) => m.id === ids.meetingRs).items[0];
      expect(item).toMatchObject({ paragraph: '7', reportId: null, reportTitle: null });
      expect(item.title).not.toContain(TOKEN);
      const forRoot = (await ok((await as('root.controller')).json('GET', '/api/meetings'))).meetings;
      expect(forRoot.find((m: any) => m.id === ids.meetingRs).items[0]).toMatchObject({
        reportId: ids.reportRs,
        reportTitle: marker('rs-report'),
      });
      expect(forRoot.map((m: any) => m.id)).toContain(ids.meetingB);
    });
  });

  describe("finding 3: a report's decision shows as the decisions register shows it", () => {
    it("shows A's report but not the decision B's body took on it", async () => {
      const root = await as('root.controller');
      const id = (
        await ok(
          root.json('POST', '/api/reports', { kind: 'month', title: 'A1:s rapport', unitId: ids.A1, period: PERIOD }),
        )
      ).id;
      await ok(
        root.json('PUT', `/api/reports/${id}`, {
          version: 1,
          title: 'A1:s rapport',
          sbar: { situation: 'Läget', background: '', assessment: '', recommendation: 'Notera' },
          proposedDecision: 'Att notera',
        }),
      );
      await ok(root.json('POST', `/api/reports/${id}/send`, { version: 2, meetingId: ids.meetingB, paragraph: '8' }));
      const item = (await ok(root.json('GET', '/api/meetings'))).meetings
        .find((m: any) => m.id === ids.meetingB)
        .items.find((i: any) => i.reportId === id);
      await ok(
        root.json('POST', `/api/meetings/${ids.meetingB}/items/${item.id}/decision`, {
          outcome: 'beslut',
          text: marker('decision-on-a1'),
        }),
      );
      expect((await ok(root.json('GET', `/api/reports/${id}`))).followedBy).toHaveLength(1);
      const forA = await ok((await as('a.viewer')).json('GET', `/api/reports/${id}`));
      expect(forA.meeting).toMatchObject({ id: ids.meetingB, paragraph: '8' });
      expect(forA.followedBy).toEqual([]);
      expect(JSON.stringify(forA)).not.toContain(TOKEN);
    });
  });

  describe('finding 4: history is read entry by entry', () => {
    it("shows an auditor of A only A's entries of a shared indicator, though the newest is B's", async () => {
      // B writes last, so judging by the newest entry would have refused A or shown A everything.
      await ok(
        (await as('b.manager')).json('PUT', '/api/values', {
          values: [{ indicatorId: ids.indicator, unitId: ids.B, period: '2025-03', kind: 'outcome', value: 1 }],
        }),
      );
      const forA = (await ok((await as('a.auditor')).json('GET', `/api/history?entity=indicator&id=${ids.indicator}`)))
        .entries;
      expect(forA.map((e: any) => [e.kind, e.unitId])).toEqual([['value.set', ids.A1]]);
      const forRoot = (
        await ok((await as('root.auditor')).json('GET', `/api/history?entity=indicator&id=${ids.indicator}`))
      ).entries;
      expect(forRoot.map((e: any) => e.unitId)).toEqual([null, ids.B, ids.A1, ids.B]);
    });

    it("shows the region goal's analyses entry by entry, and refuses a record with no entry A may read", async () => {
      const auditor = await as('a.administrator');
      const goal = (await ok(auditor.json('GET', `/api/history?entity=goal&id=${ids.regionGoal}`))).entries;
      expect(goal.map((e: any) => [e.kind, e.unitId])).toEqual([['analysis.set', ids.A]]);
      expect((await auditor.json('GET', `/api/history?entity=plan&id=${ids.planB}`)).status).toBe(403);
      expect((await auditor.json('GET', '/api/history?entity=plan&id=no-such-plan')).status).toBe(403);
    });
  });

  describe('finding 9: shared registers for every reader', () => {
    it('gives a manager the delegation levels and the latest period of the units they read', async () => {
      const am = await as('a.manager');
      expect((await am.json('GET', '/api/delegation-levels')).status).toBe(200);
      expect(await ok(am.json('GET', '/api/periods/latest'))).toEqual({ period: A_PERIOD });
      expect(await ok((await as('root.controller')).json('GET', '/api/periods/latest'))).toEqual({ period: PERIOD });
    });
  });
});
