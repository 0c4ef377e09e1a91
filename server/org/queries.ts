import type { IsoDate } from '../../domain/dates';
import type { UnitLevel } from '../../domain/org';
import type { Executor } from '../core/context';

export interface UnitRecord {
  id: string;
  version: number;
  parentId: string | null;
  name: string;
  level: UnitLevel;
  code: string | null;
  managerName: string | null;
  managerUserId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface UnitStateRecord {
  stateId: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  parentId: string | null;
  name: string;
  level: UnitLevel;
  code: string | null;
  managerName: string | null;
  managerUserId: string | null;
}

const stateColumns = [
  's.id as stateId',
  's.unit_id as id',
  'u.version',
  's.parent_id as parentId',
  's.name',
  's.level',
  's.code',
  's.manager_name as managerName',
  's.manager_user_id as managerUserId',
  's.valid_from as validFrom',
  's.valid_to as validTo',
] as const;

/** Every unit as it was on `day`. */
export async function unitsOn(db: Executor, day: IsoDate): Promise<UnitRecord[]> {
  const rows = await db
    .selectFrom('org_unit_states as s')
    .innerJoin('org_units as u', 'u.id', 's.unit_id')
    .select(stateColumns)
    .where('s.valid_from', '<=', day)
    .where((eb) => eb.or([eb('s.valid_to', 'is', null), eb('s.valid_to', '>', day)]))
    .execute();
  return rows.map(toUnit);
}

/** The states of one unit, oldest first: its reorganisations over time. */
export async function statesOf(db: Executor, unitId: string): Promise<UnitStateRecord[]> {
  const rows = await db
    .selectFrom('org_unit_states as s')
    .innerJoin('org_units as u', 'u.id', 's.unit_id')
    .select(stateColumns)
    .where('s.unit_id', '=', unitId)
    .orderBy('s.valid_from')
    .execute();
  return rows.map((r) => {
    const { id: _id, version: _v, ...state } = toUnit(r);
    return { ...state, stateId: r.stateId };
  });
}

export async function unitVersion(db: Executor, unitId: string): Promise<number | null> {
  const row = await db.selectFrom('org_units').select('version').where('id', '=', unitId).executeTakeFirst();
  return row?.version ?? null;
}

type StateRow = {
  id: string;
  version: number;
  parentId: string | null;
  name: string;
  level: string;
  code: string | null;
  managerName: string | null;
  managerUserId: string | null;
  validFrom: string;
  validTo: string | null;
};

function toUnit(r: StateRow): UnitRecord {
  return {
    id: r.id,
    version: r.version,
    parentId: r.parentId,
    name: r.name,
    level: r.level as UnitLevel,
    code: r.code,
    managerName: r.managerName,
    managerUserId: r.managerUserId,
    validFrom: r.validFrom,
    validTo: r.validTo,
  };
}
