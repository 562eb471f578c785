import type { ListEnvelope } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { plural } from '../../lib/format.ts';
import { pageCount, pageRange, type ListState } from '../../lib/url-state.ts';
import { EmptyState, LiveStatus, LoadFailure } from './feedback.tsx';
import { Pager } from './pager.tsx';
import { StaleDataNotice } from './stale-data-notice.tsx';

/** What ListFrame needs from a TanStack list query. */
export interface ListQuery<T> {
  data: ListEnvelope<T> | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isPlaceholderData: boolean;
  dataUpdatedAt: number;
  refetch: () => Promise<unknown>;
}

/**
 * Everything around a list's table: the live status line (loading, "Showing 1–50 of 230 …"),
 * the stale-data line, the error panel with Retry, the empty state and the pager.
 */
export function ListFrame<T>({
  query,
  state,
  noun,
  nounPlural,
  filtered,
  emptyHint,
  onPrevious,
  onNext,
  onLimit,
  children,
}: {
  query: ListQuery<T>;
  state: ListState;
  /** "failover session" */
  noun: string;
  /** "failover sessions" */
  nounPlural: string;
  filtered: boolean;
  /** What the empty state says when no filter is set; "No source has reported any …" by default. */
  emptyHint?: string;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
  onLimit: (limit: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  const data = query.data;
  const range = data ? pageRange(state, data.items.length) : null;

  let status: string;
  if (query.isPending) status = `Loading ${nounPlural}…`;
  else if (query.isError && !data) status = 'Failed to load the list.';
  else if (query.isPlaceholderData) status = 'Loading…';
  else if (data && range && data.items.length > 0)
    status = `Showing ${range.from}–${range.to} of ${plural(data.total, noun, nounPlural)}`;
  else status = `0 ${nounPlural} match`;

  return (
    <>
      <LiveStatus>{status}</LiveStatus>
      {data ? (
        <StaleDataNotice sources={data.sources} asOf={data.asOf} receivedAt={query.dataUpdatedAt} />
      ) : null}
      <LoadFailure query={query} title={`Could not load ${nounPlural}`} />
      {data && data.items.length === 0 ? (
        <EmptyState
          title={`No ${nounPlural} match`}
          hint={
            filtered
              ? 'Try another search or clear the filters.'
              : (emptyHint ?? `No source has reported any ${nounPlural} yet.`)
          }
        />
      ) : null}
      {data && data.items.length > 0 ? children(data.items) : null}
      {data && range && data.total > 0 ? (
        <Pager
          page={range.page}
          pageCount={pageCount(data.total, state.limit)}
          limit={state.limit}
          onLimit={onLimit}
          hasPrevious={state.cursor !== null}
          hasNext={data.nextCursor !== null}
          busy={query.isPlaceholderData}
          onPrevious={onPrevious}
          onNext={() => {
            if (data.nextCursor) onNext(data.nextCursor);
          }}
        />
      ) : null}
    </>
  );
}
