import { Alert, Anchor, Button, Group, Modal, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { formatDate, today } from '../app/format';
import { PageHeading } from '../app/page';
import { monthAbbreviation, monthName } from '../steering/periods';
import { LoadError, Loading } from '../steering/ui';
import { controlStepLabel } from './control-step';
import { type CalendarEntry, calendarOf, inLevelOrder, monthsOf } from './cycle';
import { kindLabel, levelLabel, occasionPeriodText } from './labels';
import { OccasionForm } from './OccasionForm';
import { cycleKey, cycleQuery, followupPage } from './queries';
import { type Cycle, isFollowupKind, type Occasion } from './types';
import { ScrollRegion } from './ui';
import './followup.css';

const dayMonth = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayOf = (iso: string) => dayMonth.format(new Date(`${iso}T12:00:00Z`));

type FormState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** Årshjul: the year's follow-ups and planning milestones, as a calendar and as a list. */
export function CyclePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(today().slice(0, 4));
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const cycle = useQuery({ ...cycleQuery(year), placeholderData: keepPreviousData });
  // Last year's cycle has deadlines in this year too: the annual report is due in the spring.
  const lastYear = useQuery(cycleQuery(year - 1));
  const [form, setForm] = useState<FormState>(null);
  const [message, setMessage] = useState('');
  const [removing, setRemoving] = useState<Occasion | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const years = Array.from({ length: thisYear + 2 - 2020 + 1 }, (_, i) => 2020 + i);
  if (!years.includes(year)) years.push(year);
  const goTo = (y: number) => {
    setForm(null);
    setMessage('');
    setParams({ year: String(y) }, { replace: true });
  };

  const data = cycle.data?.year === year ? cycle.data : undefined;
  // What the user may do comes with the cycle and each occasion, as the server decides it.
  const mayCreate = Boolean(data?.can.create);
  const editing = form?.mode === 'edit' ? (data?.occasions.find((o) => o.id === form.id && o.can.edit) ?? null) : null;

  return (
    <>
      <PageHeading title={t('followup.cycle.title')} />
      <Text mb="md" className="prose">
        {t('followup.cycle.intro')}
      </Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap" justify="space-between">
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('followup.cycle.year')}
              data={years.map(String)}
              value={String(year)}
              onChange={(e) => goTo(Number(e.currentTarget.value))}
              w={140}
            />
            <Button
              variant="default"
              onClick={() => goTo(year - 1)}
              aria-label={t('followup.cycle.previousYear', { year: year - 1 })}
            >
              ‹ {year - 1}
            </Button>
            <Button
              variant="default"
              onClick={() => goTo(year + 1)}
              aria-label={t('followup.cycle.nextYear', { year: year + 1 })}
            >
              {year + 1} ›
            </Button>
          </Group>
          {mayCreate && form === null && (
            <Button
              onClick={() => {
                setMessage('');
                setForm({ mode: 'create' });
              }}
            >
              {t('followup.cycle.add')}
            </Button>
          )}
        </Group>
      </Paper>
      <p aria-live="polite" className="status-message">
        {message}
      </p>
      {mayCreate && form?.mode === 'create' && (
        <OccasionForm
          key={`create-${year}`}
          year={year}
          occasion={null}
          onClose={() => setForm(null)}
          onDone={(m) => {
            setForm(null);
            setMessage(m);
          }}
        />
      )}
      {editing && (
        <OccasionForm
          key={editing.id}
          year={year}
          occasion={editing}
          onClose={() => setForm(null)}
          onDone={(m) => {
            setForm(null);
            setMessage(m);
          }}
        />
      )}
      {cycle.isError && !data ? (
        <LoadError error={cycle.error} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          {data.occasions.length === 0 && (
            <Alert color="blue" mb="md">
              {t('followup.cycle.empty', { year })}
            </Alert>
          )}
          <Calendar cycle={data} carried={lastYear.data?.year === year - 1 ? lastYear.data.occasions : []} />
          <OccasionList
            cycle={data}
            headingRef={listHeading}
            onEdit={(o) => {
              setMessage('');
              setForm({ mode: 'edit', id: o.id });
            }}
            onRemove={setRemoving}
          />
        </>
      )}
      {data?.occasions.some((o) => o.can.remove) && (
        <RemoveDialog
          occasion={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(title) => {
            setRemoving(null);
            setForm(null);
            setMessage(t('followup.cycle.removed', { title }));
            // The row is gone: the list's heading takes the focus in its place.
            requestAnimationFrame(() => listHeading.current?.focus());
          }}
        />
      )}
    </>
  );
}

