import { Text, Title } from '@mantine/core';
import {
  type ControlResultsSection,
  IC_SECTION_TEXTS,
  type InternalControlReportSection,
  type ReportContent,
  RISK_LEVEL_TEXT,
  type RiskMatrixSection,
} from '../../../domain/reports/content';
import { internalControlTables } from '../../../domain/reports/ic-report';
import { PlainTable } from '../ui/tables';

function RiskMatrixView({ matrix }: { matrix: RiskMatrixSection | null }) {
  const texts = IC_SECTION_TEXTS.riskMatrix;
  if (!matrix) return <Text>{texts.none}</Text>;
  const probabilities = matrix.probabilitySteps.map((word, i) => ({ word, step: i + 1 })).reverse();
  const consequences = matrix.consequenceSteps.map((word, i) => ({ word, step: i + 1 }));
  const cellText = (p: number, c: number) => {
    const cell = matrix.cells.find((x) => x.probability === p && x.consequence === c);
    return cell ? `${cell.count} (${RISK_LEVEL_TEXT[cell.level].toLowerCase()})` : '–';
  };
  return (
    <>
      <PlainTable
        mb="md"
        caption={`Riskmatris för ${matrix.bodyName}: antal aktiva risker per sannolikhet och konsekvens, med rutans nivå${matrix.unassessed > 0 ? `. ${matrix.unassessed} risker är inte bedömda.` : ''}`}
        headers={['Sannolikhet', ...consequences.map((c) => `Konsekvens ${c.step} ${c.word}`)]}
        rows={probabilities.map((p) => [`${p.step} ${p.word}`, ...consequences.map((c) => cellText(p.step, c.step))])}
      />
      {matrix.topRisks.length === 0 ? (
        <Text>{texts.empty}</Text>
      ) : (
        <PlainTable
          mb="md"
          caption={`De högsta riskerna för ${matrix.bodyName}, efter den senaste bedömningen`}
          headers={['Risk', 'Ägare', 'Värde', 'Nivå', 'Senast bedömd']}
          rows={matrix.topRisks.map((r) => [
            r.title,
            r.ownerName,
            String(r.value),
            RISK_LEVEL_TEXT[r.level],
            r.assessedOn,
          ])}
        />
      )}
    </>
  );
}

function deviationStatus(d: ControlResultsSection['openDeviations'][number]) {
  const words = [d.action === null ? 'Ingen åtgärd beslutad' : d.late ? 'Åtgärden är försenad' : 'Åtgärd pågår'];
  if (d.serious) words.push('allvarlig avvikelse');
  return words.join(', ');
}

function ControlResultsView({ control }: { control: ControlResultsSection | null }) {
  const texts = IC_SECTION_TEXTS.controlResults;
  if (!control) return <Text>{texts.none}</Text>;
  if (control.planStatus === null)
    return (
      <Text>
        {texts.noPlan} ({control.bodyName}, {control.year})
      </Text>
    );
  return (
    <>
      <PlainTable
        mb="md"
        caption={`Kontrollpunkter i ${control.bodyName}s internkontrollplan ${control.year} (${control.planStatus === 'decided' ? 'beslutad' : 'inte beslutad'})`}
        headers={[
          'Kontrollpunkt',
          'Enhet',
          'Tillfällen',
          'Utförda',
          'Ej utförda',
          'Avvikelser',
          'Öppna åtgärder',
          'Försenade åtgärder',
        ]}
        rows={control.points.map((p) => [
          p.what,
          p.unitName ?? 'Hela organets område',
          String(p.occasions),
          String(p.done),
          String(p.notDone),
          String(p.deviations),
          String(p.openActions),
          String(p.lateActions),
        ])}
      />
      {control.openDeviations.length === 0 ? (
        <Text>{texts.empty}</Text>
      ) : (
        <PlainTable
          mb="md"
          caption="Öppna avvikelser: funna av kontrollerna, med åtgärd som inte är klar eller saknas"
          headers={['Kontrollpunkt', 'Tillfälle', 'Iakttagelser', 'Åtgärd', 'Status']}
          rows={control.openDeviations.map((d) => [
            d.what,
            d.occasion,
            d.findings || 'Inget angivet.',
            d.action ?? 'Ingen',
            deviationStatus(d),
          ])}
        />
      )}
    </>
  );
}

/**
 * The internkontrollrapport's own section (issue 14): the same tables the exports lay out
 * (domain/reports/ic-report.ts), so the page and the files show the same rows.
 */
function InternalControlReportView({ section }: { section: InternalControlReportSection | null }) {
  const { none, tables } = internalControlTables(section);
  return (
    <section aria-labelledby="report-internalControl-heading" className="section">
      <Title order={2} size="h3" id="report-internalControl-heading" mb="sm">
        {IC_SECTION_TEXTS.internalControl.title}
      </Title>
      {none !== null && <Text mb="sm">{none}</Text>}
      {tables.map((table) =>
        table.rows.length === 0 ? (
          <Text key={table.sheet} mb="sm">
            {table.title}: {table.empty}
          </Text>
        ) : (
          <PlainTable
            key={table.sheet}
            caption={table.title}
            headers={table.columns.map((c) => c.header)}
            rows={table.rows}
          />
        ),
      )}
    </section>
  );
}

/**
 * The body's risk matrix and internal control as frozen with the report (issue 14). Content
 * frozen before they were carried has neither section, and none is shown.
 */
export function InternalControlView({ content }: { content: ReportContent }) {
  return (
    <>
      {content.internalControl !== undefined && <InternalControlReportView section={content.internalControl} />}
      {content.riskMatrix !== undefined && (
        <section aria-labelledby="report-riskMatrix-heading" className="section">
          <Title order={2} size="h3" id="report-riskMatrix-heading" mb="sm">
            {IC_SECTION_TEXTS.riskMatrix.title}
          </Title>
          <RiskMatrixView matrix={content.riskMatrix} />
        </section>
      )}
      {content.controlResults !== undefined && (
        <section aria-labelledby="report-controlResults-heading" className="section">
          <Title order={2} size="h3" id="report-controlResults-heading" mb="sm">
            {IC_SECTION_TEXTS.controlResults.title}
          </Title>
          <ControlResultsView control={content.controlResults} />
        </section>
      )}
    </>
  );
}
