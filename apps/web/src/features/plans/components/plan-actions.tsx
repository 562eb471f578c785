import type { PlanAction, PlanActionAvailability } from '@lifeboat/shared';
import { Badge } from '../../../components/ui/badge.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';

export const actionDisplay: Record<PlanAction, { label: string; what: string }> = {
  failover: { label: 'Failover', what: 'Start the VMs from their replicas at the DR site' },
  undoFailover: {
    label: 'Undo failover',
    what: 'Return to production, discarding changes made on the replicas',
  },
  failback: { label: 'Failback', what: 'Move the workloads back to production, keeping their changes' },
  commitFailback: { label: 'Commit failback', what: 'Make the failback final' },
  undoFailback: { label: 'Undo failback', what: 'Return to the replicas, as before the failback' },
};

function reasonText(availability: PlanActionAvailability): string {
  if (availability.reason) return availability.reason;
  return availability.allowed
    ? "The plan's current state allows it."
    : "The plan's current state does not allow it (the source gave no reason).";
}

/**
 * Which actions the plan's current state allows, and why the others are not allowed: display only,
 * so a coordinator can see at once what is possible.
 */
export function PlanActions({ actions }: { actions: readonly PlanActionAvailability[] }) {
  if (actions.length === 0) {
    return <p className="text-sm text-slate-700">The source reports no actions for this plan.</p>;
  }
  return (
    <DataTable caption="Actions and whether they are allowed now">
      <thead>
        <tr>
          <Th>Action</Th>
          <Th>Allowed now</Th>
          <Th>Why</Th>
        </tr>
      </thead>
      <tbody>
        {actions.map((availability) => {
          const d = actionDisplay[availability.action] as (typeof actionDisplay)[PlanAction] | undefined;
          return (
            <tr key={availability.action}>
              <th scope="row" className={`${tdClass} font-medium`}>
                {d?.label ?? availability.action}
                {d ? <span className="block text-xs font-normal text-slate-700">{d.what}</span> : null}
              </th>
              <td className={tdClass}>
                {availability.allowed ? (
                  <Badge tone="ok" icon="check" label="Allowed" />
                ) : (
                  <Badge tone="neutral" icon="minus" label="Not allowed" />
                )}
              </td>
              <td className={`${tdClass} max-w-prose break-words`}>{reasonText(availability)}</td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
