import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { depthsByParent } from './tree';
import type { ActionPlanSummary } from './types';
import { Money } from './ui';

/**
 * The requirement at every unit that has one (or has measures) beside what was allocated to
 * the units below it and what its measures plan: the planning gap, said in words too.
 */
export function AllocationTable({ summary }: { summary: ActionPlanSummary }) {
  const { t } = useTranslation();
  const depth = depthsByParent(summary.allocations);
  return (
    <section aria-labelledby="allocation-heading" className="section">
      <Title order={2} size="h3" id="allocation-heading" mb="sm">
        {t('economy.allocationHeading')}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder captionSide="top" className="figures-table">
          <Table.Caption>{t('economy.allocationCaption', { year: summary.year })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('economy.unit')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('economy.target')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('economy.allocatedBelow')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('economy.plannedNet')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('economy.planningGap')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.allocations.map((r) => {
              const d = depth.get(r.unitId) ?? 0;
              return (
                <Table.Tr key={r.unitId}>
                  <Table.Th
                    scope="row"
                    fw={d < 2 ? 700 : 'normal'}
                    style={{ paddingInlineStart: `${d * 1.25 + 0.6}rem` }}
                  >
                    {r.name}
                  </Table.Th>
                  <Table.Td ta="right">
                    {r.requirement === null ? (
                      <span className="muted">{t('economy.noOwnRequirement')}</span>
                    ) : (
                      <Money kr={r.requirement} />
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.allocatedBelow} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.planned} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {r.planningGap === null ? (
                      '–'
                    ) : (
                      <>
                        <Money kr={r.planningGap} />{' '}
                        <span className={BigInt(r.planningGap) > 0n ? 'gap-open' : 'muted'}>
                          {BigInt(r.planningGap) > 0n ? t('economy.gapOpen') : t('economy.gapCovered')}
                        </span>
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
