import type { OverallStatus } from '@lifeboat/shared';
import { Icon, type IconName } from '../../../components/ui/icons.tsx';
import { Panel, type Freshness } from './panel.tsx';

const statusDisplay: Record<
  OverallStatus,
  { label: string; icon: IconName; frame: string; summary: string }
> = {
  ok: {
    label: 'OK',
    icon: 'check',
    frame: 'border-emerald-700 bg-emerald-50 text-emerald-950',
    summary: 'Nothing needs attention.',
  },
  warning: {
    label: 'Warning',
    icon: 'alert',
    frame: 'border-amber-600 bg-amber-50 text-amber-950',
    summary: 'Something needs attention soon.',
  },
  critical: {
    label: 'Critical',
    icon: 'x',
    frame: 'border-red-700 bg-red-50 text-red-950',
    summary: 'Something needs attention now.',
  },
  unknown: {
    label: 'Unknown',
    icon: 'question',
    frame: 'border-slate-500 bg-slate-100 text-slate-900',
    summary: 'Lifeboat does not have the data to say.',
  },
};

/** The worst-of status of the estate, as icon + word + colour, and why, worst first. */
export function StatusTile({
  status,
  reasons,
  freshness,
}: {
  status: OverallStatus;
  reasons: readonly string[];
  freshness: Freshness;
}) {
  const d = statusDisplay[status];
  return (
    <Panel id="status" title="Recovery status" freshness={freshness}>
      <div className={`flex flex-wrap items-start gap-x-6 gap-y-3 rounded-md border-2 px-4 py-3 ${d.frame}`}>
        <p className="flex items-center gap-2 text-3xl font-bold">
          <Icon name={d.icon} className="size-8" />
          {d.label}
        </p>
        <div className="min-w-0 flex-1">
          {reasons.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-5">
              {reasons.map((reason, index) => (
                <li key={`${index}-${reason}`} className="break-words">
                  {reason}
                </li>
              ))}
            </ul>
          ) : (
            <p>{d.summary}</p>
          )}
        </div>
      </div>
    </Panel>
  );
}
