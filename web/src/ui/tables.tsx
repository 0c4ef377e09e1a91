import { Table } from '@mantine/core';

/** A column head; numeric columns are right-aligned like their figures. */
export type Column = string | { label: string; numeric: true };

const labelOf = (c: Column) => (typeof c === 'string' ? c : c.label);

/** A table's column heads, each a `scope="col"` header. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) => (
          <Table.Th key={labelOf(c)} scope="col" ta={typeof c === 'string' ? undefined : 'right'}>
            {labelOf(c)}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A right-aligned column head. */
export const numeric = (label: string): Column => ({ label, numeric: true });

/** A frozen table of texts: headers, and rows whose first cell names the row. */
export function PlainTable({
  caption,
  headers,
  rows,
  mb,
}: {
  caption: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  mb?: 'md';
}) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder captionSide="top" verticalSpacing={6} mb={mb}>
        <Table.Caption>{caption}</Table.Caption>
        <ColumnHeads columns={headers} />
        <Table.Tbody>
          {rows.map(([first, ...rest], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are frozen and have no ids
            <Table.Tr key={i}>
              <Table.Th scope="row" fw="normal">
                {first}
              </Table.Th>
              {rest.map((cell, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells in column order
                <Table.Td key={j}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
