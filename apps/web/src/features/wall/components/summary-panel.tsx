import { operationStateDisplay } from '../../../components/status/operation-state-badge.tsx';
import { planStateDisplay } from '../../../components/status/plan-state-badge.tsx';
import { rpoDisplay } from '../../../components/status/rpo-status-badge.tsx';
import { formatCount } from '../../../lib/format.ts';
import { answerAge } from '../utils/data-age.ts';
import { planStatesWorstFirst } from '../../../components/status/plan-state-badge.tsx';
import { rpoGradesWorstFirst } from '../../../components/status/rpo-status-badge.tsx';
import { overallLook, typeScale, type Look } from './look.ts';
import type { PanelProps } from './panel-props.ts';
import { StateCount, Tile } from './tile.tsx';
import { Waiting } from './waiting.tsx';

/** The server's reasons are short, one line each; more than this would not fit under the status. */
const MAX_REASONS = 3;

const running: Look = { label: 'Running', tone: 'info', icon: 'spinner' };

/**
 * Panel 1: can we recover? The worst-of status and why, RPO compliance by grade, what is running
 * or went wrong, and plans by state.
 */
export function SummaryPanel({ data, now, hideNames }: PanelProps) {
  const overview = data.overview.data;
  if (!overview) return <Waiting />;
  const age = answerAge(overview, data.overview.dataUpdatedAt, now);
  const operations = overview.unfinished.operations;
  const look = overallLook[overview.status];
  const vmCount = rpoGradesWorstFirst.reduce((sum, grade) => sum + overview.rpo[grade], 0);
  // Reasons name sources only today; with hideNames nothing server-worded is shown, to be sure.
  const reasons = hideNames ? [] : overview.reasons.slice(0, MAX_REASONS);

  return (
    <div className="grid h-full grid-cols-12 grid-rows-2 gap-[1vw]">
      <Tile title="Recovery status" look={look} age={age} hero className="col-span-4">
        {reasons.length > 0 ? (
          <ul className="flex flex-col gap-[0.3vw]">
            {reasons.map((reason, index) => (
              <li key={`${index}-${reason}`} className="truncate">
                {reason}
              </li>
            ))}
          </ul>
        ) : (
          <p>{look.summary}</p>
        )}
      </Tile>

      <Tile title="RPO compliance" look={null} age={age} className="col-span-8">
        <p className={typeScale.small}>{formatCount(vmCount)} protected VMs</p>
        <ul className="grid flex-1 grid-cols-5 gap-[0.6vw]">
          {rpoGradesWorstFirst.map((grade) => (
            <StateCount
              key={grade}
              look={rpoDisplay[grade]}
              count={overview.rpo[grade]}
              noun={['VM', 'VMs']}
            />
          ))}
        </ul>
      </Tile>

      <Tile title="Activity" look={null} age={age} className="col-span-4">
        <ul className="grid flex-1 grid-cols-2 grid-rows-2 gap-[0.6vw]">
          <StateCount look={running} count={overview.runsInProgress.length} noun={['run', 'runs']} />
          <StateCount
            look={operationStateDisplay.awaiting_approval}
            count={operations.awaitingApproval}
            noun={['operation', 'operations']}
          />
          <StateCount
            look={operationStateDisplay.failed}
            count={operations.failed}
            noun={['operation', 'operations']}
          />
          <StateCount
            look={operationStateDisplay.unknown}
            count={operations.unknown}
            noun={['operation', 'operations']}
          />
        </ul>
      </Tile>

      <Tile title="Plans by state" look={null} age={age} className="col-span-8">
        <ul className="grid flex-1 grid-cols-4 grid-rows-2 gap-[0.6vw]">
          {planStatesWorstFirst.map((state) => (
            <StateCount
              key={state}
              look={planStateDisplay[state]}
              count={overview.plans[state]}
              noun={['plan', 'plans']}
            />
          ))}
        </ul>
      </Tile>
    </div>
  );
}
