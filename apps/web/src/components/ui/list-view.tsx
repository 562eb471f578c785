import type { ReactNode } from 'react';
import type { ListStateControls } from '../../lib/use-list-state.ts';
import {
  hasFilters,
  withNextPage,
  withLimit,
  withoutFilters,
  withPreviousPage,
  withSearch,
  withSortToggled,
} from '../../lib/url-state.ts';
import { Button } from './button.tsx';
import { ListFrame, type ListQuery } from './list-frame.tsx';
import { ListTable, type Column } from './list-table.tsx';
import { TextFilter } from './text-filter.tsx';

/**
 * A whole list page below its heading: the search region (Search, the list's own filters, Clear
 * filters), then the status, notices, table and pager. The page brings its URL state and its query
 * (so each feature calls its own hook) and what is its own: names, filters and columns.
 */
export function ListView<T, TSort extends string, TFilter extends string>({
  list,
  query,
  filterLabel,
  searchPlaceholder,
  filters,
  caption,
  noun,
  nounPlural,
  columns,
  rowKey,
  emptyHint,
}: {
  list: ListStateControls<TSort, TFilter>;
  query: ListQuery<T>;
  /** The search region's accessible name, e.g. "Filter failover sessions". */
  filterLabel: string;
  searchPlaceholder: string;
  /** The list's own filters, shown between Search and Clear filters. */
  filters: ReactNode;
  /** The table's caption, its accessible name. */
  caption: string;
  /** "failover session" */
  noun: string;
  /** "failover sessions" */
  nounPlural: string;
  columns: readonly Column<T, TSort>[];
  rowKey: (item: T) => string;
  /** What the empty state says when no filter is set. */
  emptyHint?: string;
}) {
  const { spec, state, update } = list;
  const filtered = hasFilters(state);

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label={filterLabel} className="flex flex-wrap items-end gap-3">
        <TextFilter
          label="Search"
          placeholder={searchPlaceholder}
          value={state.q}
          maxLength={200}
          onCommit={(q, options) => update(withSearch(state, q), options)}
        />
        {filters}
        {filtered ? (
          <Button variant="ghost" onClick={() => update(withoutFilters(state))}>
            Clear filters
          </Button>
        ) : null}
      </div>

      <ListFrame
        query={query}
        state={state}
        noun={noun}
        nounPlural={nounPlural}
        filtered={filtered}
        emptyHint={emptyHint}
        onPrevious={() => update(withPreviousPage(state))}
        onNext={(cursor) => update(withNextPage(state, cursor))}
        onLimit={(limit) => update(withLimit(state, limit))}
      >
        {(items) => (
          <ListTable
            caption={caption}
            columns={columns}
            items={items}
            rowKey={rowKey}
            sort={state.sort}
            order={state.order}
            onSort={(column) => update(withSortToggled(spec, state, column))}
            busy={query.isPlaceholderData}
          />
        )}
      </ListFrame>
    </div>
  );
}
