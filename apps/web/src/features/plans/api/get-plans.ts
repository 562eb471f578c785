import type { Plan, PlanQuery, PlanState } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, listQueryOptions, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type PlanSort = PlanQuery['sort'];

/** The prefix of every plan query (list pages and details), to invalidate them all. */
export const plansQueryKey = ['plans'] as const;

/** In the order a coordinator reads them: what needs attention after what is fine. */
export const planStates = keysOf<PlanState>({
  ready: 1,
  running: 1,
  failed_over: 1,
  failed_back: 1,
  permanent_failover: 1,
  halted: 1,
  unknown: 1,
});
const planSorts = keysOf<PlanSort>({ name: 1, state: 1, vmCount: 1 });

/** The list's URL state and the exact query params GET /plans accepts. */
export const plansListSpec = {
  sorts: planSorts,
  defaultSort: 'name',
  defaultOrder: 'asc',
  firstOrder: { vmCount: 'desc' },
  filters: {
    state: { values: planStates },
    source: { maxLength: 100 },
    tenant: { maxLength: 200 },
  },
} satisfies ListSpec<PlanSort, 'state' | 'source' | 'tenant'>;

export const getPlans = (params: ListParams, signal?: AbortSignal) =>
  getListPage<Plan>('/plans', params, signal);

export const getPlansQueryOptions = (params: ListParams) =>
  listQueryOptions([...plansQueryKey, 'list', params], (signal) => getPlans(params, signal));

export const usePlans = ({ params }: { params: ListParams }) => useQuery(getPlansQueryOptions(params));
