import { Alert, Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/client';
import { formatDateTime } from '../app/format';
import { LoadError, Loading } from '../steering/ui';
import { outboxKey, outboxQuery } from './queries';
import type { OutboxMessage } from './types';
import './followup.css';

/**
 * Utkorg: the reminders the system has written, sent by e-mail or waiting here when no mail
 * server is set up, and a button that runs the reminders at once.
 */
export function OutboxAdmin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const outbox = useQuery(outboxQuery);
  const run = useMutation({
    mutationFn: () => call(client.POST('/followup/reminders/run')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: outboxKey }),
  });
  const messages = [...(outbox.data?.messages ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const waiting = messages.filter((m) => m.sentAt === null).length;
  return (
    <section aria-labelledby="outbox-heading">
      <Title order={2} size="h3" id="outbox-heading" mb="xs">
        {t('followup.outbox.title')}
      </Title>
      <Text mb="sm" className="prose">
        {t('followup.outbox.intro')}
      </Text>
      <Group mb="sm" align="center">
        <Button onClick={() => run.mutate()} loading={run.isPending}>
          {t('followup.outbox.run')}
        </Button>
      </Group>
      <div aria-live="polite">
        {run.isSuccess && (
          <Alert color="green" mb="sm">
            {t('followup.outbox.ran', {
              created: t('followup.outbox.created', { count: run.data?.created ?? 0 }),
              sent: t('followup.outbox.sent', { count: run.data?.sent ?? 0 }),
            })}
          </Alert>
        )}
      </div>
      <div aria-live="assertive">
        {run.isError && (
          <Alert color="red" mb="sm" title={t('followup.outbox.runFailed')}>
            {run.error.message}
          </Alert>
        )}
      </div>
      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <LoadError error={outbox.error} />
      ) : messages.length === 0 ? (
        <Text>{t('followup.outbox.empty')}</Text>
      ) : (
        <>
          <Text mb="xs">{t('followup.outbox.summary', { count: messages.length, waiting })}</Text>
          <Table.ScrollContainer minWidth={900}>
            <Table withTableBorder striped captionSide="top">
              <Table.Caption>{t('followup.outbox.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('followup.outbox.subject')}</Table.Th>
                  <Table.Th scope="col">{t('followup.outbox.to')}</Table.Th>
                  <Table.Th scope="col">{t('followup.outbox.createdAt')}</Table.Th>
                  <Table.Th scope="col">{t('followup.outbox.sentAt')}</Table.Th>
                  <Table.Th scope="col">{t('followup.outbox.transport')}</Table.Th>
                  <Table.Th scope="col">{t('followup.outbox.error')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.map((m) => (
                  <MessageRow key={m.id} message={m} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </section>
  );
}

function MessageRow({ message: m }: { message: OutboxMessage }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Th scope="row" fw="normal">
        {m.subject}
        <details className="outbox-details">
          <summary>
            {t('followup.outbox.showBody')}
            <span className="visually-hidden">: {m.subject}</span>
          </summary>
          <pre className="outbox-body">{m.body}</pre>
        </details>
      </Table.Th>
      <Table.Td>{m.to ?? t('followup.outbox.noAddress')}</Table.Td>
      <Table.Td className="nowrap">{formatDateTime(m.createdAt)}</Table.Td>
      <Table.Td>
        {m.sentAt ? (
          <span className="nowrap">{formatDateTime(m.sentAt)}</span>
        ) : (
          <Badge color="gray" variant="outline" className="badge-dark" component="span">
            {t('followup.outbox.waiting')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{t(`followup.outbox.transports.${m.transport}`)}</Table.Td>
      <Table.Td>{m.error ?? '–'}</Table.Td>
    </Table.Tr>
  );
}
