import type { UnitLevel } from '../../domain/org';
import type { Role } from '../../domain/permissions';
import { type Services, systemActor } from '../../server/core/context';
import { createUnit, today } from '../../server/org/service';
import { createUser, grantRole } from '../../server/users/service';

/** The password every account made here has. */
export const PASSWORD = 'rätt-lösenord-1';

/** A unit under `parentId` (or a new top unit), valid from the clock's today. */
export async function makeUnit(
  services: Services,
  name: string,
  parentId: string | null = null,
  level: UnitLevel = parentId === null ? 'region' : 'enhet',
): Promise<string> {
  const unit = await createUnit(services, systemActor('test'), {
    parentId,
    name,
    level,
    code: null,
    managerName: null,
    validFrom: today(services),
  });
  return unit.id;
}

/** An account with the given roles, signed in with `PASSWORD`. */
export async function makeUser(
  services: Services,
  username: string,
  roles: { role: Role; unitId: string }[] = [],
): Promise<string> {
  const actor = systemActor('test');
  const user = await createUser(services, actor, { username, displayName: username, email: null, password: PASSWORD });
  for (const r of roles) await grantRole(services, actor, { userId: user.id, ...r });
  return user.id;
}
