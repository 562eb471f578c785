import type { ReactNode } from 'react';
import type { SortOrder } from '../../lib/url-state.ts';
import { DataTable, SortableTh, tdClass, Th } from './table.tsx';

/** One column of a list's table. */
export interface Column<T, TSort extends string> {
  /** The header text; unique within the table. */
  header: string;
  /** The API sort key, when the list can be sorted by this column. */
  sort?: TSort;
  cell: (item: T) => ReactNode;
  /** Classes added to this column's cells. */
  className?: string;
}

/** A page of a list as a table: a header row (sortable where the API allows) and one row per item. */
export function ListTable<T, TSort extends string>({
  caption,
  columns,
  items,
  rowKey,
  sort,
  order,
  onSort,
  busy,
}: {
  caption: string;
  columns: readonly Column<T, TSort>[];
  items: readonly T[];
  rowKey: (item: T) => string;
  sort: TSort;
  order: SortOrder;
  onSort: (column: TSort) => void;
  busy: boolean;
}) {
  return (
    <DataTable caption={caption} busy={busy}>
      <thead>
        <tr>
          {columns.map((column) =>
            column.sort ? (
              <SortableTh
                key={column.header}
                column={column.sort}
                label={column.header}
                sort={sort}
                order={order}
                onSort={onSort}
              />
            ) : (
              <Th key={column.header}>{column.header}</Th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={rowKey(item)} className="hover:bg-slate-50">
            {columns.map((column) => (
              <td
                key={column.header}
                className={column.className ? `${tdClass} ${column.className}` : tdClass}
              >
                {column.cell(item)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
