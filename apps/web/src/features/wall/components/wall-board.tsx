import type { ComponentType } from 'react';
import { Icon } from '../../../components/ui/icons.tsx';
import type { StreamStatus } from '../../../lib/live-events.ts';
import { wallClock, zoneName } from '../utils/data-age.ts';
import { ActivityPanel } from './activity-panel.tsx';
import { iconSize, typeScale } from './look.ts';
import type { PanelProps } from './panel-props.ts';
import { ReconnectingNotice } from './reconnecting-notice.tsx';
import { SourcesPanel } from './sources-panel.tsx';
import { SummaryPanel } from './summary-panel.tsx';
import { TenantsPanel } from './tenants-panel.tsx';
import { WallFrame } from './wall-frame.tsx';

/** The panels, in the order they rotate. */
export const panels: readonly { id: string; title: string; Panel: ComponentType<PanelProps> }[] = [
  { id: 'summary', title: 'Summary', Panel: SummaryPanel },
  { id: 'sources', title: 'Sources and plans', Panel: SourcesPanel },
  { id: 'activity', title: 'Runs and operations', Panel: ActivityPanel },
  { id: 'tenants', title: 'RPO by tenant', Panel: TenantsPanel },
];

const streamWords: Record<StreamStatus | 'off', string | null> = {
  open: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Live updates paused',
  off: null,
};

/** Which panel of how many is on screen: its words, and one mark per panel. */
function PanelIndicator({ index }: { index: number }) {
  const current = panels[index];
  return (
    <div role="group" aria-label="Panel indicator" className="flex items-center gap-[0.8vw]">
      <span aria-hidden="true" className="flex gap-[0.4vw]">
        {panels.map((panel, i) => (
          <span
            key={panel.id}
            className={`size-[max(0.6rem,0.8vw)] rounded-full border-2 border-slate-300 ${i === index ? 'bg-slate-50' : ''}`}
          />
        ))}
      </span>
      <span>
        Panel {index + 1} of {panels.length}
        {current ? ` · ${current.title}` : ''}
      </span>
    </div>
  );
}

export interface WallBoardProps extends PanelProps {
  /** The panel on screen (an index into `panels`). */
  panelIndex: number;
  /** Whole seconds until the next refresh. */
  nextRefreshIn: number;
  stream: StreamStatus | 'off';
  /** Show "Reconnecting…": the last fetch failed (or the session is being renewed), the data is kept. */
  reconnecting: boolean;
}

/** The wall itself: a header with the time, the panel on screen, and a footer saying how it keeps current. */
export function WallBoard({
  data,
  now,
  hideNames,
  panelIndex,
  nextRefreshIn,
  stream,
  reconnecting,
}: WallBoardProps) {
  const current = panels[panelIndex] ?? panels[0];
  if (!current) return null;
  const { Panel } = current;
  const headingId = `wall-panel-${current.id}`;
  const streamWord = streamWords[stream];

  return (
    <WallFrame>
      <header className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-[2vw] border-b border-slate-800 px-[1.5vw] py-[0.6vw]">
        <div className="flex items-baseline gap-[1.5vw]">
          <h1 className={`font-bold tracking-tight ${typeScale.state}`}>Lifeboat</h1>
          {/* The panel's heading sits in the header, leaving the panel all the height below. */}
          <h2 id={headingId} className={`font-bold whitespace-nowrap text-slate-200 ${typeScale.title}`}>
            {current.title}
          </h2>
        </div>
        <div className="flex min-w-0 justify-center">
          {reconnecting ? <ReconnectingNotice lastSuccessAt={data.lastSuccessAt} now={now} /> : null}
        </div>
        <p className={`font-bold tabular-nums ${typeScale.state}`}>
          <time dateTime={new Date(now).toISOString()}>{wallClock(now)}</time>{' '}
          {/* Every time on the wall is in this zone: said once, beside the clock. */}
          <span className="text-[0.5em] font-semibold text-slate-300">{zoneName(now)}</span>
        </p>
      </header>

      <main className="flex min-h-0 flex-1 flex-col px-[1.5vw] py-[1vw]">
        <section aria-labelledby={headingId} className="min-h-0 flex-1">
          <Panel data={data} now={now} hideNames={hideNames} />
        </section>
      </main>

      <footer
        className={`flex items-center justify-between gap-[2vw] border-t border-slate-800 px-[1.5vw] py-[0.5vw] text-slate-200 ${typeScale.small}`}
      >
        <PanelIndicator index={panelIndex} />
        {streamWord ? (
          <p className="flex items-center gap-[0.4vw]">
            <Icon name={stream === 'open' ? 'signal' : 'clock'} className={iconSize.small} />
            {streamWord}
          </p>
        ) : null}
        <p className="tabular-nums">{data.fetching ? 'Refreshing…' : `Next refresh in ${nextRefreshIn} s`}</p>
      </footer>
    </WallFrame>
  );
}
