import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../../lib/api-client.ts';
import { Button } from './button.tsx';
import { Icon } from './icons.tsx';

/** The polite live region of a page: loading, counts and failures are announced from here. */
export function LiveStatus({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={`text-sm text-slate-700 ${className}`}>
      {children}
    </p>
  );
}

/** A failed load with nothing to show: what went wrong, in the server's words, and a Retry button. */
export function ErrorPanel({
  title,
  error,
  onRetry,
  retrying = false,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950">
      <p className="flex items-center gap-2 font-semibold">
        <Icon name="x" className="size-5" />
        {title}
      </p>
      <p className="mt-1 text-sm break-words">{errorMessage(error)}</p>
      {requestId ? <p className="mt-1 text-xs text-red-900">Request id: {requestId}</p> : null}
      {onRetry ? (
        <Button className="mt-3" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
      ) : null}
    </div>
  );
}

/** A refresh failed but older data is still on screen: say so, and offer Retry. */
export function RefreshFailedNotice({
  error,
  onRetry,
  retrying = false,
}: {
  error: unknown;
  onRetry: () => void;
  retrying?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <Icon name="alert" />
      <span>Could not refresh: {errorMessage(error)} Showing the last data received.</span>
      <Button onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </div>
  );
}

/** What LoadFailure needs from a TanStack query. */
export interface RetryableQuery {
  data: unknown;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/**
 * A query's failure, with Retry: the error panel (`title`) while there is nothing to show, or the
 * "could not refresh" notice while older data is still on screen. Renders nothing while it has not failed.
 */
export function LoadFailure({ query, title }: { query: RetryableQuery; title: string }) {
  if (!query.isError) return null;
  const retry = () => void query.refetch();
  return query.data ? (
    <RefreshFailedNotice error={query.error} onRetry={retry} retrying={query.isFetching} />
  ) : (
    <ErrorPanel title={title} error={query.error} onRetry={retry} retrying={query.isFetching} />
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-400 bg-white p-6 text-center">
      <p className="font-semibold">{title}</p>
      {hint ? <p className="mt-1 text-sm text-slate-700">{hint}</p> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}
