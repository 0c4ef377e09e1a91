import type { ReactNode } from 'react';

/** One term of the description list; a note (the grade 1–2 part, what the sign means) stands right under it. */
function KeyFigure({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div className="key-figure" data-figure={label}>
      <dt className="key-figure-label">{label}</dt>
      <dd className="key-figure-value">{children}</dd>
      {note && <dd className="key-figure-note">{note}</dd>}
    </div>
  );
}

/** An action plan's five totals, each an amount as its page shows money. */
export interface PlanFigures {
  target: ReactNode;
  planned: ReactNode;
  plannedGrade12: ReactNode;
  forecast: ReactNode;
  forecastGrade12: ReactNode;
  outcome: ReactNode;
  deviation: ReactNode;
}

export interface PlanFigureLabels {
  target: string;
  planned: string;
  forecast: string;
  ofWhichGrade12: string;
  outcome: string;
  outcomeNote: string;
  deviation: string;
  /** What the deviation's sign means. */
  deviationNote: string;
}

/**
 * The key figures of an action plan, as the plan page and a report show them: the requirement,
 * what the measures plan and forecast with the feasibility grade 1–2 part always beside them,
 * the outcome and the deviation.
 */
export function PlanKeyFigures({ figures, labels }: { figures: PlanFigures; labels: PlanFigureLabels }) {
  return (
    <dl className="key-figures">
      <KeyFigure label={labels.target}>{figures.target}</KeyFigure>
      <KeyFigure
        label={labels.planned}
        note={
          <>
            {labels.ofWhichGrade12}: {figures.plannedGrade12}
          </>
        }
      >
        {figures.planned}
      </KeyFigure>
      <KeyFigure
        label={labels.forecast}
        note={
          <>
            {labels.ofWhichGrade12}: {figures.forecastGrade12}
          </>
        }
      >
        {figures.forecast}
      </KeyFigure>
      <KeyFigure label={labels.outcome} note={labels.outcomeNote}>
        {figures.outcome}
      </KeyFigure>
      <KeyFigure label={labels.deviation} note={labels.deviationNote}>
        {figures.deviation}
      </KeyFigure>
    </dl>
  );
}
