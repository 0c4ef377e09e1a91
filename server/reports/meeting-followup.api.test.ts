import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';

/** Issue 12 item 5: an uppdrag recorded at a meeting is followed up on the body's next agenda. */
describe('an uppdrag recorded at a meeting', () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  // The demo copy takes long on a loaded machine; the default hook timeout is a minute.
  beforeAll(async () => {
    ctx = await createDemoContext();
  }, 300_000);
  afterAll(async () => ctx.close());
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const hsn = () => ctx.demo.bodies.get('hsn') as string;
  const as = async (username: string, at = '2025-10-20T10:00:00Z') => {
    ctx.clock.set(at);
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('creates an assignment with its report-back day and unit, shown with its status on the next meeting', async () => {
    const controller = await as('controller');
    const meeting = await controller.json('POST', '/api/meetings', {
      bodyId: hsn(),
      meetsOn: '2025-11-04',
      title: 'Hälso- och sjukvårdsnämnden 2025-11-04',
    });
    const next = await controller.json('POST', '/api/meetings', {
      bodyId: hsn(),
      meetsOn: '2025-12-09',
      title: 'Hälso- och sjukvårdsnämnden 2025-12-09',
    });
    const item = await controller.json('POST', `/api/meetings/${meeting.body.id}/items`, {
      paragraph: '150',
      title: 'Vårdplatser i division Medicin',
    });
    const path = `/api/meetings/${meeting.body.id}/items/${item.body.id}/decision`;
    const text = 'Divisionschefen uppdras att redovisa en plan för vårdplatserna.';

    const withoutDay = await controller.json('POST', path, { outcome: 'uppdrag', text });
    expect(withoutDay.status).toBe(422);
    expect(withoutDay.body.error.fields[0].field).toBe('assignment.reportBackOn');
    const before = await controller.json('POST', path, {
      outcome: 'uppdrag',
      text,
      assignment: { reportBackOn: '2025-11-04', assigneeUnitId: unit('medicin') },
    });
    expect(before.status).toBe(422);
    expect(before.body.error.fields[0].field).toBe('assignment.reportBackOn');
    const nobody = await controller.json('POST', path, {
      outcome: 'uppdrag',
      text,
      assignment: { reportBackOn: '2025-12-01' },
    });
    expect(nobody.body.error.fields[0].field).toBe('assignment.assigneeUnitId');
    const notUppdrag = await controller.json('POST', path, {
      outcome: 'information',
      text,
      assignment: { reportBackOn: '2025-12-01', assigneeUnitId: unit('medicin') },
    });
    expect(notUppdrag.body.error.fields[0].field).toBe('assignment');

    const recorded = await controller.json('POST', path, {
      outcome: 'uppdrag',
      text,
      assignment: { reportBackOn: '2025-12-01', assigneeUnitId: unit('medicin') },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const assignmentId = recorded.body.assignmentId;
    const { assignments } = (await controller.json('GET', '/api/assignments')).body;
    expect(assignments.find((a: any) => a.id === assignmentId)).toMatchObject({
      bodyId: hsn(),
      decisionId: recorded.body.decisionId,
      assigneeUnitId: unit('medicin'),
      reportBackOn: '2025-12-01',
      status: 'not_started',
    });

    const followUp = async (meetingId: string, at: string) => {
      const agent = await as('controller', at);
      const { body } = await agent.json('GET', `/api/meetings?body=${hsn()}`);
      return body.meetings
        .find((m: any) => m.id === meetingId)
        .followUp.find((f: any) => f.assignmentId === assignmentId);
    };
    expect(await followUp(meeting.body.id, '2025-11-20T10:00:00Z')).toBeUndefined();
    expect(await followUp(next.body.id, '2025-11-20T10:00:00Z')).toMatchObject({
      title: 'Vårdplatser i division Medicin',
      paragraph: '150',
      givenOn: '2025-11-04',
      reportBackOn: '2025-12-01',
      status: 'not_started',
    });
    expect((await followUp(next.body.id, '2025-12-02T10:00:00Z')).status).toBe('late');

    const chef = await as('controller', '2025-11-25T10:00:00Z');
    const current = (await chef.json('GET', '/api/assignments')).body.assignments.find(
      (a: any) => a.id === assignmentId,
    );
    const { id: _id, bodyName: _b, overdue: _o, ...rest } = current;
    const ongoing = await chef.json('PUT', `/api/assignments/${assignmentId}`, { ...rest, status: 'ongoing' });
    expect(ongoing.status, JSON.stringify(ongoing.body)).toBe(200);
    expect((await followUp(next.body.id, '2025-11-26T10:00:00Z')).status).toBe('ongoing');
    // A new sign-in: the clock moved on, past the first session's idle time.
    const again = await as('controller', '2025-11-28T10:00:00Z');
    const reported = await again.json('PUT', `/api/assignments/${assignmentId}`, {
      ...rest,
      version: ongoing.body.version,
      status: 'reported',
      reportedOn: '2025-11-28',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect((await followUp(next.body.id, '2025-12-05T10:00:00Z')).status).toBe('reported');
  }, 180_000);

  it('shows the demo’s uppdrag of October 2024 on the nämnd’s December agenda', async () => {
    const agent = await as('controller');
    const { body } = await agent.json('GET', `/api/meetings?body=${hsn()}`);
    const december = body.meetings.find((m: any) => m.meetsOn === '2024-12-10');
    expect(december.followUp.map((f: any) => f.paragraph)).toEqual(expect.arrayContaining(['93', '111']));
    expect(december.followUp.every((f: any) => f.assigneeName !== '')).toBe(true);
  }, 180_000);
});
