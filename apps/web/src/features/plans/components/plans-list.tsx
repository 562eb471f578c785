import type { Plan, PlanQuery } from '@lifeboat/shared';
import { useMemo } from 'react';
import { planStateDisplay, PlanStateBadge } from '../../../components/status/plan-state-badge.tsx';
import { YesNo } from '../../../components/ui/detail-fields.tsx';
import { ItemLink } from '../../../components/ui/item-link.tsx';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { displayOptions, ListSelectFilter } from '../../../components/ui/select-filter.tsx';
import { ListSourceFilter, type SourceListProps } from '../../../components/ui/source-filter.tsx';
import { ListTenantFilter } from '../../../components/ui/tenant-filter.tsx';
import { Missing, Truncated } from '../../../components/ui/values.tsx';
import { formatCount } from '../../../lib/format.ts';
import { useListState } from '../../../lib/use-list-state.ts';
import { planStates, plansListSpec as spec, usePlans } from '../api/get-plans.ts';

const stateOptions = displayOptions(planStates, planStateDisplay);

const planPath = (id: string) => `/plans/${encodeURIComponent(id)}`;

function tenantAndSite(plan: Plan): string | null {
  const parts = [plan.tenant, plan.site].filter((part): part is string => part !== null && part !== '');
  return parts.length > 0 ? parts.join(' · ') : null;
}

function planColumns(sourceName: (id: string) => string): Column<Plan, PlanQuery['sort']>[] {
  return [
    {
      header: 'Name',
      sort: 'name',
      cell: (plan) => (
        <ItemLink to={planPath(plan.id)} title={plan.name} className="max-w-64">
          {plan.name}
        </ItemLink>
      ),
    },
    { header: 'Type', cell: (plan) => <Truncated text={plan.planType} className="max-w-40" /> },
    {
      header: 'State',
      sort: 'state',
      cell: (plan) => <PlanStateBadge state={plan.state} native={plan.nativeState} />,
    },
    { header: 'Enabled', hideBelow: 'xl', cell: (plan) => <YesNo value={plan.enabled} /> },
    {
      header: 'VMs',
      sort: 'vmCount',
      className: 'tabular-nums',
      cell: (plan) => (plan.vmCount === null ? <Missing /> : formatCount(plan.vmCount)),
    },
    {
      header: 'Source',
      cell: (plan) => <Truncated text={sourceName(plan.ref.source)} className="max-w-44" />,
    },
    {
      header: 'Tenant / site',
      cell: (plan) => <Truncated text={tenantAndSite(plan)} className="max-w-44" />,
    },
  ];
}

/** Recovery plans; search, state and source filters, sort and page are in the URL. */
export function PlansList({ sourceName = (id) => id, sourceOptions = [] }: SourceListProps) {
  const list = useListState(spec);
  const plans = usePlans({ params: list.apiQuery });
  const columns = useMemo(() => planColumns(sourceName), [sourceName]);

  return (
    <ListView
      list={list}
      query={plans}
      filterLabel="Filter plans"
      searchPlaceholder="Plan name, type, tenant or site"
      filters={
        <>
          <ListSelectFilter
            list={list}
            filter="state"
            label="State"
            anyLabel="Any state"
            options={stateOptions}
          />
          <ListSourceFilter list={list} options={sourceOptions} />
          <ListTenantFilter list={list} />
        </>
      }
      caption="Recovery plans"
      noun="plan"
      nounPlural="plans"
      columns={columns}
      rowKey={(plan) => plan.id}
    />
  );
}
