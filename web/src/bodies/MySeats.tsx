import './texts';
import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../app/auth';
import { formatDate } from '../app/format';

/** The bodies the signed-in user sits in (from /api/me), each leading to the body's page. */
export function MySeats() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me || me.seats.length === 0) return null;
  return (
    <Paper withBorder p="md" mb="md" radius="md" component="section" aria-labelledby="my-seats-heading">
      <Title order={2} size="h3" id="my-seats-heading" mb="xs">
        {t('seats.heading')}
      </Title>
      <List>
        {me.seats.map((s) => (
          <List.Item key={`${s.bodyId}:${s.role}:${s.validFrom}`}>
            <Anchor component={Link} to={`/organ/${s.bodyId}`}>
              {t('seats.item', { role: t(`memberRole.${s.role}`), body: s.bodyName })}
            </Anchor>{' '}
            <Text component="span" size="sm" className="muted">
              {s.validTo
                ? t('seats.fromTo', { from: formatDate(s.validFrom), to: formatDate(s.validTo) })
                : t('seats.from', { from: formatDate(s.validFrom) })}
            </Text>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
