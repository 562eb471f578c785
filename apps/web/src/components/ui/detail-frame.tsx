import type { ItemEnvelope } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { isNotFound } from '../../lib/api-client.ts';
import { LiveStatus, LoadFailure } from './feedback.tsx';
import { BackLink } from './item-link.tsx';
import { StaleDataNotice } from './stale-data-notice.tsx';

/** What DetailFrame needs from a TanStack detail query. */
export interface DetailQuery<T> {
  data: ItemEnvelope<T> | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  dataUpdatedAt: number;
  refetch: () => Promise<unknown>;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Everything around one item's detail: the way back to its list, the heading (the item's name once
 * loaded), the live status line, "not found", the error panel with Retry, the stale-data line; then
 * the item's own sections.
 */
export function DetailFrame<T>({
  id,
  query,
  noun,
  listPath,
  listLabel,
  title,
  children,
}: {
  id: string;
  query: DetailQuery<T>;
  /** "failover session" */
  noun: string;
  /** "/failover-sessions" */
  listPath: string;
  /** "failover sessions" */
  listLabel: string;
  /** The heading once the item is loaded. */
  title: (item: T) => string;
  children: (item: T, envelope: ItemEnvelope<T>) => ReactNode;
}) {
  const data = query.data;
  const back = <BackLink listPath={listPath} label={`Back to ${listLabel}`} />;

  if (query.isError && !data && isNotFound(query.error)) {
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{capitalized(noun)} not found</h1>
        <p>
          No {noun} has the id <code className="break-all">{id}</code>. It may have been removed upstream, or
          the link is wrong.
        </p>
        <p>{back}</p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <p>{back}</p>
      {data ? (
        <div>
          <p className="text-sm font-medium text-slate-700">{capitalized(noun)}</p>
          <h1 className="text-2xl font-bold break-words">{title(data.item)}</h1>
        </div>
      ) : (
        <h1 className="text-2xl font-bold">{capitalized(noun)}</h1>
      )}
      <LiveStatus>
        {query.isPending ? `Loading ${noun}…` : query.isError && !data ? `Failed to load the ${noun}.` : ''}
      </LiveStatus>
      <LoadFailure query={query} title={`Could not load this ${noun}`} />
      {data ? (
        <>
          <StaleDataNotice sources={data.sources} asOf={data.asOf} receivedAt={query.dataUpdatedAt} />
          {children(data.item, data)}
        </>
      ) : null}
    </div>
  );
}
