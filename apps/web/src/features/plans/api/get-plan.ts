import type { ItemEnvelope, Plan } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { plansQueryKey } from './get-plans.ts';

/** GET /plans/{id}: one plan, what its state allows, and its source's freshness. */
export const getPlan = (id: string, signal?: AbortSignal): Promise<ItemEnvelope<Plan>> =>
  api.get<ItemEnvelope<Plan>>(`/plans/${encodeURIComponent(id)}`, undefined, signal ? { signal } : {});

export const getPlanQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...plansQueryKey, 'detail', id],
    queryFn: ({ signal }) => getPlan(id, signal),
    // A plan's state (and so what it allows) changes whenever someone acts on it, here or upstream.
    refetchInterval: LIST_REFETCH_MS,
  });

export const usePlan = ({ id }: { id: string }) => useQuery(getPlanQueryOptions(id));
