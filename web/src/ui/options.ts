import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../app/types';

/** Select options for units: name, code and level so units with the same name can be told apart. */
export function useUnitOptions(units: OrgUnit[]) {
  const { t } = useTranslation();
  return useMemo(
    () =>
      units.map((u) => ({
        value: u.id,
        label: `${u.name}${u.code ? ` (${u.code})` : ''} – ${t(`level.${u.level}`)}`,
      })),
    [units, t],
  );
}
