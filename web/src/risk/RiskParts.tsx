import { Anchor, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../app/client';
import { LEVEL_COLORS, type Risk, type RiskLevel, riskPath } from './queries';
import './risk.css';
import './texts';

/** A level as a word on its colour: never colour alone. */
export function LevelBadge({ level, value }: { level: RiskLevel; value?: number }) {
  const { t } = useTranslation();
  return (
    <span className="risk-level" style={{ background: LEVEL_COLORS[level] }}>
      {value !== undefined ? `${value} – ` : ''}
      {t(`risk.level.${level}`)}
    </span>
  );
}

export interface CellFilter {
  p: number;
  c: number;
}

/**
 * The heat map: a grid of buttons, highest probability on top, each with its count and level in
 * words. Choosing a cell filters the list below; choosing it again shows all.
 */
export function RiskMatrix({
  matrix,
  selected,
  onSelect,
}: {
  matrix: Schema<'RiskMatrix'>;
  selected: CellFilter | null;
  onSelect: (cell: CellFilter | null) => void;
}) {
  const { t } = useTranslation();
  const { scale } = matrix;
  const ps = scale.probabilitySteps.map((_, i) => i + 1).reverse();
  const cs = scale.consequenceSteps.map((_, i) => i + 1);
  const cell = (p: number, c: number) => matrix.cells.find((x) => x.probability === p && x.consequence === c);
  return (
    <section aria-labelledby="risk-matrix-heading" className="section">
      <Title order={2} size="h3" id="risk-matrix-heading" mb="xs">
        {t('risk.matrix')}
      </Title>
      <Text size="sm" mb="sm" className="prose">
        {t('risk.matrixHelp')}
      </Text>
      <div style={{ overflowX: 'auto' }}>
        <table className="risk-matrix">
          <caption className="visually-hidden">{t('risk.matrixCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                {t('risk.probability')} \ {t('risk.consequenceAxis')}
              </th>
              {cs.map((c) => (
                <th scope="col" key={c}>
                  {c} {scale.consequenceSteps[c - 1]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ps.map((p) => (
              <tr key={p}>
                <th scope="row">
                  {p} {scale.probabilitySteps[p - 1]}
                </th>
                {cs.map((c) => {
                  const x = cell(p, c);
                  if (!x) return <td key={c} />;
                  const pressed = selected?.p === p && selected?.c === c;
                  return (
                    <td key={c}>
                      <button
                        type="button"
                        className="risk-cell"
                        style={{ background: LEVEL_COLORS[x.level] }}
                        aria-pressed={pressed}
                        aria-label={t('risk.cellLabel', {
                          p,
                          pw: scale.probabilitySteps[p - 1],
                          c,
                          cw: scale.consequenceSteps[c - 1],
                          value: x.value,
                          level: t(`risk.level.${x.level}`),
                          count: x.count,
                        })}
                        onClick={() => onSelect(pressed ? null : { p, c })}
                      >
                        <span className="risk-cell-count">{x.count}</span>
                        <span className="risk-cell-level">{t(`risk.level.${x.level}`)}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matrix.unassessed.length > 0 && (
        <Text size="sm" mt="xs">
          {t('risk.unassessed', { count: matrix.unassessed.length })}
        </Text>
      )}
    </section>
  );
}

/** The register's risks, highest value first. */
export function RiskTable({ risks }: { risks: Risk[] }) {
  const { t } = useTranslation();
  if (risks.length === 0) return <Text>{t('risk.none')}</Text>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table withTableBorder striped captionSide="top">
        <Table.Caption>{t('risk.listCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('risk.riskTitle')}</Table.Th>
            <Table.Th scope="col">{t('risk.value')}</Table.Th>
            <Table.Th scope="col">{t('risk.probability')}</Table.Th>
            <Table.Th scope="col">{t('risk.consequenceAxis')}</Table.Th>
            <Table.Th scope="col">{t('risk.registerOf')}</Table.Th>
            <Table.Th scope="col">{t('risk.owner')}</Table.Th>
            <Table.Th scope="col">{t('risk.statusLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risks.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={riskPath(r.id)}>
                  {r.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {r.current ? <LevelBadge level={r.current.level} value={r.current.value} /> : t('risk.notAssessed')}
              </Table.Td>
              <Table.Td>{r.current?.probability ?? '—'}</Table.Td>
              <Table.Td>{r.current?.consequence ?? '—'}</Table.Td>
              <Table.Td>{r.bodyName ?? r.unitName ?? '—'}</Table.Td>
              <Table.Td>{r.ownerName ?? '—'}</Table.Td>
              <Table.Td>{t(`risk.status.${r.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
