import { useMemo, useRef, type ReactNode } from 'react';
import type { SortOrder } from '../../lib/url-state.ts';
import { DataTable, SortableTh, tdClass, Th } from './table.tsx';
import { useWindowRows } from './use-window-rows.ts';

/**
 * Below which width a column that matters less is left out (its value stays in the detail view),
 * so the table fits a 1366 px screen without scrolling sideways.
 */
export type HideBelow = 'lg' | 'xl' | '2xl';
const hideClass: Record<HideBelow, string> = {
  lg: 'hidden lg:table-cell',
  xl: 'hidden xl:table-cell',
  '2xl': 'hidden 2xl:table-cell',
};

/** One column of a list's table. */
export interface Column<T, TSort extends string> {
  /** The header text; unique within the table. */
  header: string;
  /** The API sort key, when the list can be sorted by this column. */
  sort?: TSort;
  cell: (item: T) => ReactNode;
  /** Classes added to this column's cells. */
  className?: string;
  hideBelow?: HideBelow;
}

/** From this many rows on, only the rows on screen are rendered. */
export const VIRTUAL_FROM = 200;
/** The fixed height of a row in a virtualized table (px); its cells keep to one line. */
const ROW_PX = 40;

/**
 * A page of a list as a table: a header row (sortable where the API allows) and one row per item.
 * A long page (a page size of thousands) is virtualized: fixed-height one-line rows, and only
 * those near the screen in the DOM, with spacer rows standing in for the rest.
 */
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
  const body = useRef<HTMLTableSectionElement>(null);
  const virtual = items.length >= VIRTUAL_FROM;
  const { start, end } = useWindowRows(body, items.length, ROW_PX, virtual);
  // Built once per sort, not in every scrolled frame (a virtualized table renders on each scroll).
  const head = useMemo(
    () => (
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
                className={column.hideBelow ? hideClass[column.hideBelow] : ''}
              />
            ) : (
              <Th key={column.header} className={column.hideBelow ? hideClass[column.hideBelow] : ''}>
                {column.header}
              </Th>
            ),
          )}
        </tr>
      </thead>
    ),
    [columns, sort, order, onSort],
  );
  const cellClasses = useMemo(
    () =>
      columns.map((column) =>
        [
          tdClass,
          column.className,
          column.hideBelow && hideClass[column.hideBelow],
          virtual && 'h-10 py-0 align-middle whitespace-nowrap',
        ]
          .filter(Boolean)
          .join(' '),
      ),
    [columns, virtual],
  );
  const spacer = (rows: number, where: string) =>
    rows > 0 ? (
      <tr aria-hidden="true" key={where}>
        {/* Sized from script (CSSOM), which the CSP allows where a style attribute is refused. */}
        <td
          colSpan={columns.length}
          className="p-0"
          ref={(td) => td?.style.setProperty('height', `${rows * ROW_PX}px`)}
        />
      </tr>
    ) : null;

  return (
    <DataTable caption={caption} busy={busy} rowCount={virtual ? items.length + 1 : undefined}>
      {head}
      <tbody ref={body}>
        {spacer(start, 'before')}
        {items.slice(start, end).map((item, i) => (
          <tr
            // Virtualized, a row is a place on screen: a scrolled frame refills the rows where they
            // are (text only), never moving or building one, which would rebuild its layout.
            key={virtual ? `at-${i}` : rowKey(item)}
            className="hover:bg-slate-50"
            // The header is row 1 (aria-rowindex counts from 1).
            aria-rowindex={virtual ? start + i + 2 : undefined}
          >
            {columns.map((column, c) => (
              <td key={column.header} className={cellClasses[c]}>
                {column.cell(item)}
              </td>
            ))}
          </tr>
        ))}
        {spacer(items.length - end, 'after')}
      </tbody>
    </DataTable>
  );
}
