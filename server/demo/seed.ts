import type { Role } from '../../domain/permissions';
import { createBody } from '../bodies/service';
import { type Services, systemActor } from '../core/context';
import { closeUnit, createUnit, updateUnit } from '../org/service';
import { createUser, grantRole } from '../users/service';
import { seedControl } from './control';
import { seedDelegation } from './delegation';
import { seedEconomy } from './economy';
import { seedFollowup } from './followup';
import { seedLive } from './live';
import { DEMO_BODIES, DEMO_REGION, type DemoUnit } from './region';
import { seedRisks } from './risks';
import { type SteeringIds, seedSteering } from './steering';

export const DEMO_PASSWORD = 'demo';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; unit: string; description: string }[] =
  [
    {
      username: 'admin',
      displayName: 'Alva Admin',
      role: 'administrator',
      unit: 'region',
      description: 'administratör för hela regionen',
    },
    {
      username: 'controller',
      displayName: 'Conny Controller',
      role: 'controller',
      unit: 'region',
      description: 'controller för hela regionen',
    },
    {
      username: 'chef.kirurgi',
      displayName: 'Anna Holm',
      role: 'manager',
      unit: 'kirurgi',
      description: 'divisionschef Kirurgi',
    },
    {
      username: 'chef.medicin',
      displayName: 'Erik Sundin',
      role: 'manager',
      unit: 'medicin',
      description: 'divisionschef Medicin',
    },
    {
      username: 'chef.ortokir',
      displayName: 'Per Sandberg',
      role: 'manager',
      unit: 'ortokir',
      description: 'områdeschef Ortopedi och kirurgi (under Kirurgi)',
    },
    {
      username: 'politiker',
      displayName: 'Per Politiker',
      role: 'politician',
      unit: 'region',
      description: 'ledamot i regionstyrelsen',
    },
    {
      username: 'revisor',
      displayName: 'Rut Revisor',
      role: 'auditor',
      unit: 'region',
      description: 'förtroendevald revisor',
    },
  ];

const FOUNDED = '2020-01-01';

export async function isEmpty(services: Services): Promise<boolean> {
  const [user, unit] = await Promise.all([
    services.db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
    services.db.selectFrom('org_units').select('id').limit(1).executeTakeFirst(),
  ]);
  return !user && !unit;
}

/**
 * Region Exempel, built through the same services a user's writes go through, so the demo's
 * history is real. Returns the ids by key for tests and later seeds.
 */
export async function seedDemo(services: Services): Promise<{
  units: Map<string, string>;
  users: Map<string, string>;
  bodies: Map<string, string>;
  steering: SteeringIds;
  economy: { planId: string; measures: Map<string, string> };
  followup: { meetings: Record<string, string> };
  risks: Map<string, string>;
  live: { actionPlanId: string | null };
}> {
  const actor = systemActor('demo');
  const units = new Map<string, string>();

  const add = async (node: DemoUnit, parentId: string | null) => {
    // Område Akutsjukvård belonged to Kirurgi until the 2024 reorganisation moved it to Medicin.
    const initialParent = node.key === 'akut' ? (units.get('kirurgi') ?? parentId) : parentId;
    const created = await createUnit(services, actor, {
      parentId: initialParent,
      name: node.key === 'hos' ? 'Hörsel- och synvården' : node.name,
      level: node.level,
      code: node.code,
      managerName: node.manager,
      validFrom: FOUNDED,
    });
    units.set(node.key, created.id);
    if (node.key === 'akut')
      await updateUnit(services, actor, created.id, {
        version: created.version,
        effectiveFrom: '2024-01-01',
        parentId,
      });
    if (node.key === 'hos')
      await updateUnit(services, actor, created.id, {
        version: created.version,
        effectiveFrom: '2023-01-01',
        name: node.name,
      });
    for (const child of node.children ?? []) await add(child, created.id);
  };
  await add(DEMO_REGION, null);

  // A unit that was closed: day surgery in Älvdal moved into Åby in mid-2023.
  const closed = await createUnit(services, actor, {
    parentId: units.get('op') ?? null,
    name: 'Dagkirurgen Älvdal',
    level: 'enhet',
    code: '21213',
    managerName: 'Jonas Roos',
    validFrom: FOUNDED,
  });
  await closeUnit(services, actor, closed.id, { version: closed.version, closedFrom: '2023-07-01' });

  const bodies = new Map<string, string>();
  for (const b of DEMO_BODIES) {
    const created = await createBody(services, actor, {
      name: b.name,
      kind: b.kind,
      parentBodyId: b.parent ? (bodies.get(b.parent) ?? null) : null,
      validFrom: '2023-01-01',
      validTo: null,
      unitIds: b.governs.map((k) => units.get(k) as string),
    });
    bodies.set(b.key, created.id);
  }

  const users = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const user = await createUser(services, actor, {
      username: a.username,
      displayName: a.displayName,
      email: `${a.username}@exempel.example`,
      password: DEMO_PASSWORD,
      isDemo: true,
    });
    users.set(a.username, user.id);
    await grantRole(services, actor, { userId: user.id, role: a.role, unitId: units.get(a.unit) as string });
  }
  // The orders before the decisions taken under them, so that they are judged by them.
  await seedDelegation(services, bodies, users);
  const steering = await seedSteering(services, units, bodies);
  const economy = await seedEconomy(services, units, bodies);
  const followup = await seedFollowup(services, units, bodies, economy.planId);
  const risks = await seedRisks(services, units, bodies, users, steering, economy.measures);
  // Control points are chosen from the registers, so the risks come first.
  await seedControl(services, units, bodies, users);
  // Seeded after the script's last report round, the region goes on up to the clock's month.
  const live = await seedLive(services, units, bodies, steering.plans);
  return { units, users, bodies, steering, economy, followup, risks, live };
}
