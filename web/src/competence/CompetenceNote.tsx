import { Alert, Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, client, type Schema } from '../app/client';
import { formatDate } from '../app/format';

export type RecordCompetence = Schema<'RecordCompetence'>;
type DecidedEntity = 'plan' | 'goal' | 'measure' | 'corrective_action';

/** Keyed by the record's version too, so the answer is read again once the record changes. */
export const competenceQuery = (entity: DecidedEntity, id: string, version: number) => ({
  queryKey: ['competence', entity, id, version],
  queryFn: () => call(client.GET('/competence/{entity}/{id}', { params: { path: { entity, id } } })),
});

/**
 * Who must decide a record and why (the server judges it; see domain/competence), and every
 * beslut naming it that was not competent: shown, never silently ignored.
 */
export function CompetenceNote({
  entity,
  id,
  version,
  compact = false,
}: {
  entity: DecidedEntity;
  id: string;
  version: number;
  /** In a table cell: the same facts as plain text, without the boxed alert. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const answer = useQuery(competenceQuery(entity, id, version));
  if (!answer.data) return null;
  const c = answer.data;
  const wrong = c.decisions.filter((d) => !d.competent);
  if (compact)
    return (
      <div className="competence-note">
        {!c.decided && (
          <Text size="sm" fw={600}>
            {t('competence.mustDecide')}: {c.requiredDecisionMaker}
          </Text>
        )}
        <Text size="sm">{c.reason}</Text>
        {wrong.map((d) => (
          <Text size="sm" key={d.id}>
            <Badge color="orange" variant="light" className="badge-dark warning-badge">
              {t('competence.notCompetent')}
            </Badge>{' '}
            {d.citation}: {d.reason}
          </Text>
        ))}
      </div>
    );
  return (
    <div className="competence-note">
      {c.decided ? (
        <Text size="sm" mt="xs">
          {c.reason}
        </Text>
      ) : (
        <Alert color="orange" variant="outline" mt="sm" mb="sm" title={t('competence.mustDecide')}>
          <Text fw={600}>{c.requiredDecisionMaker}</Text>
          <Text size="sm">{c.reason}</Text>
        </Alert>
      )}
      {wrong.length > 0 && (
        <section aria-label={t('competence.notCompetentHeading')}>
          <Text size="sm" fw={600} mt="xs">
            {t('competence.notCompetentHeading')}
          </Text>
          <ul className="plain-list">
            {wrong.map((d) => (
              <li key={d.id}>
                <Badge color="orange" variant="light" className="badge-dark warning-badge">
                  {t('competence.notCompetent')}
                </Badge>{' '}
                <Text component="span" size="sm">
                  {d.citation} ({formatDate(d.decidedOn)}): {d.reason}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
