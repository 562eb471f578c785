import type { RunResult, RunState } from '@lifeboat/shared';
import { Badge, type Tone } from '../ui/badge.tsx';
import type { IconName } from '../ui/icons.tsx';

type Display = { label: string; tone: Tone; icon: IconName };

export const stateDisplay: Record<RunState, Display> = {
  starting: { label: 'Starting', tone: 'info', icon: 'play' },
  running: { label: 'Running', tone: 'info', icon: 'spinner' },
  stopping: { label: 'Stopping', tone: 'info', icon: 'clock' },
  stopped: { label: 'Stopped', tone: 'neutral', icon: 'stop' },
  unknown: { label: 'Unknown', tone: 'neutral', icon: 'question' },
};

export const resultDisplay: Record<RunResult, Display> = {
  none: { label: 'No result', tone: 'neutral', icon: 'minus' },
  success: { label: 'Success', tone: 'ok', icon: 'check' },
  warning: { label: 'Warning', tone: 'warn', icon: 'alert' },
  failed: { label: 'Failed', tone: 'bad', icon: 'x' },
  unknown: { label: 'Unknown', tone: 'neutral', icon: 'question' },
};

/** The normalized state; the upstream's own word is in the title. */
export function RunStateBadge({ state, native }: { state: RunState; native?: string | null }) {
  const d = stateDisplay[state];
  return (
    <Badge
      tone={d.tone}
      icon={d.icon}
      label={d.label}
      title={native ? `Upstream state: ${native}` : undefined}
      iconClassName={state === 'running' ? 'size-3.5 motion-safe:animate-spin' : undefined}
    />
  );
}

export function RunResultBadge({ result, native }: { result: RunResult; native?: string | null }) {
  const d = resultDisplay[result];
  return (
    <Badge
      tone={d.tone}
      icon={d.icon}
      label={d.label}
      title={native ? `Upstream result: ${native}` : undefined}
    />
  );
}
