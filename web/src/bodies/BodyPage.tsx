import './texts';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isAmountMatter, MATTERS, type MatterKind, matterLabel } from '../../../domain/competence/rules';
import { UNIT_LEVELS } from '../../../domain/org';
import { MEMBER_ROLES } from '../../../domain/permissions/bodies';
import { call, client, type Schema } from '../app/client';
import { formatDate, today } from '../app/format';
import { PageHeading } from '../app/page';
import { WrongLevelTable } from '../competence/WrongLevel';
import { formatMnkr, kronorJson, parseMnkrInput } from '../economy/money';
import { orgUnitsQuery } from '../org/TreePage';
import { DateField, FormPanel, SaveStatus, useFieldError } from '../steering/formkit';
import { LoadError, Loading } from '../steering/ui';
import { bodiesQuery } from './BodiesPage';

type Body = Schema<'Body'>;
type DelegationRow = Schema<'BodyDelegation'>;
type Member = Schema<'BodyMember'>;
type MemberRole = Member['role'];

const validity = (from: string, to: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : ''}`;

/**
 * /organ/:bodyId — one body: its delegation order, its seats, the decisions reported to it
 * (anmälan av delegationsbeslut) and those taken at the wrong level in its area. Buttons come
 * only from the `can` the server puts on the answers.
 */
export function BodyPage() {
  const { t } = useTranslation();
  const { bodyId = '' } = useParams();
  const bodies = useQuery(bodiesQuery);
  const units = useQuery(orgUnitsQuery(today()));
  if (bodies.isPending) return <Loading />;
  if (bodies.isError) return <LoadError error={bodies.error} />;
  const body = bodies.data.bodies.find((b) => b.id === bodyId);
  if (!body)
    return (
      <>
        <PageHeading title={t('body.notFound')} />
        <Anchor component={Link} to="/organ">
          {t('body.back')}
        </Anchor>
      </>
    );
  const unitName = (id: string) => units.data?.units.find((u) => u.id === id)?.name ?? id;
  const parent = bodies.data.bodies.find((b) => b.id === body.parentBodyId);
  return (
    <>
      <PageHeading title={body.name} />
      <Text>
        {t(`bodyKind.${body.kind}`)} · {validity(body.validFrom, body.validTo)}
      </Text>
      {parent && (
        <Text>
          {t('body.parent', { body: '' })}{' '}
          <Anchor component={Link} to={`/organ/${parent.id}`}>
            {parent.name}
          </Anchor>
        </Text>
      )}
      {body.unitIds.length > 0 && <Text>{t('body.governs', { units: body.unitIds.map(unitName).join(', ') })}</Text>}
      <Anchor component={Link} to="/organ" size="sm">
        {t('body.back')}
      </Anchor>
      <DelegationOrder body={body} bodies={bodies.data.bodies} />
      <Seats bodyId={body.id} />
      <Reported bodyId={body.id} />
      <section aria-labelledby="wrong-level-heading">
        <Title order={2} id="wrong-level-heading" mt="xl" mb="xs">
          {t('body.wrongLevel.heading')}
        </Title>
        <Text size="sm" mb="sm">
          {t('body.wrongLevel.intro')}
        </Text>
        <WrongLevelTable
          bodyId={body.id}
          caption={t('body.wrongLevel.heading')}
          emptyText={t('body.wrongLevel.none')}
        />
      </section>
    </>
  );
}

const orderKey = (bodyId: string) => ['bodies', bodyId, 'delegations'];

function DelegationOrder({ body, bodies }: { body: Body; bodies: Body[] }) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<DelegationRow | null>(null);
  const [status, setStatus] = useState('');
  const order = useQuery({
    queryKey: orderKey(body.id),
    queryFn: () => call(client.GET('/bodies/{id}/delegations', { params: { path: { id: body.id }, query: {} } })),
  });
  const delegateText = (r: DelegationRow) =>
    r.delegate.kind === 'official' ? `${r.delegate.title} (${t(`level.${r.delegate.unitLevel}`)})` : r.delegate.title;
  const rows = order.data ? (showAll ? order.data.all : order.data.inForce) : [];
  return (
    <section aria-labelledby="order-heading">
      <Title order={2} id="order-heading" mt="xl" mb="xs">
        {t('body.order.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('body.order.intro')}
      </Text>
      <div aria-live="polite">
        {status && (
          <Alert color="green" mb="sm">
            {status}
          </Alert>
        )}
      </div>
      {order.isPending ? (
        <Loading />
      ) : order.isError ? (
        <LoadError error={order.error} />
      ) : (
        <>
          <Group mb="sm">
            {order.data.all.length > order.data.inForce.length && (
              <Button variant="default" size="xs" onClick={() => setShowAll((v) => !v)}>
                {showAll ? t('body.order.showInForce') : t('body.order.showAll')}
              </Button>
            )}
            {order.data.can.add && !adding && (
              <Button size="xs" onClick={() => setAdding(true)}>
                {t('body.order.add')}
              </Button>
            )}
          </Group>
          {adding && (
            <AddDelegation
              body={body}
              bodies={bodies}
              onClose={(message) => {
                setAdding(false);
                if (message) setStatus(message);
              }}
            />
          )}
          {ending && (
            <EndDelegation
              row={ending}
              delegate={delegateText(ending)}
              onClose={(message) => {
                setEnding(null);
                if (message) setStatus(message);
              }}
            />
          )}
          {rows.length === 0 ? (
            <Text>{t('body.order.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table striped withTableBorder captionSide="top">
                <Table.Caption>{showAll ? t('body.order.captionAll') : t('body.order.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('body.order.matter')}</Table.Th>
                    <Table.Th scope="col">{t('body.order.delegate')}</Table.Th>
                    <Table.Th scope="col">{t('body.order.limit')}</Table.Th>
                    <Table.Th scope="col">{t('body.order.validity')}</Table.Th>
                    <Table.Th scope="col">{t('body.order.adoptedBy')}</Table.Th>
                    {order.data.can.add && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Th scope="row">{r.matterLabel}</Table.Th>
                      <Table.Td>{delegateText(r)}</Table.Td>
                      <Table.Td className="num">
                        {r.maxAmountKr === null ? t('body.order.noLimit') : formatMnkr(r.maxAmountKr)}
                      </Table.Td>
                      <Table.Td>{validity(r.validFrom, r.validTo)}</Table.Td>
                      <Table.Td>{r.decisionCitation ?? '—'}</Table.Td>
                      {order.data.can.add && (
                        <Table.Td>
                          {r.can.end && (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setEnding(r)}
                              aria-label={t('body.order.endTitle', {
                                matter: r.matterLabel,
                                delegate: delegateText(r),
                              })}
                            >
                              {t('body.order.end')}
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
        </>
      )}
    </section>
  );
}

function AddDelegation({ body, bodies, onClose }: { body: Body; bodies: Body[]; onClose: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const committees = bodies.filter((b) => b.parentBodyId === body.id);
  const [matter, setMatter] = useState<MatterKind>(MATTERS[0]);
  const [kind, setKind] = useState<'official' | 'body'>('official');
  const [title, setTitle] = useState('');
  const [unitLevel, setUnitLevel] = useState<(typeof UNIT_LEVELS)[number]>('forvaltning');
  const [delegateBodyId, setDelegateBodyId] = useState(committees[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [validTo, setValidTo] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const [amountError, setAmountError] = useState('');
  const decisions = useQuery({
    queryKey: ['decisions', { bodyId: body.id, kind: 'beslut' }],
    queryFn: () => call(client.GET('/decisions', { params: { query: { bodyId: body.id, kind: 'beslut' } } })),
  });
  const save = useMutation({
    mutationFn: (maxAmountKr: bigint | null) =>
      call(
        client.POST('/bodies/{id}/delegations', {
          params: { path: { id: body.id } },
          body: {
            matter,
            delegateKind: kind,
            delegateTitle: kind === 'body' ? (bodies.find((b) => b.id === delegateBodyId)?.name ?? title) : title,
            delegateUnitLevel: kind === 'official' ? unitLevel : null,
            delegateBodyId: kind === 'body' ? delegateBodyId : null,
            maxAmountKr: maxAmountKr === null ? null : kronorJson(maxAmountKr),
            validFrom,
            validTo: validTo || null,
            decisionId: decisionId || null,
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orderKey(body.id) });
      onClose(t('body.order.added'));
    },
  });
  const fieldError = useFieldError({}, save.error);
  const submit = () => {
    setAmountError('');
    let max: bigint | null = null;
    // A limit typed before the matter was changed to one without amounts is not sent.
    if (isAmountMatter(matter) && amount.trim() !== '') {
      const parsed = parseMnkrInput(amount);
      if (!parsed.ok || parsed.kronor < 0n) {
        setAmountError(parsed.ok ? t('economy.notNegative') : t(`economy.invalidMnkr.${parsed.reason}`));
        document.getElementById('add-delegation-amount')?.focus();
        return;
      }
      max = parsed.kronor;
    }
    save.mutate(max);
  };
  const shown = [
    'matter',
    'delegateTitle',
    'delegateUnitLevel',
    'delegateBodyId',
    'maxAmountKr',
    'validFrom',
    'validTo',
    'decisionId',
  ];
  return (
    <FormPanel id="add-delegation" title={t('body.order.addTitle')} onClose={() => onClose()}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <NativeSelect
          label={t('body.order.matter')}
          value={matter}
          onChange={(e) => {
            setMatter(e.currentTarget.value as MatterKind);
            setAmountError('');
          }}
          data={MATTERS.map((m) => ({ value: m, label: matterLabel(m) }))}
          error={fieldError('matter')}
          mb="sm"
        />
        <NativeSelect
          label={t('body.order.delegateKind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as 'official' | 'body')}
          data={(['official', 'body'] as const)
            .filter((k) => k === 'official' || committees.length > 0)
            .map((k) => ({ value: k, label: t(`body.order.kinds.${k}`) }))}
          mb="sm"
        />
        {kind === 'official' ? (
          <>
            <TextInput
              label={t('body.order.delegateTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fieldError('delegateTitle')}
              required
              mb="sm"
            />
            <NativeSelect
              label={t('body.order.delegateUnitLevel')}
              value={unitLevel}
              onChange={(e) => setUnitLevel(e.currentTarget.value as (typeof UNIT_LEVELS)[number])}
              data={UNIT_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
              error={fieldError('delegateUnitLevel')}
              mb="sm"
            />
          </>
        ) : (
          <NativeSelect
            label={t('body.order.delegateBody')}
            value={delegateBodyId}
            onChange={(e) => setDelegateBodyId(e.currentTarget.value)}
            data={committees.map((b) => ({ value: b.id, label: b.name }))}
            error={fieldError('delegateBodyId')}
            mb="sm"
          />
        )}
        {isAmountMatter(matter) && (
          <TextInput
            id="add-delegation-amount"
            label={t('body.order.maxAmount')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={amountError || fieldError('maxAmountKr')}
            inputMode="decimal"
            mb="sm"
          />
        )}
        <Group grow mb="sm">
          <DateField
            label={t('field.validFrom')}
            value={validFrom}
            onChange={setValidFrom}
            error={fieldError('validFrom')}
            required
          />
          <DateField label={t('field.validTo')} value={validTo} onChange={setValidTo} error={fieldError('validTo')} />
        </Group>
        <NativeSelect
          label={t('body.order.decision')}
          value={decisionId}
          onChange={(e) => setDecisionId(e.currentTarget.value)}
          data={[
            { value: '', label: t('body.order.noDecision') },
            ...(decisions.data?.decisions ?? []).map((d) => ({
              value: d.id,
              label: `${formatDate(d.decidedOn)}${d.paragraph ? ` § ${d.paragraph}` : ''} ${d.title}`,
            })),
          ]}
          error={fieldError('decisionId')}
          mb="sm"
        />
        <SaveStatus error={save.error} invalid={amountError !== ''} shown={shown} />
        <Button type="submit" loading={save.isPending}>
          {t('body.order.add')}
        </Button>
      </form>
    </FormPanel>
  );
}

function EndDelegation({
  row,
  delegate,
  onClose,
}: {
  row: DelegationRow;
  delegate: string;
  onClose: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [validTo, setValidTo] = useState(today());
  const end = useMutation({
    mutationFn: () =>
      call(
        client.POST('/body-delegations/{id}/end', {
          params: { path: { id: row.id } },
          body: { version: row.version, validTo },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orderKey(row.bodyId) });
      onClose(t('body.order.ended'));
    },
  });
  const fieldError = useFieldError({}, end.error);
  return (
    <FormPanel
      id="end-delegation"
      title={t('body.order.endTitle', { matter: row.matterLabel, delegate })}
      onClose={() => onClose()}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          end.mutate();
        }}
      >
        <DateField
          label={t('body.order.endOn')}
          value={validTo}
          onChange={setValidTo}
          error={fieldError('validTo')}
          required
          mb="sm"
        />
        <SaveStatus error={end.error} shown={['validTo']} />
        <Button type="submit" loading={end.isPending}>
          {t('body.order.end')}
        </Button>
      </form>
    </FormPanel>
  );
}

const seatsKey = (bodyId: string) => ['bodies', bodyId, 'members'];

function Seats({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [status, setStatus] = useState('');
  const seats = useQuery({
    queryKey: seatsKey(bodyId),
    queryFn: () => call(client.GET('/bodies/{id}/members', { params: { path: { id: bodyId } } })),
  });
  const close = (message?: string) => {
    setAdding(false);
    setEditing(null);
    if (message) setStatus(message);
  };
  return (
    <section aria-labelledby="seats-heading">
      <Title order={2} id="seats-heading" mt="xl" mb="xs">
        {t('body.seats.heading')}
      </Title>
      <div aria-live="polite">
        {status && (
          <Alert color="green" mb="sm">
            {status}
          </Alert>
        )}
      </div>
      {seats.isPending ? (
        <Loading />
      ) : seats.isError ? (
        <LoadError error={seats.error} />
      ) : (
        <>
          {seats.data.can.add && !adding && (
            <Button size="xs" mb="sm" onClick={() => setAdding(true)}>
              {t('body.seats.add')}
            </Button>
          )}
          {adding && <SeatForm bodyId={bodyId} onClose={close} />}
          {editing && <SeatForm bodyId={bodyId} member={editing} onClose={close} />}
          {seats.data.members.length === 0 ? (
            <Text>{t('body.seats.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped withTableBorder captionSide="top">
                <Table.Caption>{t('body.seats.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('body.seats.person')}</Table.Th>
                    <Table.Th scope="col">{t('body.seats.role')}</Table.Th>
                    <Table.Th scope="col">{t('body.order.validity')}</Table.Th>
                    {seats.data.can.add && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {seats.data.members.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Th scope="row">{m.displayName}</Table.Th>
                      <Table.Td>{t(`memberRole.${m.role}`)}</Table.Td>
                      <Table.Td>
                        {validity(m.validFrom, m.validTo)}
                        {m.validTo !== null && m.validTo <= today() ? ` (${t('body.seats.ended')})` : ''}
                      </Table.Td>
                      {seats.data.can.add && (
                        <Table.Td>
                          {m.can.edit && (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setEditing(m)}
                              aria-label={t('body.seats.editTitle', { name: m.displayName })}
                            >
                              {t('body.seats.edit')}
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
        </>
      )}
    </section>
  );
}

function SeatForm({
  bodyId,
  member,
  onClose,
}: {
  bodyId: string;
  member?: Member;
  onClose: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>(member?.role ?? 'ledamot');
  const [validFrom, setValidFrom] = useState(member?.validFrom ?? today());
  const [validTo, setValidTo] = useState(member?.validTo ?? '');
  // Only an administrator is offered this form (can.add), and the accounts are theirs to read.
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => call(client.GET('/users')),
    enabled: !member,
  });
  const save = useMutation({
    mutationFn: () =>
      member
        ? call(
            client.PUT('/body-members/{id}', {
              params: { path: { id: member.id } },
              body: { version: member.version, role, validFrom, validTo: validTo || null },
            }),
          )
        : call(
            client.POST('/bodies/{id}/members', {
              params: { path: { id: bodyId } },
              body: { userId, role, validFrom, validTo: validTo || null },
            }),
          ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: seatsKey(bodyId) });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      onClose(member ? t('body.seats.saved') : t('body.seats.added'));
    },
  });
  const fieldError = useFieldError({}, save.error);
  const options = (users.data?.users ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  return (
    <FormPanel
      id={member ? 'edit-seat' : 'add-seat'}
      title={member ? t('body.seats.editTitle', { name: member.displayName }) : t('body.seats.addTitle')}
      intro={member ? t('body.seats.endHelp') : undefined}
      onClose={() => onClose()}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {!member && (
          <NativeSelect
            label={t('body.seats.user')}
            value={userId}
            onChange={(e) => setUserId(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...options]}
            error={fieldError('userId')}
            required
            mb="sm"
          />
        )}
        <NativeSelect
          label={t('body.seats.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as MemberRole)}
          data={MEMBER_ROLES.map((r) => ({ value: r, label: t(`memberRole.${r}`) }))}
          error={fieldError('role')}
          mb="sm"
        />
        <Group grow mb="sm">
          <DateField
            label={t('field.validFrom')}
            value={validFrom}
            onChange={setValidFrom}
            error={fieldError('validFrom')}
            required
          />
          <DateField label={t('field.validTo')} value={validTo} onChange={setValidTo} error={fieldError('validTo')} />
        </Group>
        <SaveStatus error={save.error} shown={['userId', 'role', 'validFrom', 'validTo']} />
        <Button type="submit" loading={save.isPending}>
          {member ? t('common.save') : t('body.seats.add')}
        </Button>
      </form>
    </FormPanel>
  );
}

function Reported({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const reports = useQuery({
    queryKey: ['bodies', bodyId, 'delegation-reports'],
    queryFn: () => call(client.GET('/bodies/{id}/delegation-reports', { params: { path: { id: bodyId } } })),
  });
  return (
    <section aria-labelledby="reported-heading">
      <Title order={2} id="reported-heading" mt="xl" mb="xs">
        {t('body.reported.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('body.reported.intro')}
      </Text>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <LoadError error={reports.error} />
      ) : reports.data.reports.every((r) => r.decisions.length === 0) ? (
        <Text>{t('body.reported.none')}</Text>
      ) : (
        reports.data.reports.map((r) => (
          <Paper key={r.meeting?.id ?? 'waiting'} withBorder p="md" mb="md" radius="md" component="section">
            <Title order={3} size="h4">
              {r.meeting
                ? t('body.reported.meeting', { title: r.meeting.title, date: formatDate(r.meeting.meetsOn) })
                : r.from
                  ? t('body.reported.waiting', { from: formatDate(r.from) })
                  : t('body.reported.waitingAll')}
            </Title>
            {r.to && (
              <Text size="sm" className="muted">
                {r.from
                  ? t('body.reported.window', { from: formatDate(r.from), to: formatDate(r.to) })
                  : t('body.reported.windowUntil', { to: formatDate(r.to) })}
              </Text>
            )}
            {r.decisions.length === 0 ? (
              <Text size="sm">{t('body.reported.empty')}</Text>
            ) : (
              <ul className="plain-list">
                {r.decisions.map((d) => (
                  <li key={d.id}>
                    <Text size="sm">
                      <strong>{d.citation}</strong> {d.title}
                    </Text>
                    <Text size="sm" className="muted">
                      {t('body.reported.decidedBy', { who: d.decidedBy })}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </Paper>
        ))
      )}
    </section>
  );
}
