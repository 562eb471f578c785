import type { PlanState } from '@lifeboat/shared';
import { keysOf } from '../../lib/enum-values.ts';
import { Badge, type Tone } from '../ui/badge.tsx';
import type { IconName } from '../ui/icons.tsx';

type Display = { label: string; tone: Tone; icon: IconName; title: string };

/** What needs attention first: the order plan states are counted in (overview, wall). */
export const planStatesWorstFirst = keysOf<PlanState>({
  halted: 1,
  failed_over: 1,
  failed_back: 1,
  running: 1,
  ready: 1,
  permanent_failover: 1,
  unknown: 1,
});

export const planStateDisplay: Record<PlanState, Display> = {
  ready: {
    label: 'Ready',
    tone: 'ok',
    icon: 'check',
    title: 'Workloads run in production; the plan can fail over',
  },
  running: { label: 'Running', tone: 'info', icon: 'spinner', title: 'An action on the plan is running' },
  failed_over: {
    label: 'Failed over',
    tone: 'warn',
    icon: 'forward',
    title: 'Workloads run on the replicas; not yet failed back or made permanent',
  },
  failed_back: {
    label: 'Failed back',
    tone: 'warn',
    icon: 'back',
    title: 'Failed back to production; waiting for commit or undo',
  },
  permanent_failover: {
    label: 'Permanent failover',
    tone: 'neutral',
    icon: 'stop',
    title: 'The replicas are the new production',
  },
  halted: { label: 'Halted', tone: 'bad', icon: 'x', title: 'A run stopped part-way' },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    icon: 'question',
    title: 'The upstream state is not one Lifeboat knows',
  },
};

/** A plan's normalized state as icon + word + colour; the upstream's own word is in the title. */
export function PlanStateBadge({ state, native }: { state: PlanState; native?: string | null }) {
  const d = planStateDisplay[state];
  return (
    <Badge
      tone={d.tone}
      icon={d.icon}
      label={d.label}
      title={native ? `${d.title}. Upstream state: ${native}` : d.title}
      iconClassName={state === 'running' ? 'size-3.5 motion-safe:animate-spin' : undefined}
    />
  );
}
