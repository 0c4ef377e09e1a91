import { Anchor, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { measureAnalysisPath } from '../analysis/queries';
import { formatMonth } from '../steering/periods';
import { WarningBadge } from '../steering/ui';
import { formatKronor, formatMnkr, type Kronor } from './money';
import type { LastReport, Mandate, MeasureFigures } from './types';

/** An amount in mnkr; the exact kronor are in the tooltip (and in the detail pages' tables). */
export function Money({ kr, className }: { kr: Kronor | null; className?: string }) {
  return (
    <span className={`money${className ? ` ${className}` : ''}`} title={kr === null ? undefined : formatKronor(kr)}>
      {formatMnkr(kr)}
    </span>
  );
}

/**
 * "Inaktuell" with the month the figure shown is from: a measure that did not report in the
 * month shows its newest earlier figure. A measure with sub-measures says how many are behind.
 */
export function StaleMark({
  lastReport,
  staleCount,
  leaf,
}: {
  lastReport: LastReport | null;
  staleCount: number;
  leaf: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="stale-note">
      <Badge color="gray" variant="outline" className="badge-dark" component="span">
        {t('economy.stale')}
      </Badge>{' '}
      <span className="muted">
        {!leaf
          ? t('economy.staleBelow', { count: staleCount })
          : lastReport
            ? t('economy.staleLast', { month: formatMonth(lastReport.period) })
            : t('economy.staleNever')}
      </span>
    </span>
  );
}

/** The decision a measure above its owner's mandate needs and does not have. */
export function MandateFlag({ mandate }: { mandate: Mandate }) {
  const { t } = useTranslation();
  if (!mandate.flagged) return null;
  return (
    <WarningBadge>
      {mandate.required ? t('economy.needsDecisionBy', { level: mandate.required }) : t('economy.needsDecision')}
    </WarningBadge>
  );
}

/** A forecast short of the planned effect by more than the plan's margin. */
export function DeviationBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" className="badge-dark warning-badge" component="span">
      {t('economy.deviates')}
    </Badge>
  );
}

/** A measure that needs a risk- och konsekvensanalys and has no done one, linked to where it is written. */
export function AnalysisMissingBadge({
  measure,
}: {
  measure: Pick<MeasureFigures, 'id' | 'lacksImpactAnalysis' | 'impactAnalysis'>;
}) {
  const { t } = useTranslation();
  if (!measure.lacksImpactAnalysis) return null;
  return (
    <Anchor component={Link} to={measureAnalysisPath(measure.id)} className="flag-link">
      <WarningBadge>{measure.impactAnalysis ? t('analysis.badgeDraft') : t('analysis.badgeMissing')}</WarningBadge>
    </Anchor>
  );
}
