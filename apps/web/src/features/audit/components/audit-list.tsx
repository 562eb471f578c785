import type { AuditEvent, AuditQuery } from '@lifeboat/shared';
import { Badge, type Tone } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { TextFilter } from '../../../components/ui/text-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { useListState } from '../../../lib/use-list-state.ts';
import { withFilter } from '../../../lib/url-state.ts';
import { auditExportUrl, auditListSpec as spec, useAudit } from '../api/get-audit.ts';

const outcomeTones: Record<string, Tone> = {
  ok: 'ok',
  accepted: 'ok',
  approved: 'ok',
  succeeded: 'ok',
  refused: 'bad',
  failed: 'bad',
  rejected: 'bad',
  unknown: 'severe',
  cancelled: 'neutral',
};

/** An outcome as a badge: the word carries it; the colour follows the words Lifeboat writes. */
function OutcomeBadge({ outcome }: { outcome: string }) {
  const tone = outcomeTones[outcome] ?? 'info';
  const icon = tone === 'ok' ? 'check' : tone === 'bad' ? 'x' : tone === 'severe' ? 'question' : 'minus';
  return <Badge tone={tone} icon={icon} label={outcome.replaceAll('_', ' ')} />;
}

/** Everything else a record holds: parameters, request id, correlation and the hash chain. */
function RecordDetails({ event }: { event: AuditEvent }) {
  const details = {
    roles: event.roles,
    params: event.params,
    requestId: event.requestId,
    correlation: event.correlation,
    prevHash: event.prevHash,
    hash: event.hash,
  };
  return (
    <details>
      <summary className="cursor-pointer text-sky-900 underline">Details</summary>
      <pre className="mt-1 max-w-md overflow-auto rounded bg-slate-100 p-2 text-xs break-all whitespace-pre-wrap">
        {JSON.stringify(details, null, 2)}
      </pre>
    </details>
  );
}

const columns: Column<AuditEvent, AuditQuery['sort']>[] = [
  { header: 'Seq', sort: 'seq', className: 'tabular-nums', cell: (e) => e.seq },
  { header: 'Time', cell: (e) => <Time iso={e.at} /> },
  { header: 'Actor', cell: (e) => <Truncated text={e.actor} className="max-w-32" /> },
  { header: 'Action', cell: (e) => <code className="whitespace-nowrap">{e.action}</code> },
  { header: 'Target', cell: (e) => <Truncated text={e.target} className="max-w-56" /> },
  { header: 'Outcome', cell: (e) => <OutcomeBadge outcome={e.outcome} /> },
  {
    header: 'Reason',
    cell: (e) =>
      e.reason || e.ticket ? (
        <span className="block max-w-72 break-words">
          {e.reason}
          {e.ticket ? <span className="block text-xs text-slate-700">Ticket: {e.ticket}</span> : null}
        </span>
      ) : (
        <Missing />
      ),
  },
  { header: 'Details', cell: (e) => <RecordDetails event={e} /> },
];

const linkClass =
  'inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-sky-900 ring-1 ring-inset ring-slate-400 hover:bg-slate-100';

/** The audit trail: who did what to which target, why and with what outcome; with exports. */
export function AuditList() {
  const list = useListState(spec);
  const audit = useAudit({ params: list.apiQuery });
  const textFilter = (filter: 'actor' | 'action' | 'target', label: string, placeholder: string) => (
    <TextFilter
      label={label}
      placeholder={placeholder}
      value={list.state.filters[filter] ?? ''}
      maxLength={filter === 'target' ? 200 : 100}
      className="w-44"
      onCommit={(value, options) => list.update(withFilter(list.state, filter, value), options)}
    />
  );
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <a href={auditExportUrl('csv', list.apiQuery)} download className={linkClass}>
          Download CSV
        </a>
        <a href={auditExportUrl('json', list.apiQuery)} download className={linkClass}>
          Download JSON
        </a>
        <Button variant="ghost" onClick={() => void audit.refetch()} disabled={audit.isFetching}>
          {audit.isFetching ? 'Refreshing…' : 'Refresh'}
        </Button>
        <p className="text-xs text-slate-700">
          Downloads hold every record matching the filters, not just this page. Each read and download is
          itself recorded.
        </p>
      </div>
      <ListView
        list={list}
        query={audit}
        filterLabel="Filter the audit trail"
        searchPlaceholder="Any text"
        filters={
          <>
            {textFilter('actor', 'Actor', 'Exact, e.g. operator')}
            {textFilter('action', 'Action', 'Exact, e.g. operation.approve')}
            {textFilter('target', 'Target', 'Exact, e.g. a plan id')}
          </>
        }
        caption="Audit trail"
        noun="record"
        nounPlural="records"
        columns={columns}
        rowKey={(e) => String(e.seq)}
        emptyHint="Nothing has been recorded yet."
      />
    </div>
  );
}
