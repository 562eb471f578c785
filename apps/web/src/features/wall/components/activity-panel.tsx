import type { ListEnvelope, Operation, OperationState, RunInProgress } from '@lifeboat/shared';
import type { UseQueryResult } from '@tanstack/react-query';
import { operationStateDisplay } from '../../../components/status/operation-state-badge.tsx';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { formatDuration, formatMinutes, plural, secondsBetween } from '../../../lib/format.ts';
import { ageNow, answerAge, whenText } from '../utils/data-age.ts';
import { iconSize, shownName, typeScale, type Look } from './look.ts';
import type { PanelProps } from './panel-props.ts';
import { StateWord, Tile } from './tile.tsx';
import { Waiting } from './waiting.tsx';

/** Rows that fit the runs tile. */
const MAX_RUNS = 4;
/** Rows that fit an operations tile. */
const MAX_OPERATIONS = 3;

const runningLook: Look = { label: 'Running', tone: 'info', icon: 'spinner' };
const overRtoLook: Look = { label: 'Over RTO', tone: 'bad', icon: 'alert' };
const noneLook: Look = { label: 'None', tone: 'ok', icon: 'check' };

/** A run's clock against its RTO: "12 min 5 s of 1 h RTO", "RTO 1 h, start not reported". */
function rtoClock(seconds: number | null, rtoMinutes: number | null): string {
  const rto = formatMinutes(rtoMinutes);
  if (seconds === null) return rto === null ? 'start not reported' : `RTO ${rto}, start not reported`;
  const running = formatDuration(seconds) ?? '0 s';
  return rto === null ? `${running}, no RTO target` : `${running} of ${rto} RTO`;
}

/** One run: its state, its name, its progress, and its clock against the RTO target. */
function RunRow({ run, name, seconds }: { run: RunInProgress; name: string; seconds: number | null }) {
  const over = seconds !== null && run.rtoTargetMinutes !== null && seconds > run.rtoTargetMinutes * 60;
  return (
    <li className="grid grid-cols-[minmax(0,12vw)_minmax(0,1fr)_6vw_minmax(0,24vw)] items-center gap-[1vw]">
      <StateWord
        look={over ? overRtoLook : runningLook}
        className={`whitespace-nowrap ${typeScale.body}`}
        iconClassName={iconSize.small}
      />
      <span className="truncate font-semibold">{name}</span>
      <span className="text-right tabular-nums">
        {run.progress === null ? '–' : `${Math.round(run.progress)} %`}
      </span>
      <span className="truncate tabular-nums">{rtoClock(seconds, run.rtoTargetMinutes)}</span>
    </li>
  );
}

/** The failed (or outcome-unknown) operations: how many, and the latest few. */
function OperationsTile({
  state,
  title,
  query,
  now,
  hideNames,
}: {
  state: OperationState;
  title: string;
  query: UseQueryResult<ListEnvelope<Operation>>;
  now: number;
  hideNames: boolean;
}) {
  const page = query.data;
  const look = !page ? null : page.total > 0 ? operationStateDisplay[state] : noneLook;
  return (
    <Tile title={title} look={look} age={page ? answerAge(page, query.dataUpdatedAt, now) : null}>
      {page && page.total > 0 ? (
        <>
          <p className="font-semibold">{plural(page.total, 'operation')}</p>
          <ul className="flex flex-col gap-[0.3vw]">
            {page.items.slice(0, MAX_OPERATIONS).map((op, index) => (
              <li key={op.id} className="flex min-w-0 gap-[0.8vw]">
                <span className="shrink-0 font-semibold">{planActionDisplay[op.action].label}</span>
                <span className="min-w-0 truncate">{shownName(op.planName, 'Plan', index, hideNames)}</span>
                <span className="ml-auto shrink-0 tabular-nums">
                  {whenText({
                    asOf: op.requestedAt,
                    ageSeconds: ageNow(op.requestedAt, page.asOf, query.dataUpdatedAt, now),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Tile>
  );
}

/** Panel 3: what is running now against its RTO, and the operations that failed or whose outcome is unknown. */
export function ActivityPanel({ data, now, hideNames }: PanelProps) {
  const overview = data.overview.data;
  if (!overview && !data.failedOperations.data && !data.unknownOperations.data) return <Waiting />;
  const runs = overview?.runsInProgress ?? [];
  // Running for: on the server's clock (overview asOf), plus the time since the answer arrived.
  const elapsed = Math.max(0, (now - data.overview.dataUpdatedAt) / 1000);

  return (
    <div className="grid h-full grid-cols-2 grid-rows-2 gap-[1vw]">
      <Tile
        title="Runs in progress"
        look={!overview ? null : runs.length > 0 ? runningLook : noneLook}
        age={overview ? answerAge(overview, data.overview.dataUpdatedAt, now) : null}
        className="col-span-2"
      >
        {runs.length > 0 ? (
          <>
            <ul className="flex flex-col gap-[0.4vw]">
              {runs.slice(0, MAX_RUNS).map((run, index) => {
                const started = overview ? secondsBetween(run.startedAt, overview.asOf) : null;
                return (
                  <RunRow
                    key={`${run.kind}/${run.id}`}
                    run={run}
                    name={shownName(run.name, 'Run', index, hideNames)}
                    seconds={started === null ? null : Math.max(0, started) + elapsed}
                  />
                );
              })}
            </ul>
            {runs.length > MAX_RUNS ? <p>and {plural(runs.length - MAX_RUNS, 'more run')}</p> : null}
          </>
        ) : overview ? (
          <p>Nothing is running now.</p>
        ) : null}
      </Tile>
      <OperationsTile
        state="failed"
        title="Failed operations"
        query={data.failedOperations}
        now={now}
        hideNames={hideNames}
      />
      <OperationsTile
        state="unknown"
        title="Operations with unknown outcome"
        query={data.unknownOperations}
        now={now}
        hideNames={hideNames}
      />
    </div>
  );
}
