import type { PlanAction, PlanActionAvailability } from '@lifeboat/shared';
import { Link } from 'react-router';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';

function reasonText(availability: PlanActionAvailability): string {
  if (availability.reason) return availability.reason;
  return availability.allowed
    ? "The plan's current state allows it."
    : "The plan's current state does not allow it (the source gave no reason).";
}

const actionLinkClass =
  'inline-flex items-center justify-center gap-1.5 rounded-md bg-sky-800 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-sky-900';

/**
 * Which actions the plan's current state allows, and why the others are not allowed. With
 * `actionPath` (the user may request actions: an operator), each allowed action gets the button
 * that opens its workflow; the others show why not instead. Without it (a viewer), display only.
 */
export function PlanActions({
  actions,
  actionPath,
}: {
  actions: readonly PlanActionAvailability[];
  actionPath?: ((action: PlanAction) => string) | undefined;
}) {
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
          {actionPath ? <Th>Run</Th> : null}
        </tr>
      </thead>
      <tbody>
        {actions.map((availability) => {
          const d = planActionDisplay[availability.action] as
            (typeof planActionDisplay)[PlanAction] | undefined;
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
              {actionPath ? (
                <td className={tdClass}>
                  {availability.allowed && d ? (
                    <Link to={actionPath(availability.action)} className={actionLinkClass}>
                      {d.button}
                    </Link>
                  ) : (
                    <span className="text-sm text-slate-700">Not available now</span>
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
