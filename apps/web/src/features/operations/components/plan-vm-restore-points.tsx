import type { Plan } from '@lifeboat/shared';
import { RpoStatusBadge } from '../../../components/status/rpo-status-badge.tsx';
import { LoadFailure } from '../../../components/ui/feedback.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing, Time } from '../../../components/ui/values.tsx';
import { formatAge, formatMinutes, plural } from '../../../lib/format.ts';
import { usePlanRestorePoints } from '../api/get-plan-restore-points.ts';

/**
 * Before a failover: each VM of the plan with the restore point it would come back from and how
 * much it would lose (the point's age against the RPO target), for the chosen restore point.
 */
export function PlanVmRestorePoints({ plan, before }: { plan: Plan; before: string | null }) {
  const query = usePlanRestorePoints({ id: plan.id, before });
  const data = query.data?.item;
  if (plan.vms.length === 0) {
    return (
      <p className="text-sm text-slate-700">
        {plan.vmCount === null
          ? 'The source listed no VMs for this plan, so no restore point can be shown per VM.'
          : `This plan has ${plural(plan.vmCount, 'VM')}; the source names them only while the plan runs, so their restore points cannot be shown before it starts.`}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <LoadFailure query={query} title="Could not read the restore points" />
      <DataTable
        caption={
          before
            ? 'Restore point each VM would use (the latest before the chosen time)'
            : 'Restore point each VM would use (the latest)'
        }
      >
        <thead>
          <tr>
            <Th>VM</Th>
            <Th>Restore point</Th>
            <Th>Data lost if used now</Th>
            <Th>RPO</Th>
          </tr>
        </thead>
        <tbody>
          {plan.vms.map((vm, index) => {
            const row = data?.vms[index]?.vmName === vm.name ? data.vms[index] : undefined;
            return (
              <tr key={`${vm.nativeId ?? vm.name}-${index}`}>
                <td className={`${tdClass} break-words`}>{vm.name}</td>
                <td className={tdClass}>
                  {row?.pointTime ? (
                    <Time iso={row.pointTime} />
                  ) : row ? (
                    // Said in words, not a dash: this VM has nothing to come back from.
                    <span className="font-medium text-amber-900">None known</span>
                  ) : (
                    <Missing label="loading" />
                  )}
                </td>
                <td className={tdClass}>
                  {row?.ageSeconds != null ? (
                    <>
                      {formatAge(row.ageSeconds)}{' '}
                      <span className="text-slate-700">(target {formatMinutes(row.targetMinutes)})</span>
                    </>
                  ) : (
                    <Missing />
                  )}
                </td>
                <td className={tdClass}>
                  {row ? <RpoStatusBadge status={row.status} /> : <Missing label="loading" />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </div>
  );
}
