import type { OperationState } from '@lifeboat/shared';
import { keysOf } from '../../lib/enum-values.ts';
import { Badge, type Tone } from '../ui/badge.tsx';
import type { IconName } from '../ui/icons.tsx';

type Display = { label: string; tone: Tone; icon: IconName; title: string };

export const operationStateDisplay: Record<OperationState, Display> = {
  requested: { label: 'Requested', tone: 'info', icon: 'clock', title: 'Recorded; not decided yet' },
  awaiting_approval: {
    label: 'Awaiting approval',
    tone: 'warn',
    icon: 'pause',
    title: 'Waiting for a second person with the approver role',
  },
  approved: { label: 'Approved', tone: 'info', icon: 'check', title: 'Approved; about to be sent' },
  dispatching: {
    label: 'Sending',
    tone: 'info',
    icon: 'spinner',
    title: 'Checking the plan upstream and sending the action, once',
  },
  dispatched: { label: 'Sent', tone: 'info', icon: 'forward', title: 'The upstream accepted the action' },
  running: { label: 'Running', tone: 'info', icon: 'spinner', title: 'The action is running upstream' },
  succeeded: { label: 'Succeeded', tone: 'ok', icon: 'check', title: 'The action finished' },
  failed: { label: 'Failed', tone: 'bad', icon: 'x', title: 'The action was refused or ended badly' },
  rejected: {
    label: 'Rejected',
    tone: 'neutral',
    icon: 'stop',
    title: 'An approver turned the request down',
  },
  cancelled: {
    label: 'Cancelled',
    tone: 'neutral',
    icon: 'minus',
    title: 'Void: the plan changed before the request was approved',
  },
  unknown: {
    label: 'Outcome unknown',
    tone: 'severe',
    icon: 'question',
    title: "The upstream's answer was lost; Lifeboat is checking the plan. Nothing is sent again",
  },
};

/** Every state, in the order the filter lists them: what needs attention first. */
export const operationStates = keysOf<OperationState>({
  awaiting_approval: 1,
  unknown: 1,
  requested: 1,
  approved: 1,
  dispatching: 1,
  dispatched: 1,
  running: 1,
  succeeded: 1,
  failed: 1,
  rejected: 1,
  cancelled: 1,
});

const FINISHED: ReadonlySet<OperationState> = new Set(['succeeded', 'failed', 'rejected', 'cancelled']);

/** Whether the operation has ended for good (its state will not change again). */
export function isFinished(state: OperationState): boolean {
  return FINISHED.has(state);
}

/** An operation's state as icon + word + colour. */
export function OperationStateBadge({ state }: { state: OperationState }) {
  const d = operationStateDisplay[state];
  return (
    <Badge
      tone={d.tone}
      icon={d.icon}
      label={d.label}
      title={d.title}
      iconClassName={
        state === 'running' || state === 'dispatching' ? 'size-3.5 motion-safe:animate-spin' : undefined
      }
    />
  );
}
