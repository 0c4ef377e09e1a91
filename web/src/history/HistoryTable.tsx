import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { shownActorName } from '../../../domain/actors';
import type { Schema } from '../app/client';
import { formatDateTime } from '../app/format';
import { HistoryChanges, type ShowValue } from './HistoryChanges';

/** What the table shows of an entry: every history answer's entries carry these. */
interface Entry {
  id: string;
  at: string;
  actorName: string;
  kind: string;
  changes: readonly Schema<'HistoryFieldChange'>[];
}

/** Newest first; entries of the same instant in the order they were written, newest first. */
const newestFirst = (a: Entry, b: Entry) =>
  b.at.localeCompare(a.at) || Number(b.id) - Number(a.id) || b.id.localeCompare(a.id);

/**
 * A record's history as one table — when, who, what, which fields changed from what to what —
 * the same on every page that shows one. `kindLabel` names each kind; `changes` replaces the
 * field list for an entry a page says better in its own words (a unit "created as …").
 */
export function HistoryTable<E extends Entry>({
  entries,
  caption,
  minWidth = 640,
  kindLabel,
  show,
  changes,
}: {
  entries: readonly E[];
  caption: string;
  minWidth?: number;
  kindLabel: (kind: string) => string;
  show?: ShowValue;
  changes?: (entry: E) => ReactNode | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped withTableBorder captionSide="top" className="history-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('history.at')}</Table.Th>
            <Table.Th scope="col">{t('history.who')}</Table.Th>
            <Table.Th scope="col">{t('history.what')}</Table.Th>
            <Table.Th scope="col">{t('history.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...entries].sort(newestFirst).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td className="nowrap">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Table.Td>
              <Table.Td>{shownActorName(e.actorName)}</Table.Td>
              <Table.Td>{kindLabel(e.kind)}</Table.Td>
              <Table.Td>{changes?.(e) ?? <HistoryChanges changes={e.changes} show={show} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
