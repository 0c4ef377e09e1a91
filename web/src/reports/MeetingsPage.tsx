import { Anchor, Badge, Button, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { compareSwedish } from '../../../domain/collation';
import { formatDate, formatNumber, today } from '../app/format';
import { PageHeading } from '../app/page';
import { bodiesQuery } from '../bodies/BodiesPage';
import { LoadError, Loading } from '../steering/ui';
import { bodiesWhere } from '../steering/writable';
import { meetingLabel, outcomeKey, paragraphText } from './labels';
import { DecisionForm, NewItemForm, NewMeetingForm } from './MeetingForms';
import { byDateDescending, meetingsQuery, reportPath } from './queries';
import type { Meeting } from './types';

type Open = { kind: 'meeting' } | { kind: 'item'; meetingId: string } | { kind: 'decision'; itemId: string } | null;

/** Paragraphs in number order, "§ 9" before "§ 10". */
const byParagraph = (a: { paragraph: string }, b: { paragraph: string }) => compareSwedish(a.paragraph, b.paragraph);

function MeetingSection({
  meeting,
  mayWrite,
  open,
  setOpen,
  onDone,
}: {
  meeting: Meeting;
  mayWrite: boolean;
  open: Open;
  setOpen: (o: Open) => void;
  onDone: (message: string, focus: HTMLElement | null) => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const items = [...meeting.items].sort(byParagraph);
  const headingId = `meeting-${meeting.id}`;
  const decisionFor = open?.kind === 'decision' ? items.find((i) => i.id === open.itemId) : undefined;
  const done = (message: string) => onDone(message, message ? heading.current : null);
  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h3" id={headingId} ref={heading} tabIndex={-1}>
            {meetingLabel(meeting)}
          </Title>
          <Text size="sm" className="muted">
            {formatDate(meeting.meetsOn)}
            {meeting.title && meeting.title !== meetingLabel(meeting) ? ` · ${meeting.title}` : ''}
            {meeting.meetsOn >= today() ? ` · ${t('reports.meetings.coming')}` : ''}
          </Text>
        </div>
        {mayWrite && (
          <Button
            variant="default"
            size="xs"
            aria-expanded={open?.kind === 'item' && open.meetingId === meeting.id}
            onClick={() =>
              setOpen(
                open?.kind === 'item' && open.meetingId === meeting.id ? null : { kind: 'item', meetingId: meeting.id },
              )
            }
          >
            {t('reports.meetings.newItem')}
            <span className="visually-hidden">
              {' '}
              {t('reports.meetings.onMeeting', { meeting: meetingLabel(meeting) })}
            </span>
          </Button>
        )}
      </Group>
      {open?.kind === 'item' && open.meetingId === meeting.id && <NewItemForm meeting={meeting} onDone={done} />}
      {items.length === 0 ? (
        <Text size="sm">{t('reports.meetings.noItems')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table withTableBorder captionSide="top" verticalSpacing={6}>
            <Table.Caption className="visually-hidden">
              {t('reports.meetings.itemsCaption', { meeting: meetingLabel(meeting) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.meetings.paragraph')}</Table.Th>
                <Table.Th scope="col">{t('reports.meetings.item')}</Table.Th>
                <Table.Th scope="col">{t('reports.meetings.report')}</Table.Th>
                <Table.Th scope="col">{t('reports.meetings.decision')}</Table.Th>
                {mayWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-item={item.paragraph}>
                  <Table.Td className="nowrap">{paragraphText(item.paragraph)}</Table.Td>
                  <Table.Th scope="row" fw="normal">
                    {item.title}
                  </Table.Th>
                  <Table.Td>
                    {item.reportId ? (
                      <Anchor component={Link} to={reportPath(item.reportId)}>
                        {item.reportTitle ?? t('reports.meetings.openReport')}
                      </Anchor>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {item.outcome ? (
                      <>
                        <Badge
                          color={item.outcome === 'information' ? 'orange' : 'green'}
                          variant="light"
                          className="badge-dark warning-badge"
                          component="span"
                        >
                          {t(outcomeKey(item.outcome))}
                        </Badge>
                        {item.decisionText && (
                          <Text size="sm" className="analysis-text">
                            {item.decisionText}
                          </Text>
                        )}
                      </>
                    ) : (
                      <span className="muted">{t('reports.noDecisionYet')}</span>
                    )}
                  </Table.Td>
                  {mayWrite && (
                    <Table.Td>
                      {!item.outcome && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-expanded={open?.kind === 'decision' && open.itemId === item.id}
                          onClick={() =>
                            setOpen(
                              open?.kind === 'decision' && open.itemId === item.id
                                ? null
                                : { kind: 'decision', itemId: item.id },
                            )
                          }
                        >
                          {t('reports.meetings.recordDecision')}
                          <span className="visually-hidden">
                            {' '}
                            {t('reports.meetings.forItem', {
                              paragraph: paragraphText(item.paragraph),
                              title: item.title,
                            })}
                          </span>
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {decisionFor && <DecisionForm meeting={meeting} item={decisionFor} onDone={done} />}
      <FollowUpList meeting={meeting} />
    </Paper>
  );
}

/** The body's open uppdrag from earlier meetings, on this meeting's agenda with their status today. */
function FollowUpList({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.followUp.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={640} mt="md">
      <Table withTableBorder captionSide="top" verticalSpacing={6}>
        <Table.Caption>
          <strong>{t('reports.meetings.followUpHeading')}</strong> · {t('reports.meetings.followUpCaption')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.meetings.item')}</Table.Th>
            <Table.Th scope="col">{t('reports.meetings.followUpGiven')}</Table.Th>
            <Table.Th scope="col">{t('reports.meetings.followUpAssignee')}</Table.Th>
            <Table.Th scope="col">{t('reports.meetings.followUpReportBack')}</Table.Th>
            <Table.Th scope="col">{t('reports.meetings.followUpStatus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meeting.followUp.map((f) => (
            <Table.Tr key={f.assignmentId} data-status={f.status}>
              <Table.Th scope="row" fw="normal">
                {f.title}
              </Table.Th>
              <Table.Td className="nowrap">
                {formatDate(f.givenOn)}
                {f.paragraph ? `, ${paragraphText(f.paragraph)}` : ''}
              </Table.Td>
              <Table.Td>{f.assigneeName}</Table.Td>
              <Table.Td className="nowrap">{formatDate(f.reportBackOn)}</Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  className="badge-dark"
                  color={f.status === 'late' ? 'red' : f.status === 'reported' ? 'green' : 'gray'}
                >
                  {t(`reports.meetings.followUpStatusValue.${f.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Sammanträden: each body's meetings, their agenda items, the reports on them and what was decided. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const bodyFilter = params.get('body');
  const bodies = useQuery(bodiesQuery);
  const meetings = useQuery(meetingsQuery(bodyFilter));
  const [open, setOpen] = useState<Open>(null);
  const [status, setStatus] = useState('');
  const writable = useMemo(() => bodiesWhere(bodies.data?.bodies ?? [], 'addMeeting'), [bodies.data]);
  const list = [...(meetings.data?.meetings ?? [])].sort(byDateDescending);

  const choose = (next: Open) => {
    setStatus('');
    setOpen(next);
  };
  const done = (message: string, focus: HTMLElement | null) => {
    setOpen(null);
    setStatus(message);
    // The button that opened the form may be gone (an item with its decision): the meeting takes the focus.
    if (focus) requestAnimationFrame(() => focus.focus());
  };

  return (
    <>
      <PageHeading title={t('reports.meetings.title')} />
      <Text mb="md" className="prose">
        {t('reports.meetings.intro')}
      </Text>
      {writable.length > 0 && (
        <Button
          mb="md"
          aria-expanded={open?.kind === 'meeting'}
          onClick={() => choose(open?.kind === 'meeting' ? null : { kind: 'meeting' })}
        >
          {t('reports.meetings.new')}
        </Button>
      )}
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {open?.kind === 'meeting' && (
        <NewMeetingForm
          bodies={writable}
          onDone={(message) => {
            setOpen(null);
            setStatus(message);
          }}
        />
      )}
      <Paper withBorder p="md" mb="md" radius="md">
        <Select
          label={t('reports.meetings.filter')}
          data={[
            { value: 'all', label: t('reports.meetings.allBodies') },
            ...(bodies.data?.bodies ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
          value={bodyFilter ?? 'all'}
          allowDeselect={false}
          onChange={(v) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (v && v !== 'all') next.set('body', v);
                else next.delete('body');
                return next;
              },
              { replace: true },
            )
          }
          w={360}
        />
      </Paper>
      <p aria-live="polite" className="visually-hidden">
        {meetings.isSuccess
          ? t('reports.meetings.count', { count: list.length, formatted: formatNumber(list.length) })
          : ''}
      </p>
      {meetings.isPending ? (
        <Loading />
      ) : meetings.isError ? (
        <LoadError error={meetings.error} />
      ) : list.length === 0 ? (
        <Text>{t('reports.meetings.none')}</Text>
      ) : (
        list.map((m) => (
          <MeetingSection key={m.id} meeting={m} mayWrite={m.can.edit} open={open} setOpen={choose} onDone={done} />
        ))
      )}
    </>
  );
}
