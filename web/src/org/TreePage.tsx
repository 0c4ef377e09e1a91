import { Alert, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { call, client } from '../app/client';
import { formatDate, formatNumber, today } from '../app/format';
import { Loading } from '../app/Loading';
import { PageHeading } from '../app/page';
import { indexTree, searchTree, type TreeIndex, type TreeRow, visibleRows } from './tree';

export function orgUnitsQuery(asOf: string) {
  return {
    queryKey: ['org-units', asOf],
    queryFn: () => call(client.GET('/org-units', { params: { query: { asOf } } })),
  };
}

export function TreePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? today();
  const [query, setQuery] = useState('');
  const units = useQuery(orgUnitsQuery(asOf));
  const tree = useMemo(() => indexTree(units.data?.units ?? []), [units.data]);

  const setAsOf = (value: string) => {
    // An emptied date field means today; the date lives in the address so it can be shared.
    setParams(value && value !== today() ? { asOf: value } : {}, { replace: true });
  };

  return (
    <>
      <PageHeading title={t('tree.title')} />
      <Text mb="md">{t('tree.intro')}</Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label={t('tree.search')}
            description={t('tree.searchHelp')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
          />
          <TextInput
            type="date"
            label={t('tree.asOf')}
            description={t('tree.asOfHelp')}
            value={asOf}
            max="9999-12-31"
            onChange={(e) => setAsOf(e.currentTarget.value)}
            w={220}
          />
          {asOf !== today() && (
            <Button variant="default" onClick={() => setAsOf('')}>
              {t('tree.showToday')}
            </Button>
          )}
        </Group>
      </Paper>
      {units.isPending ? (
        <Loading />
      ) : units.isError ? (
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {units.error.message}
        </Alert>
      ) : (
        <OrgTree tree={tree} query={query} asOf={asOf} />
      )}
    </>
  );
}

const ROOTS_OPEN = (tree: TreeIndex) => new Set(tree.roots);

function OrgTree({ tree, query, asOf }: { tree: TreeIndex; query: string; asOf: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [expanded, setExpanded] = useState<Set<string>>(() => ROOTS_OPEN(tree));
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLDivElement>());
  const moveFocus = useRef(false);

  const search = useMemo(() => searchTree(tree, query), [tree, query]);
  const searching = query.trim() !== '';

  // A new search opens the paths to its matches; clearing it returns to the top level.
  useEffect(() => {
    setExpanded(searching ? new Set(search.opened) : ROOTS_OPEN(tree));
  }, [search, searching, tree]);

  const rows = useMemo(
    () => visibleRows(tree, expanded, searching ? search.visible : undefined),
    [tree, expanded, searching, search],
  );
  const current = rows.find((r) => r.id === focusedId) ?? rows[0];

  useEffect(() => {
    if (moveFocus.current && current) {
      itemRefs.current.get(current.id)?.focus();
      moveFocus.current = false;
    }
  }, [current]);

  const toggle = (row: TreeRow, open: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(row.id);
      else next.delete(row.id);
      return next;
    });
  };

  const focusRow = (row: TreeRow | undefined) => {
    if (!row) return;
    moveFocus.current = true;
    setFocusedId(row.id);
  };

  const open = (id: string) => void navigate(asOf === today() ? `/enheter/${id}` : `/enheter/${id}?asOf=${asOf}`);

  // WAI-ARIA tree view keyboard pattern.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, row: TreeRow) => {
    const index = rows.indexOf(row);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusRow(rows[index + 1]);
        break;
      case 'ArrowUp':
        focusRow(rows[index - 1]);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) toggle(row, true);
        else if (row.expanded) focusRow(rows[index + 1]);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggle(row, false);
        else focusRow(rows.find((r) => r.id === row.parentId));
        break;
      case 'Home':
        focusRow(rows[0]);
        break;
      case 'End':
        focusRow(rows[rows.length - 1]);
        break;
      case 'Enter':
        open(row.id);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  if (tree.roots.length === 0) return <Text>{t('tree.empty', { date: formatDate(asOf) })}</Text>;

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {searching
          ? t('tree.matches', { count: search.matches.size, formatted: formatNumber(search.matches.size) })
          : ''}
      </p>
      {searching && search.matches.size === 0 ? (
        <Text>{t('tree.noMatches')}</Text>
      ) : (
        <>
          <Text size="sm" className="muted" id="tree-help" mb="xs">
            {t('tree.keyboardHelp')}
          </Text>
          <div role="tree" aria-label={t('tree.label')} aria-describedby="tree-help" className="org-tree">
            {rows.map((row) => {
              const unit = tree.byId.get(row.id)!;
              return (
                <div
                  key={row.id}
                  ref={(el) => {
                    if (el) itemRefs.current.set(row.id, el);
                    else itemRefs.current.delete(row.id);
                  }}
                  role="treeitem"
                  aria-level={row.level}
                  aria-posinset={row.posInSet}
                  aria-setsize={row.setSize}
                  aria-expanded={row.hasChildren ? row.expanded : undefined}
                  aria-selected={row.id === current?.id}
                  tabIndex={row.id === current?.id ? 0 : -1}
                  className={search.matches.has(row.id) ? 'tree-row match' : 'tree-row'}
                  style={{ paddingInlineStart: `${(row.level - 1) * 1.5 + 0.5}rem` }}
                  onFocus={() => setFocusedId(row.id)}
                  onKeyDown={(e) => onKeyDown(e, row)}
                  onClick={(e) => {
                    setFocusedId(row.id);
                    if ((e.target as HTMLElement).closest('[data-toggle]')) toggle(row, !row.expanded);
                    else open(row.id);
                  }}
                >
                  <span className="tree-toggle" data-toggle aria-hidden="true">
                    {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
                  </span>
                  <span className="tree-name">{unit.name}</span>
                  {unit.code && <span className="tree-code">{unit.code}</span>}
                  <span className="tree-level">{t(`level.${unit.level}`)}</span>
                </div>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
