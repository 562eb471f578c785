import type { Source } from '@lifeboat/shared';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatAge, formatClock, formatDateTime, formatUtc, secondsBetween } from '../../../lib/format.ts';
import { isFailing } from '../../../lib/freshness.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useSources } from '../api/get-sources.ts';
import { SourceHealthBadge } from '../../../components/status/source-health-badge.tsx';

function dataAgeSeconds(source: Source, listAsOf: string, elapsedSeconds: number): number | null {
  const base = source.ageSeconds ?? secondsBetween(source.asOf, listAsOf);
  return base === null ? null : Math.max(0, base) + elapsedSeconds;
}

function SourceItem({ source, ageSeconds }: { source: Source; ageSeconds: number | null }) {
  const age = formatAge(ageSeconds);
  const problem =
    isFailing(source.status) ||
    source.status === 'degraded' ||
    (source.stale && source.status !== 'disabled');
  const frame = isFailing(source.status)
    ? 'border-red-500 bg-red-50'
    : problem
      ? 'border-amber-500 bg-amber-50'
      : 'border-slate-300 bg-white';
  return (
    <li
      className={`flex min-w-0 max-w-full flex-col gap-0.5 rounded-md border px-2.5 py-1.5 text-sm ${frame}`}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
        <span
          className="max-w-80 truncate font-semibold"
          title={`${source.name} (${source.id}, ${source.kind})`}
        >
          {source.name}
        </span>
        <SourceHealthBadge status={source.status} />
        <span className="text-slate-800">
          {age === null ? (
            'no data yet'
          ) : source.asOf ? (
            <span title={`Data fetched ${formatDateTime(source.asOf)} (${formatUtc(source.asOf)})`}>
              data {age} old, as of {formatClock(source.asOf)}
            </span>
          ) : (
            <>data {age} old</>
          )}
        </span>
        {source.stale && source.status !== 'disabled' ? (
          <span className="inline-flex items-center gap-1 font-semibold text-amber-950">
            <Icon name="clock" className="size-3.5" />
            stale
          </span>
        ) : null}
        {source.unreadableItems > 0 ? (
          <span className="text-amber-950">{source.unreadableItems} unreadable items skipped</span>
        ) : null}
      </div>
      {source.status === 'auth_failed' ? (
        <p className="max-w-prose text-xs break-words text-slate-900">
          The source refused Lifeboat's sign-in: check the credentials of its service account.
        </p>
      ) : null}
      {source.lastError ? (
        <p className="max-w-prose text-xs break-words text-slate-900">
          Last error: {source.lastError.message}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Every configured source with its health, the age of its data and its last error. A failure here
 * is shown here only: it never hides the page below.
 */
export function SourcesBanner() {
  const sources = useSources();
  const now = useNow();
  const elapsed = sources.dataUpdatedAt > 0 ? Math.max(0, (now - sources.dataUpdatedAt) / 1000) : 0;
  const data = sources.data;

  return (
    <aside aria-label="Data sources" className="border-b border-slate-300 bg-slate-100">
      <div className="mx-auto flex max-w-[120rem] flex-col gap-2 px-4 py-2">
        {sources.isPending ? <p className="text-sm text-slate-700">Checking data sources…</p> : null}
        {data && data.items.length === 0 ? (
          <p className="text-sm text-slate-700">No data sources are configured.</p>
        ) : null}
        {data && data.items.length > 0 ? (
          <ul className="flex flex-wrap gap-2">
            {data.items.map((source) => (
              <SourceItem
                key={source.id}
                source={source}
                ageSeconds={dataAgeSeconds(source, data.asOf, elapsed)}
              />
            ))}
          </ul>
        ) : null}
        {sources.isError ? (
          <div className="flex flex-wrap items-center gap-2 text-sm text-red-950">
            <Icon name="alert" />
            <span>
              {data
                ? 'Could not refresh the status of the data sources: '
                : 'The status of the data sources is unavailable: '}
              {errorMessage(sources.error)}
            </span>
            <Button
              onClick={() => void sources.refetch()}
              disabled={sources.isFetching}
              aria-label="Retry loading data sources"
            >
              Retry
            </Button>
          </div>
        ) : null}
      </div>
    </aside>
  );
}
