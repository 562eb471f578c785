import type { ReactNode } from 'react';
import { Icon } from './icons.tsx';

/** A real <table> with a caption (its accessible name), scrollable sideways on narrow screens. */
export function DataTable({
  caption,
  captionHidden = true,
  busy = false,
  rowCount,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  busy?: boolean;
  /** All rows, header included, when only some are in the DOM (a virtualized table). */
  rowCount?: number;
  children: ReactNode;
}) {
  return (
    <div
      // relative: screen-reader-only text in the cells (absolutely positioned) stays inside the
      // scrolling box instead of widening the whole page.
      className="relative overflow-x-auto rounded-lg border border-slate-300 bg-white"
      role="region"
      aria-label={`${caption} (scrollable)`}
      tabIndex={0}
    >
      <table
        // A virtualized table lays out by its header (table-fixed): columns keep their widths as rows
        // come and go, and each scrolled frame lays out a few dozen rows, not by their content.
        className={`w-full border-collapse text-left text-sm ${rowCount === undefined ? '' : 'table-fixed'}`}
        aria-busy={busy || undefined}
        aria-rowcount={rowCount}
      >
        <caption className={captionHidden ? 'sr-only' : 'px-3 py-2 text-left font-semibold'}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export const thClass =
  'border-b border-slate-300 bg-slate-100 px-3 py-2 font-semibold text-slate-800 whitespace-nowrap';
export const tdClass = 'border-b border-slate-200 px-3 py-2 align-top';

export function Th({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`${thClass} ${className}`}>
      {children}
    </th>
  );
}

/** A column header that sorts the list; `aria-sort` says how it is sorted now. */
export function SortableTh<T extends string>({
  column,
  label,
  sort,
  order,
  onSort,
  className = '',
}: {
  column: T;
  label: string;
  sort: T;
  order: 'asc' | 'desc';
  onSort: (column: T) => void;
  className?: string;
}) {
  const active = sort === column;
  return (
    <th
      scope="col"
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
      className={`${thClass} ${className}`}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 font-semibold hover:underline"
      >
        {label}
        <Icon
          name={active ? (order === 'asc' ? 'arrow-up' : 'arrow-down') : 'arrows'}
          className={active ? 'size-3.5' : 'size-3.5 text-slate-400'}
        />
      </button>
    </th>
  );
}
