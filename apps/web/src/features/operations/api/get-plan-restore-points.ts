import type { ItemEnvelope, PlanRestorePoints } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';

/** GET /plans/{id}/restore-points: the point each of the plan's VMs would use (the newest, or before `before`). */
export const getPlanRestorePointsQueryOptions = (id: string, before: string | null) =>
  queryOptions({
    queryKey: ['plan-restore-points', id, before],
    queryFn: ({ signal }) =>
      api.get<ItemEnvelope<PlanRestorePoints>>(
        `/plans/${encodeURIComponent(id)}/restore-points`,
        before ? { before } : undefined,
        { signal },
      ),
    refetchInterval: LIST_REFETCH_MS,
  });

export const usePlanRestorePoints = ({ id, before }: { id: string; before: string | null }) =>
  useQuery(getPlanRestorePointsQueryOptions(id, before));
