import './texts';
import { Alert, Anchor, Button, Group, List, Paper, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ClipboardEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { figureOf, partsOf } from '../../../domain/indicators/rollup';
import { ApiError } from '../app/api';
import { call, client, type Schema } from '../app/client';
import { isMonth, unitMonthPath } from '../app/context';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { SubmissionBadge } from '../followup/ui';
import { formatDecimalText, formatFigure, parseDecimalInput, sameDecimal } from '../steering/numbers';
import { LoadError, Loading, StatusBadge } from '../steering/ui';
import { unitMonthKey } from './queries';
import { monthLabel } from './texts';

type UnitMonth = Schema<'UnitMonth'>;
type MonthIndicator = Schema<'MonthIndicator'>;
type Kind = 'outcome' | 'forecast';

/** How long after the last keystroke a draft is saved. */
const AUTOSAVE_MS = 800;

const cellKey = (indicatorId: string, kind: Kind) => `${indicatorId}|${kind}`;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The unit's month on one page: enter everything, see what is missing, hand in; or review and decide. */
export function MonthPage() {
  const { i18n } = useTranslation();
  const { unitId = '', month = '' } = useParams();
  const view = useQuery({
    queryKey: unitMonthKey(unitId, month),
    queryFn: () => call(client.GET('/units/{unitId}/months/{period}', { params: { path: { unitId, period: month } } })),
    enabled: isMonth(month),
  });
  if (!isMonth(month)) return <Alert color="red">{month}</Alert>;
  if (view.isPending) return <Loading />;
  if (view.isError)
    return (
      <>
        <PageHeading title={monthLabel(month, i18n.language)} />
        <LoadError error={view.error} />
      </>
    );
  return <MonthView key={`${unitId}|${month}`} view={view.data} />;
}

function MonthView({ view }: { view: UnitMonth }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { unitId, period } = view;
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: unitMonthKey(unitId, period) }),
    [queryClient, unitId, period],
  );
  // Every write goes through one queue, so versions read by one save are current for the next.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const enqueue = useCallback(
    (work: () => Promise<unknown>) => {
      setSaving('saving');
      const next = queue.current.then(work).then(
        () => {
          setError(null);
          setSaving('saved');
          // The checklist and the figures are the server's: read them again after each write.
          void refresh();
        },
        (e: unknown) => {
          setError(messageOf(e));
          setSaving('idle');
        },
      );
      queue.current = next;
      return next;
    },
    [refresh],
  );

  const title = t('month.heading', { unit: view.unitName, month: monthLabel(view.period, i18n.language) });
  const editable = view.can.edit;
  const values = useValueCells(view, enqueue);
  const analyses = useAnalyses(view, enqueue);

  const flushAll = async () => {
    values.flush();
    analyses.flush();
    await queue.current;
  };

  const decide = async (action: 'submit' | 'approve' | 'return', comment?: string) => {
    await flushAll();
    await enqueue(async () => {
      const current = await call(
        client.GET('/followup/submissions/{unitId}/{period}', {
          params: { path: { unitId: view.unitId, period: view.period } },
        }),
      );
      const path = { unitId: view.unitId, period: view.period };
      if (action === 'submit')
        await call(
          client.POST('/followup/submissions/{unitId}/{period}/submit', {
            params: { path },
            body: { version: current.version },
          }),
        );
      else if (action === 'approve')
        await call(
          client.POST('/followup/submissions/{unitId}/{period}/approve', {
            params: { path },
            body: { version: current.version },
          }),
        );
      else
        await call(
          client.POST('/followup/submissions/{unitId}/{period}/return', {
            params: { path },
            body: { version: current.version, comment: comment ?? '' },
          }),
        );
    });
    await refresh();
  };

  return (
    <>
      <PageHeading title={title} />
      <Text mb="sm">{editable ? t('month.intro') : t('month.readOnlyIntro')}</Text>
      <Group gap="sm" mb="md" wrap="wrap">
        <Text span fw={600}>
          {t('month.status')}:
        </Text>
        <span data-testid="month-status">
          <SubmissionBadge status={view.status} />
        </span>
        {view.deadline && <Text span>{t('month.deadline', { date: formatDate(view.deadline) })}</Text>}
        <Text span role="status" aria-live="polite" className="muted">
          {saving === 'saving' ? t('month.saving') : saving === 'saved' ? t('month.saved') : ''}
        </Text>
      </Group>
      {error && (
        <Alert color="red" role="alert" mb="md">
          {t('month.saveError', { message: error })}
        </Alert>
      )}
      {view.status === 'returned' && view.returnComment && (
        <Alert color="orange" mb="md">
          {t('month.returned', { comment: view.returnComment })}
        </Alert>
      )}
      <Checklist view={view} />
      <IndicatorTable view={view} cells={values} />
      <Goals view={view} analyses={analyses} />
      <Measures view={view} enqueue={enqueue} />
      <section aria-labelledby="analysis-heading" className="section">
        <Title order={2} size="h3" id="analysis-heading" mb="sm">
          {t('month.analysis')}
        </Title>
        {editable ? (
          <Textarea
            label={t('month.analysis')}
            autosize
            minRows={3}
            value={analyses.text('unit')}
            onChange={(e) => analyses.change('unit', e.currentTarget.value)}
            onBlur={() => analyses.flush()}
          />
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{view.analysis || '–'}</Text>
        )}
      </section>
      <Decision view={view} decide={decide} />
      {view.children.length > 0 && (
        <section aria-labelledby="children-heading" className="section">
          <Title order={2} size="h3" id="children-heading" mb="sm">
            {t('month.children')}
          </Title>
          <List>
            {view.children.map((c) => (
              <List.Item key={c.unitId}>
                <Anchor component={Link} to={unitMonthPath(c.unitId, view.period)}>
                  {c.name}
                </Anchor>{' '}
                <span className="muted">– {c.statusLabel}</span>
              </List.Item>
            ))}
          </List>
        </section>
      )}
    </>
  );
}