/** Each level's deadlines in the month they fall in: a table with a row per level and a column per month. */
function Calendar({ cycle, carried }: { cycle: Cycle; carried: Occasion[] }) {
  const { t } = useTranslation();
  const rows = calendarOf([...cycle.occasions, ...carried], cycle.year);
  const months = monthsOf(cycle.year);
  const current = today().slice(0, 7);
  return (
    <section aria-labelledby="calendar-heading" className="section">
      <Title order={2} size="h3" id="calendar-heading" mb="sm">
        {t('followup.cycle.calendarHeading', { year: cycle.year })}
      </Title>
      <Text size="sm" mb="xs">
        {t('followup.cycle.calendarIntro')}
      </Text>
      {rows.length === 0 ? (
        <Text mb="md">{t('followup.cycle.calendarEmpty')}</Text>
      ) : (
        <ScrollRegion label={t('followup.cycle.calendarRegion')} minWidth="75rem">
          <Table withTableBorder withColumnBorders captionSide="top" className="cycle-calendar">
            <Table.Caption>{t('followup.cycle.calendarCaption', { year: cycle.year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('followup.cycle.level')}</Table.Th>
                {months.map((m) => (
                  <Table.Th key={m} scope="col" className={m === current ? 'current-month' : undefined}>
                    <span aria-hidden="true">{monthAbbreviation(m)}</span>
                    <span className="visually-hidden">{monthName(m)}</span>
                    {m === current && <span className="visually-hidden"> ({t('followup.cycle.thisMonth')})</span>}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.level}>
                  <Table.Th scope="row">{levelLabel(t, row.level)}</Table.Th>
                  {months.map((m) => (
                    <Table.Td key={m} className={m === current ? 'current-month' : undefined}>
                      <CalendarCell entries={row.months.get(m) ?? []} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

function CalendarCell({ entries }: { entries: CalendarEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <ul className="plain-list">
      {entries.map((e) => (
        <li
          key={`${e.occasion.id}-${e.level}`}
          className="cycle-entry"
          data-kind={isFollowupKind(e.occasion.kind) ? 'followup' : 'milestone'}
        >
          <span className="cycle-entry-day">{dayOf(e.dueOn)}</span> {e.occasion.title}
          {e.occasion.year !== Number(e.dueOn.slice(0, 4)) && (
            <span className="muted"> ({t('followup.cycle.fromYear', { year: e.occasion.year })})</span>
          )}
          {!isFollowupKind(e.occasion.kind) && (
            <span className="muted"> ({kindLabel(t, e.occasion.kind).toLocaleLowerCase('sv')})</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function OccasionList({
  cycle,
  headingRef,
  onEdit,
  onRemove,
}: {
  cycle: Cycle;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onEdit: (o: Occasion) => void;
  onRemove: (o: Occasion) => void;
}) {
  const { t } = useTranslation();
  const actions = cycle.occasions.some((o) => o.can.edit || o.can.remove);
  return (
    <section aria-labelledby="occasions-heading" className="section">
      <Title order={2} size="h3" id="occasions-heading" mb="sm" ref={headingRef} tabIndex={-1}>
        {t('followup.cycle.listHeading', { year: cycle.year })}
      </Title>
      {cycle.occasions.length === 0 ? (
        <Text>{t('followup.cycle.listEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t('followup.cycle.listCaption', { year: cycle.year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('followup.cycle.occasion')}</Table.Th>
                <Table.Th scope="col">{t('followup.cycle.kind')}</Table.Th>
                <Table.Th scope="col">{t('followup.cycle.concerns')}</Table.Th>
                <Table.Th scope="col">{t('followup.cycle.deadlines')}</Table.Th>
                {actions && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycle.occasions.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Th scope="row" fw="normal">
                    {o.title}
                    {o.period && isFollowupKind(o.kind) && (
                      <>
                        <br />
                        <Anchor component={Link} to={followupPage(o.period)} size="sm">
                          {t('followup.cycle.showFollowup', { title: o.title })}
                        </Anchor>
                      </>
                    )}
                  </Table.Th>
                  <Table.Td>
                    {kindLabel(t, o.kind)}
                    {o.controlStep && (
                      <>
                        <br />
                        <Text span size="sm">
                          {t('followup.cycle.controlStep')}: {controlStepLabel(t, o.controlStep)}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">{occasionPeriodText(o)}</Table.Td>
                  <Table.Td>
                    {o.deadlines.length === 0 ? (
                      '–'
                    ) : (
                      <ul className="deadline-list">
                        {inLevelOrder(o.deadlines).map((d) => (
                          <li key={d.level}>
                            {levelLabel(t, d.level)}: {formatDate(d.dueOn)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                  {actions && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {o.can.edit && (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => onEdit(o)}
                            aria-label={t('followup.cycle.editOf', { title: o.title })}
                          >
                            {t('common.edit')}
                          </Button>
                        )}
                        {o.can.remove && (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => onRemove(o)}
                            aria-label={t('followup.cycle.removeOf', { title: o.title })}
                          >
                            {t('followup.cycle.remove')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** Asks before an occasion is removed; the dialog gives the focus back to the button that opened it. */
function RemoveDialog({
  occasion,
  onClose,
  onRemoved,
}: {
  occasion: Occasion | null;
  onClose: () => void;
  onRemoved: (title: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (o: Occasion) =>
      call(
        client.DELETE('/cycle/occasions/{id}', { params: { path: { id: o.id }, query: { version: o.version } } }),
      ).then(() => o.title),
    onSuccess: (title) => onRemoved(title),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cycleKey }),
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  const conflict = remove.error instanceof ApiError && remove.error.status === 409;
  return (
    <Modal
      opened={occasion !== null}
      onClose={close}
      title={t('followup.cycle.removeTitle')}
      returnFocus
      trapFocus
      centered
    >
      {occasion && (
        <>
          <Text mb="md">{t('followup.cycle.removeConfirm', { title: occasion.title })}</Text>
          <div aria-live="assertive">
            {remove.error && (
              <Alert color={conflict ? 'orange' : 'red'} mb="sm" title={t('followup.cycle.removeFailed')}>
                {conflict ? t('followup.cycle.conflict') : remove.error.message}
              </Alert>
            )}
          </div>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(occasion)}>
              {t('followup.cycle.removeConfirmButton')}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
