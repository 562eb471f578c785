import type { ItemEnvelope, Operation } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { isFinished } from '../../../components/status/operation-state-badge.tsx';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { operationsQueryKey } from './get-operations.ts';

/** While an operation moves, its page also polls this often (the event stream is the fast path). */
export const ACTIVE_OPERATION_REFETCH_MS = 3_000;

/** GET /operations/{id}: one operation as it stands now. */
export const getOperation = (id: string, signal?: AbortSignal): Promise<ItemEnvelope<Operation>> =>
  api.get<ItemEnvelope<Operation>>(
    `/operations/${encodeURIComponent(id)}`,
    undefined,
    signal ? { signal } : {},
  );

export const getOperationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...operationsQueryKey, 'detail', id],
    queryFn: ({ signal }) => getOperation(id, signal),
    // Moving: poll briskly besides the event stream; finished: it will not change again.
    refetchInterval: (query) => {
      const state = query.state.data?.item.state;
      if (state === undefined) return LIST_REFETCH_MS;
      return isFinished(state) ? false : ACTIVE_OPERATION_REFETCH_MS;
    },
  });

export const useOperation = ({ id }: { id: string }) => useQuery(getOperationQueryOptions(id));
