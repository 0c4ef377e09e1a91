import '../month/texts';
import { Alert, Anchor, Badge, Group, List, Paper, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call, client, type Schema } from '../app/client';
import { isMonth, MONTH_PARAM, useCurrentMonth } from '../app/context';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { MySeats } from '../bodies/MySeats';
import { monthLabel } from '../month/texts';
import { LoadError, Loading } from '../steering/ui';

type Task = Schema<'Task'>;

const GROUPS: Task['kind'][] = [
  'returned',
  'approve',
  'submit',
  'missing_values',
  'missing_measures',
  'assignment',
  'reminder',
  'report_sent',
  'meeting',
  'flag',
];

/** The start page: what the signed-in user must do this month, grouped by kind, each leading to the work. */
export function StartPage() {
  const { t, i18n } = useTranslation();
  const [, setParams] = useSearchParams();
  const current = useCurrentMonth();
  const month = current.month;
  const tasks = useQuery({
    queryKey: ['me', 'tasks', month],
    queryFn: () => call(client.GET('/me/tasks', { params: { query: { month } } })),
    enabled: !current.pending,
  });
  const title = t('start.heading', { month: monthLabel(month, i18n.language) });
  return (
    <>
      <PageHeading title={title} />
      <Group align="flex-end" mb="md" wrap="wrap">
        <Text style={{ flex: 1 }}>{t('start.intro')}</Text>
        <TextInput
          type="month"
          label={t('start.month')}
          value={month}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isMonth(value))
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set(MONTH_PARAM, value);
                  return next;
                },
                { replace: true },
              );
          }}
        />
      </Group>
      <MySeats />
      {tasks.isPending || current.pending ? (
        <Loading />
      ) : tasks.isError ? (
        <LoadError error={tasks.error} />
      ) : tasks.data.tasks.length === 0 ? (
        <Alert color="green">{t('start.nothing')}</Alert>
      ) : (
        <>
          {GROUPS.map((kind) => {
            const items = tasks.data.tasks.filter((x) => x.kind === kind);
            if (items.length === 0) return null;
            return (
              <Paper
                key={kind}
                withBorder
                p="md"
                mb="md"
                radius="md"
                component="section"
                aria-labelledby={`tasks-${kind}`}
              >
                <Title order={2} size="h3" id={`tasks-${kind}`} mb="xs">
                  {t(`start.groups.${kind}`)} ({items.length})
                </Title>
                <List spacing="xs" data-testid={`tasks-${kind}`}>
                  {items.map((x) => (
                    <List.Item key={`${x.kind}|${x.href}|${x.title}`}>
                      <Anchor component={Link} to={x.href}>
                        {x.title}
                      </Anchor>
                      {x.late && (
                        <Badge color="red.9" variant="filled" ml="xs">
                          {t('start.late')}
                        </Badge>
                      )}
                      <Text size="sm">
                        {[x.detail, x.dueOn ? t('start.due', { date: formatDate(x.dueOn) }) : '']
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                      {x.comment && <Text size="sm">{t('start.comment', { comment: x.comment })}</Text>}
                    </List.Item>
                  ))}
                </List>
              </Paper>
            );
          })}
          {tasks.data.omitted > 0 && <Text>{t('start.omitted', { count: tasks.data.omitted })}</Text>}
        </>
      )}
    </>
  );
}
