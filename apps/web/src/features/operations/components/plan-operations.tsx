import { Link } from 'react-router';
import { isFinished, OperationStateBadge } from '../../../components/status/operation-state-badge.tsx';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Time } from '../../../components/ui/values.tsx';
import { useOperations } from '../api/get-operations.ts';

const linkClass = 'font-medium text-sky-900 underline';

/**
 * The latest operations requested on one plan, the one under way first said plainly: whoever
 * opens the plan sees that someone is already acting on it, and can follow it.
 */
export function PlanOperations({
  planId,
  operationPath,
  operationsPath,
}: {
  planId: string;
  operationPath: (id: string) => string;
  operationsPath: string;
}) {
  const query = useOperations({ params: { planId, sort: 'requestedAt', order: 'desc', limit: '5' } });
  const ops = query.data?.items ?? [];
  if (ops.length === 0) return null;
  const active = ops.find((op) => !isFinished(op.state));
  return (
    <div className="flex flex-col gap-2">
      <h3 className="font-semibold">Operations on this plan</h3>
      {active ? (
        <p className="flex flex-wrap items-center gap-2 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          <OperationStateBadge state={active.state} />
          <span>
            A {planActionDisplay[active.action]?.words ?? active.action} requested by {active.requestedBy} is
            under way; no other action can start on this plan until it ends.
          </span>
          <Link to={operationPath(active.id)} className={linkClass}>
            Follow it
          </Link>
        </p>
      ) : null}
      <DataTable caption="Latest operations on this plan">
        <thead>
          <tr>
            <Th>Requested at</Th>
            <Th>Action</Th>
            <Th>State</Th>
            <Th>Requested by</Th>
          </tr>
        </thead>
        <tbody>
          {ops.map((op) => (
            <tr key={op.id}>
              <td className={tdClass}>
                <Link to={operationPath(op.id)} className={linkClass}>
                  <Time iso={op.requestedAt} />
                </Link>
              </td>
              <td className={tdClass}>{planActionDisplay[op.action]?.label ?? op.action}</td>
              <td className={tdClass}>
                <OperationStateBadge state={op.state} />
              </td>
              <td className={tdClass}>{op.requestedBy}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="text-sm">
        <Link to={operationsPath} className={linkClass}>
          All operations
        </Link>
      </p>
    </div>
  );
}
