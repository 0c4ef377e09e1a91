import { Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { call, client } from '../app/client';
import { formatDate, formatNumber } from '../app/format';
import { PageHeading } from '../app/page';
import { DecisionForm, useMayRegisterDecisions } from './DecisionForm';
import { DECISION_KINDS, type DecisionKind } from './types';
import { LoadError, Loading } from './ui';

/** Beslutsregistret: decisions, assignments and information items, searchable. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = (DECISION_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as DecisionKind) : null;
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const mayRegister = useMayRegisterDecisions();
  const [registering, setRegistering] = useState(false);
  const [status, setStatus] = useState('');

  // The search lives in the address, so a search can be shared and survives going back.
  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const decisions = useQuery({
    queryKey: ['decisions', { q: debounced, kind }],
    queryFn: () =>
      call(client.GET('/decisions', { params: { query: { q: debounced || undefined, kind: kind || undefined } } })),
    placeholderData: keepPreviousData,
  });

  const list = decisions.data?.decisions ?? [];
  return (
    <>
      <PageHeading title={t('decisions.title')} />
      <Text mb="md">{t('decisions.intro')}</Text>
      {mayRegister && (
        <Button
          mb="md"
          aria-expanded={registering}
          onClick={() => {
            setStatus('');
            setRegistering((open) => !open);
          }}
        >
          {t('decisionForm.open')}
        </Button>
      )}
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {registering && (
        <DecisionForm
          onDone={(message) => {
            setRegistering(false);
            setStatus(message);
          }}
        />
      )}
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label={t('decisions.search')}
            description={t('decisions.searchHelp')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={360}
          />
          <Select
            label={t('decisions.kind')}
            data={[
              { value: 'all', label: t('decisions.allKinds') },
              ...DECISION_KINDS.map((k) => ({ value: k, label: t(`decisionKind.${k}`) })),
            ]}
            value={kind ?? 'all'}
            allowDeselect={false}
            onChange={(v) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (v && v !== 'all') next.set('kind', v);
                  else next.delete('kind');
                  return next;
                },
                { replace: true },
              )
            }
            w={360}
          />
        </Group>
      </Paper>
      <p aria-live="polite" className="visually-hidden">
        {decisions.isSuccess ? t('decisions.count', { count: list.length, formatted: formatNumber(list.length) }) : ''}
      </p>
      {decisions.isPending ? (
        <Loading />
      ) : decisions.isError ? (
        <LoadError error={decisions.error} />
      ) : list.length === 0 ? (
        <Text>{t('decisions.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>
              {t('decisions.caption', { count: list.length, formatted: formatNumber(list.length) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('decisions.date')}</Table.Th>
                <Table.Th scope="col">{t('decisions.body')}</Table.Th>
                <Table.Th scope="col">{t('decisions.paragraph')}</Table.Th>
                <Table.Th scope="col">{t('decisions.diarienummer')}</Table.Th>
                <Table.Th scope="col">{t('decisions.heading')}</Table.Th>
                <Table.Th scope="col">{t('decisions.kind')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td className="nowrap">{formatDate(d.decidedOn)}</Table.Td>
                  <Table.Td>{d.bodyName ?? d.officialName ?? '—'}</Table.Td>
                  <Table.Td>{d.paragraph ? `§ ${d.paragraph}` : '—'}</Table.Td>
                  <Table.Td className="nowrap">{d.diarienummer ?? '—'}</Table.Td>
                  <Table.Th scope="row" fw="normal">
                    <Text fw={600} component="span">
                      {d.title}
                    </Text>
                    {d.text && (
                      <Text size="sm" className="muted">
                        {d.text}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{t(`decisionKind.${d.kind}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