function Checklist({ view }: { view: UnitMonth }) {
  const { t } = useTranslation();
  const handedIn = view.status === 'submitted' || view.status === 'approved';
  return (
    <Paper withBorder p="md" mb="md" radius="md" component="section" aria-labelledby="checklist-heading">
      <Title order={2} size="h3" id="checklist-heading" mb="xs">
        {t('month.checklist')}
      </Title>
      {handedIn ? (
        <Text>{t('month.nothingAsked')}</Text>
      ) : view.missing.length === 0 ? (
        <Text>{t('month.nothingMissing')}</Text>
      ) : (
        <List data-testid="month-missing">
          {view.missing.map((m) => (
            <List.Item key={`${m.kind}|${m.id}`}>{m.label}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

type Enqueue = (work: () => Promise<unknown>) => Promise<unknown>;

/** The value cells: their texts, what changed since the last save, and the saving. */
function useValueCells(view: UnitMonth, enqueue: Enqueue) {
  const stored = useRef(new Map<string, { value: string; enteredAt: string } | null>());
  const [texts, setTexts] = useState(() => {
    const m = new Map<string, string>();
    for (const i of view.indicators)
      for (const p of i.parts)
        for (const kind of ['outcome', 'forecast'] as const) {
          const v = p[kind];
          stored.current.set(cellKey(p.indicatorId, kind), v ? { value: v.value, enteredAt: v.enteredAt } : null);
          m.set(cellKey(p.indicatorId, kind), v ? formatDecimalText(v.value) : '');
        }
    return m;
  });
  const textsRef = useRef(texts);
  textsRef.current = texts;
  const dirty = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [invalid, setInvalid] = useState(new Set<string>());

  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const keys = [...dirty.current];
    if (keys.length === 0) return;
    dirty.current.clear();
    void enqueue(async () => {
      const rows = [];
      const bad = new Set<string>();
      for (const k of keys) {
        const parsed = parseDecimalInput(textsRef.current.get(k) ?? '');
        if (!parsed.ok) {
          bad.add(k);
          continue;
        }
        const before = stored.current.get(k) ?? null;
        if (sameDecimal(parsed.value, before?.value ?? null)) continue;
        const [indicatorId = '', kind = 'outcome'] = k.split('|');
        rows.push({
          indicatorId,
          unitId: view.unitId,
          period: view.period,
          kind: kind as Kind,
          value: parsed.value,
          basedOn: before?.enteredAt ?? null,
        });
      }
      setInvalid(bad);
      if (rows.length === 0) return;
      const saved = await call(client.PUT('/values', { body: { values: rows } }));
      for (const r of rows) stored.current.set(cellKey(r.indicatorId, r.kind), null);
      for (const v of saved.values)
        stored.current.set(cellKey(v.indicatorId, v.kind), { value: v.value, enteredAt: v.enteredAt });
    });
  }, [enqueue, view.unitId, view.period]);

  useEffect(() => () => save(), [save]);

  return {
    text: (k: string) => texts.get(k) ?? '',
    invalid: (k: string) => invalid.has(k),
    change(k: string, value: string) {
      setTexts((prev) => new Map(prev).set(k, value));
      dirty.current.add(k);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, AUTOSAVE_MS);
    },
    /** Pasted rows from a spreadsheet, starting at a cell of the grid. */
    paste(grid: string[][], startRow: number, startCol: number, rows: string[][]) {
      setTexts((prev) => {
        const next = new Map(prev);
        for (const [r, cells] of rows.entries())
          for (const [c, cell] of cells.entries()) {
            const k = grid[startRow + r]?.[startCol + c];
            if (k) {
              next.set(k, cell.trim());
              dirty.current.add(k);
            }
          }
        return next;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, AUTOSAVE_MS);
    },
    flush: save,
  };
}
type Cells = ReturnType<typeof useValueCells>;

/** A ratio computed as the server computes it (domain/indicators/rollup), from the typed parts. */
function liveRatio(i: MonthIndicator, cells: Cells, kind: Kind): string | null {
  if (i.aggregation !== 'ratio') return null;
  const [num, den] = i.parts.map((p) => parseDecimalInput(cells.text(cellKey(p.indicatorId, kind))));
  if (!num?.ok || !den?.ok || num.value === null || den.value === null) return null;
  const figure = figureOf('ratio', { ...partsOf({ numerator: num.value, denominator: den.value }), count: 1 }, i.scale);
  return figure === null ? null : formatFigure(figure.toDecimalPlaces(4).toNumber(), i.measureUnit);
}

function IndicatorTable({ view, cells }: { view: UnitMonth; cells: Cells }) {
  const { t } = useTranslation();
  const editable = (i: MonthIndicator) => view.can.edit && i.enteredHere && i.due;
  // The grid of input cells, row by row, for Tab order and for pasting.
  const rows = view.indicators.filter(editable);
  const grid = rows.map((i) => [
    ...i.parts.map((p) => cellKey(p.indicatorId, 'outcome')),
    ...i.parts.map((p) => cellKey(p.indicatorId, 'forecast')),
  ]);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      cells.flush();
    }
  };
  const onPaste = (row: number, col: number) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text)) return;
    e.preventDefault();
    const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    cells.paste(
      grid,
      row,
      col,
      lines.map((l) => l.split('\t')),
    );
  };
  const input = (i: MonthIndicator, kind: Kind, partIndex: number) => {
    const p = i.parts[partIndex] as MonthIndicator['parts'][number];
    const k = cellKey(p.indicatorId, kind);
    const row = rows.indexOf(i);
    const col = (kind === 'outcome' ? 0 : i.parts.length) + partIndex;
    const partLabel = t(`month.parts.${p.role}`, { name: p.name });
    return (
      <TextInput
        key={k}
        size="xs"
        inputMode="decimal"
        autoComplete="off"
        aria-label={t('month.inputLabel', {
          kind: t(kind === 'outcome' ? 'month.outcome' : 'month.forecast'),
          part: i.parts.length > 1 ? partLabel : '',
          indicator: i.name,
        })}
        placeholder={i.parts.length > 1 ? p.name : undefined}
        value={cells.text(k)}
        error={cells.invalid(k) || undefined}
        onChange={(e) => cells.change(k, e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste(row, col)}
        data-cell={`${row}:${col}`}
      />
    );
  };
  const figureCell = (i: MonthIndicator, kind: Kind) => {
    if (editable(i)) {
      const live = liveRatio(i, cells, kind);
      return (
        <>
          {i.parts.map((_, n) => input(i, kind, n))}
          {live && (
            <Text size="xs" aria-live="polite">
              {t('month.ratioLive', { value: live })}
            </Text>
          )}
        </>
      );
    }
    const value = kind === 'outcome' ? i.outcome : i.forecast;
    return (
      <>
        {formatFigure(value, i.measureUnit)}
        {!i.due && <Text size="xs">{t('month.notDue')}</Text>}
        {i.due && !i.enteredHere && view.can.edit && <Text size="xs">{t('month.rolledUp')}</Text>}
      </>
    );
  };
  return (
    <section aria-labelledby="indicators-heading" className="section">
      <Title order={2} size="h3" id="indicators-heading" mb="sm">
        {t('month.indicators')}
      </Title>
      {view.indicators.length === 0 ? (
        <Text>{t('month.noIndicators')}</Text>
      ) : (
        <div className="table-scroll">
          <Table striped withTableBorder verticalSpacing="xs" data-testid="month-indicators">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('month.indicator')}</Table.Th>
                <Table.Th scope="col">{t('month.target')}</Table.Th>
                <Table.Th scope="col">{t('month.outcome')}</Table.Th>
                <Table.Th scope="col">{t('month.forecast')}</Table.Th>
                <Table.Th scope="col">{t('month.previous')}</Table.Th>
                <Table.Th scope="col">{t('month.deviation')}</Table.Th>
                <Table.Th scope="col">{t('month.statusCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.indicators.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Th scope="row">{i.name}</Table.Th>
                  <Table.Td>{formatFigure(i.target, i.measureUnit)}</Table.Td>
                  <Table.Td>{figureCell(i, 'outcome')}</Table.Td>
                  <Table.Td>{figureCell(i, 'forecast')}</Table.Td>
                  <Table.Td>{formatFigure(i.previousOutcome, i.measureUnit)}</Table.Td>
                  <Table.Td>{formatFigure(i.deviation, i.measureUnit)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={i.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** The goal analyses and the consolidated analysis: texts saved as drafts a moment after typing. */
function useAnalyses(view: UnitMonth, enqueue: Enqueue) {
  const [texts, setTexts] = useState(
    () =>
      new Map<string, string>([
        ['unit', view.analysis],
        ...view.goals.map((g) => [g.id, g.analysis?.text ?? ''] as [string, string]),
      ]),
  );
  const textsRef = useRef(texts);
  textsRef.current = texts;
  const versions = useRef(
    new Map<string, number | null>([
      ['unit', view.version],
      ...view.goals.map((g) => [g.id, g.analysis?.version ?? null] as [string, number | null]),
    ]),
  );
  const saved = useRef(new Map(texts));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const changed = [...textsRef.current].filter(([id, text]) => saved.current.get(id) !== text);
    for (const [id, text] of changed) {
      saved.current.set(id, text);
      void enqueue(async () => {
        if (id === 'unit') {
          const detail = await call(
            client.PUT('/followup/submissions/{unitId}/{period}', {
              params: { path: { unitId: view.unitId, period: view.period } },
              body: { version: versions.current.get('unit') ?? 0, analysis: text },
            }),
          );
          versions.current.set('unit', detail.version);
        } else if (text.trim() !== '') {
          const a = await call(
            client.PUT('/goals/{id}/analyses', {
              params: { path: { id } },
              body: { unitId: view.unitId, period: view.period, text, version: versions.current.get(id) ?? null },
            }),
          );
          versions.current.set(id, a.version);
        }
      });
    }
  }, [enqueue, view.unitId, view.period]);
  useEffect(() => () => save(), [save]);
  return {
    text: (id: string) => texts.get(id) ?? '',
    change(id: string, value: string) {
      setTexts((prev) => new Map(prev).set(id, value));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, AUTOSAVE_MS * 2);
    },
    flush: save,
  };
}

function Goals({ view, analyses }: { view: UnitMonth; analyses: ReturnType<typeof useAnalyses> }) {
  const { t } = useTranslation();
  const names = new Map(view.indicators.map((i) => [i.id, i]));
  return (
    <section aria-labelledby="goals-heading" className="section">
      <Title order={2} size="h3" id="goals-heading" mb="sm">
        {t('month.goals')}
      </Title>
      {view.goals.length === 0 && <Text>{t('month.noGoals')}</Text>}
      {view.goals.map((g) => (
        <Paper key={g.id} withBorder p="sm" mb="sm" radius="md">
          <Group gap="xs" mb="xs">
            <StatusBadge status={g.status} />
            <Text fw={600}>{g.title}</Text>
            <Text size="sm" className="muted">
              {g.ownerUnitName}
            </Text>
          </Group>
          <Text size="sm" mb="xs">
            {g.indicatorIds
              .map((id) => names.get(id))
              .filter((i) => !!i)
              .map((i) => `${i?.name}: ${formatFigure(i?.outcome ?? null, i?.measureUnit)}`)
              .join(' · ')}
          </Text>
          {view.can.edit ? (
            <Textarea
              label={t('month.goalAnalysis', { goal: g.title })}
              autosize
              minRows={2}
              value={analyses.text(g.id)}
              onChange={(e) => analyses.change(g.id, e.currentTarget.value)}
              onBlur={() => analyses.flush()}
            />
          ) : (
            <Text style={{ whiteSpace: 'pre-wrap' }}>{g.analysis?.text || '–'}</Text>
          )}
        </Paper>
      ))}
    </section>
  );
}

const kr = new Intl.NumberFormat('sv-SE');
const formatKr = (text: string | null) => (text === null ? '–' : kr.format(BigInt(text)));
const krInput = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-');

function Measures({ view, enqueue }: { view: UnitMonth; enqueue: Enqueue }) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState(new Map<string, string>());
  const [bad, setBad] = useState(new Set<string>());
  const save = (m: UnitMonth['measures'][number]) => {
    const forecast = texts.get(`${m.id}|f`);
    const outcome = texts.get(`${m.id}|o`);
    if (forecast === undefined && outcome === undefined && m.reported) return;
    const f = krInput(forecast ?? m.forecast ?? '');
    const o = krInput(outcome ?? m.outcome ?? '');
    if (!/^-?\d+$/.test(f) || (o !== '' && !/^-?\d+$/.test(o))) {
      setBad((prev) => new Set(prev).add(m.id));
      return;
    }
    setBad((prev) => {
      const next = new Set(prev);
      next.delete(m.id);
      return next;
    });
    setTexts((prev) => {
      const next = new Map(prev);
      next.delete(`${m.id}|f`);
      next.delete(`${m.id}|o`);
      return next;
    });
    void enqueue(async () => {
      const current = await call(
        client.GET('/measures/{id}', { params: { path: { id: m.id }, query: { period: view.period } } }),
      );
      await call(
        client.POST('/measures/{id}/reports', {
          params: { path: { id: m.id } },
          body: { version: current.version, period: view.period, forecastKr: f, outcomeKr: o === '' ? null : o },
        }),
      );
    });
  };
  return (
    <section aria-labelledby="measures-heading" className="section" id="atgarder">
      <Title order={2} size="h3" id="measures-heading" mb="sm">
        {t('month.measures')}
      </Title>
      {view.measures.length === 0 ? (
        <Text>{t('month.noMeasures')}</Text>
      ) : (
        <div className="table-scroll">
          <Table striped withTableBorder verticalSpacing="xs" data-testid="month-measures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('month.measure')}</Table.Th>
                <Table.Th scope="col">{t('month.planned')}</Table.Th>
                <Table.Th scope="col">{t('month.measureForecast')}</Table.Th>
                <Table.Th scope="col">{t('month.measureOutcome')}</Table.Th>
                <Table.Th scope="col">{t('month.statusCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.measures.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row">
                    {m.title} <span className="muted">({m.ownerUnitName})</span>
                  </Table.Th>
                  <Table.Td>{formatKr(m.planned)}</Table.Td>
                  {(['f', 'o'] as const).map((which) => (
                    <Table.Td key={which}>
                      {m.mayReport ? (
                        <TextInput
                          size="xs"
                          inputMode="numeric"
                          autoComplete="off"
                          aria-label={`${t(which === 'f' ? 'month.measureForecast' : 'month.measureOutcome')} (${m.title})`}
                          value={
                            texts.get(`${m.id}|${which}`) ?? (which === 'f' ? (m.forecast ?? '') : (m.outcome ?? ''))
                          }
                          error={bad.has(m.id) || undefined}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            setTexts((prev) => new Map(prev).set(`${m.id}|${which}`, value));
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              save(m);
                            }
                          }}
                          onBlur={() => save(m)}
                        />
                      ) : (
                        formatKr(which === 'f' ? m.forecast : m.outcome)
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td>{m.reported ? t('month.reported') : t('month.notReported')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

function Decision({
  view,
  decide,
}: {
  view: UnitMonth;
  decide: (action: 'submit' | 'approve' | 'return', comment?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: 'submit' | 'approve' | 'return') => {
    setBusy(true);
    setError(null);
    try {
      await decide(action, comment);
    } catch (e) {
      setError(
        e instanceof ApiError && e.fields.length > 0
          ? `${e.message} ${e.fields.map((f) => f.message).join(' ')}`
          : messageOf(e),
      );
    } finally {
      setBusy(false);
    }
  };
  if (!view.can.submit && !view.can.decide) return null;
  return (
    <Paper withBorder p="md" mb="md" radius="md" component="section" aria-label={t('month.status')}>
      {error && (
        <Alert color="red" role="alert" mb="sm">
          {error}
        </Alert>
      )}
      {view.can.submit && (
        <Button onClick={() => void run('submit')} loading={busy}>
          {t('month.submit')}
        </Button>
      )}
      {view.can.decide && (
        <>
          <Textarea
            label={t('month.returnComment')}
            autosize
            minRows={2}
            mb="sm"
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => void run('approve')} loading={busy}>
              {t('month.approve')}
            </Button>
            <Button variant="outline" onClick={() => void run('return')} disabled={busy || comment.trim() === ''}>
              {t('month.return')}
            </Button>
          </Group>
        </>
      )}
    </Paper>
  );
}
