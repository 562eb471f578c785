import type { PlanAction } from '@lifeboat/shared';
import { keysOf } from '../../lib/enum-values.ts';

/** How each plan action is named: in tables, on its button, and in sentences. */
export const planActionDisplay: Record<
  PlanAction,
  { label: string; button: string; words: string; what: string }
> = {
  failover: {
    label: 'Failover',
    button: 'Run failover',
    words: 'failover',
    what: 'Start the VMs from their replicas at the DR site',
  },
  undoFailover: {
    label: 'Undo failover',
    button: 'Undo failover',
    words: 'undo failover',
    what: 'Return to production, discarding changes made on the replicas',
  },
  failback: {
    label: 'Failback',
    button: 'Failback',
    words: 'failback',
    what: 'Move the workloads back to production, keeping their changes',
  },
  commitFailback: {
    label: 'Commit failback',
    button: 'Commit failback',
    words: 'commit failback',
    what: 'Make the failback final',
  },
  undoFailback: {
    label: 'Undo failback',
    button: 'Undo failback',
    words: 'undo failback',
    what: 'Return to the replicas, as before the failback',
  },
};

/** Each action's segment in the API's and the app's paths: /plans/{id}/{segment}. */
export const planActionSegment: Record<PlanAction, string> = {
  failover: 'failover',
  undoFailover: 'undo-failover',
  failback: 'failback',
  commitFailback: 'commit-failback',
  undoFailback: 'undo-failback',
};

export const planActions = keysOf<PlanAction>(planActionSegment);

/** The action a path segment names, or null. */
export function planActionOfSegment(segment: string | undefined): PlanAction | null {
  return planActions.find((action) => planActionSegment[action] === segment) ?? null;
}
