import type { RunInProgress } from '@lifeboat/shared';
import { Link } from 'react-router';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing, Time } from '../../../components/ui/values.tsx';
import { formatDuration, formatMinutes, secondsBetween } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { Panel, type Freshness } from './panel.tsx';

const linkClass = 'font-medium text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900';

function runPath(run: RunInProgress): string {
  const id = encodeURIComponent(run.id);
  return run.kind === 'plan' ? `/plans/${id}` : `/failover-sessions/${id}`;
}

/** Running for: measured on the server's clock (overview `asOf`), plus the time since it arrived. */
function Elapsed({ run, seconds }: { run: RunInProgress; seconds: number | null }) {
  const text = formatDuration(seconds);
  if (text === null) return <Missing />;
  const overRto = seconds !== null && run.rtoTargetMinutes !== null && seconds > run.rtoTargetMinutes * 60;
  return (
    <span className="flex flex-col items-start">
      <span className="whitespace-nowrap tabular-nums">{text}</span>
      {run.rtoTargetMinutes !== null ? (
        <span className={`text-xs ${overRto ? 'font-semibold text-red-950' : 'text-slate-700'}`}>
          {overRto ? (
            <span className="inline-flex items-center gap-1">
              <Icon name="alert" className="size-3.5" />
              over the RTO target of {formatMinutes(run.rtoTargetMinutes)}
            </span>
          ) : (
            <>RTO target {formatMinutes(run.rtoTargetMinutes)}</>
          )}
        </span>
      ) : null}
    </span>
  );
}

/** Every plan or failover session running now, with its progress and how long it has run. */
export function RunsInProgressPanel({
  runs,
  freshness,
  sourceName,
}: {
  runs: readonly RunInProgress[];
  freshness: Freshness;
  sourceName: (id: string) => string;
}) {
  const now = useNow();
  const elapsed = freshness.receivedAt > 0 ? Math.max(0, (now - freshness.receivedAt) / 1000) : 0;
  return (
    <Panel id="runs" title="Runs in progress" freshness={freshness}>
      {runs.length === 0 ? (
        <p className="text-sm text-slate-700">Nothing is running now.</p>
      ) : (
        <DataTable caption="Runs in progress">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Upstream state</Th>
              <Th>Progress</Th>
              <Th>Started</Th>
              <Th>Running for</Th>
              <Th>Source</Th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const started = secondsBetween(run.startedAt, freshness.asOf);
              return (
                <tr key={`${run.kind}/${run.id}`}>
                  <td className={tdClass}>
                    <Link
                      to={runPath(run)}
                      className={`block max-w-64 truncate ${linkClass}`}
                      title={run.name}
                    >
                      {run.name}
                    </Link>
                    <span className="text-xs text-slate-700">
                      {run.kind === 'plan' ? 'Recovery plan' : 'Failover session'}
                    </span>
                  </td>
                  <td className={tdClass}>
                    <span className="block max-w-40 truncate" title={run.nativeState}>
                      {run.nativeState}
                    </span>
                  </td>
                  <td className={tdClass}>
                    <ProgressBar value={run.progress} label={`Progress of ${run.name}`} />
                  </td>
                  <td className={tdClass}>
                    <Time iso={run.startedAt} />
                  </td>
                  <td className={tdClass}>
                    <Elapsed run={run} seconds={started === null ? null : Math.max(0, started) + elapsed} />
                  </td>
                  <td className={tdClass}>
                    <span className="block max-w-40 truncate" title={run.source}>
                      {sourceName(run.source)}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </Panel>
  );
}
