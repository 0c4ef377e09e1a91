import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFigure } from './numbers';
import { formatMonth } from './periods';
import type { Figure } from './types';

/** The green/yellow limits around a target, as the status rule (domain statusOf) draws them. */
export function thresholds(figure: Pick<Figure, 'direction' | 'target' | 'tolerance'>) {
  if (figure.target === null) return null;
  const tol = figure.tolerance ?? 0;
  // Higher is better: green at or above the target, yellow within the tolerance below it.
  return figure.direction === 'higher'
    ? { green: figure.target, yellow: figure.target - tol }
    : { green: figure.target, yellow: figure.target + tol };
}

const BAND_FILL: Record<string, string> = {
  green: 'var(--mantine-color-green-8)',
  yellow: 'var(--mantine-color-yellow-6)',
  red: 'var(--mantine-color-red-9)',
};

interface Box {
  w: number;
  h: number;
  pad: number;
}

/** Scales the outcomes, targets and limits into the box, with a margin so lines do not touch its edge. */
function scale(figure: Figure, box: Box) {
  const limits = thresholds(figure);
  const values = [
    ...figure.trend.flatMap((p) => [p.outcome, p.target]),
    limits?.green ?? null,
    limits?.yellow ?? null,
  ].filter((v): v is number => v !== null);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const margin = (hi - lo) * 0.1;
  lo -= margin;
  hi += margin;
  const n = Math.max(1, figure.trend.length - 1);
  return {
    x: (i: number) => box.pad + (i * (box.w - 2 * box.pad)) / n,
    y: (v: number) => box.pad + ((hi - v) * (box.h - 2 * box.pad)) / (hi - lo),
    lo,
    hi,
  };
}

/** A polyline through the points that have a value; a gap breaks it into pieces. */
function paths(points: (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  points.forEach((v, i) => {
    if (v === null) {
      if (cur.length) out.push(cur.join(' '));
      cur = [];
    } else cur.push(`${cur.length ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (cur.length) out.push(cur.join(' '));
  return out;
}

/**
 * An indicator's trend: the outcome line, the target as a dashed line and, when large, the
 * green/yellow/red bands of the current target and tolerance. The drawing is hidden from
 * screen readers; `TrendTable` (or the row's text) says the same.
 */
export function TrendChart({ figure, size = 'small' }: { figure: Figure; size?: 'small' | 'large' }) {
  const box: Box = size === 'small' ? { w: 110, h: 28, pad: 3 } : { w: 640, h: 220, pad: 24 };
  const outcomes = figure.trend.map((p) => p.outcome);
  if (outcomes.every((v) => v === null)) return null;
  const s = scale(figure, box);
  const limits = thresholds(figure);
  const bands =
    size === 'large' && limits
      ? bandsOf(figure.direction, limits, s).map((b) => (
          <rect
            key={b.status}
            x={box.pad}
            width={box.w - 2 * box.pad}
            y={Math.min(b.from, b.to)}
            height={Math.abs(b.to - b.from)}
            fill={BAND_FILL[b.status]}
            fillOpacity={0.14}
          />
        ))
      : null;
  return (
    <svg
      viewBox={`0 0 ${box.w} ${box.h}`}
      width={size === 'small' ? box.w : '100%'}
      height={size === 'small' ? box.h : undefined}
      aria-hidden="true"
      focusable="false"
      className={`trend-chart trend-chart-${size}`}
    >
      {bands}
      {paths(
        figure.trend.map((p) => p.target),
        s.x,
        s.y,
      ).map((d) => (
        <path
          key={`t${d}`}
          d={d}
          fill="none"
          stroke="var(--mantine-color-dark-6)"
          strokeWidth={size === 'small' ? 1 : 1.5}
          strokeDasharray="4 3"
        />
      ))}
      {paths(outcomes, s.x, s.y).map((d) => (
        <path
          key={`o${d}`}
          d={d}
          fill="none"
          stroke="var(--mantine-color-blue-8)"
          strokeWidth={size === 'small' ? 1.5 : 2.5}
        />
      ))}
      {outcomes.map((v, i) =>
        v === null ? null : (
          <circle
            key={figure.trend[i]?.period}
            cx={s.x(i)}
            cy={s.y(v)}
            r={size === 'small' ? 1.5 : 3}
            fill="var(--mantine-color-blue-8)"
          />
        ),
      )}
      {size === 'large' &&
        figure.trend.map((p, i) =>
          i % 2 === 0 || i === figure.trend.length - 1 ? (
            <text
              key={p.period}
              x={s.x(i)}
              y={box.h - 4}
              textAnchor="middle"
              fontSize={11}
              fill="var(--mantine-color-dark-7)"
            >
              {p.period.slice(2)}
            </text>
          ) : null,
        )}
    </svg>
  );
}

/** The three bands in drawing coordinates: green beyond the target, yellow within the tolerance, red beyond. */
function bandsOf(
  direction: Figure['direction'],
  limits: { green: number; yellow: number },
  s: { y: (v: number) => number; lo: number; hi: number },
) {
  const [best, worst] = direction === 'higher' ? [s.hi, s.lo] : [s.lo, s.hi];
  return [
    { status: 'green', from: s.y(best), to: s.y(limits.green) },
    { status: 'yellow', from: s.y(limits.green), to: s.y(limits.yellow) },
    { status: 'red', from: s.y(limits.yellow), to: s.y(worst) },
  ].filter((b) => b.from !== b.to);
}

/** The chart's text alternative: every month's outcome and target, and the limits in a sentence. */
export function TrendTable({ figure }: { figure: Figure }) {
  const { t } = useTranslation();
  const limits = thresholds(figure);
  return (
    <>
      {limits && (
        <p className="trend-limits">
          {t(figure.direction === 'higher' ? 'matrix.limitsHigher' : 'matrix.limitsLower', {
            green: formatFigure(limits.green, figure.measureUnit),
            yellow: formatFigure(limits.yellow, figure.measureUnit),
          })}
        </p>
      )}
      <Table withTableBorder captionSide="top" fz="sm" className="trend-table">
        <Table.Caption>{t('steering.trendCaption', { name: figure.name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('steering.month')}</Table.Th>
            <Table.Th scope="col">{t('steering.outcome')}</Table.Th>
            <Table.Th scope="col">{t('steering.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figure.trend.map((p) => (
            <Table.Tr key={p.period}>
              <Table.Th scope="row">{formatMonth(p.period)}</Table.Th>
              <Table.Td>{formatFigure(p.outcome, figure.measureUnit)}</Table.Td>
              <Table.Td>{formatFigure(p.target, figure.measureUnit)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
