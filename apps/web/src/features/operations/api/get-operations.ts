import type { Operation, OperationQuery } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { operationStates } from '../../../components/status/operation-state-badge.tsx';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, listQueryOptions, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type OperationSort = OperationQuery['sort'];

/** The prefix of every operation query (list pages and details), to invalidate them all. */
export const operationsQueryKey = ['operations'] as const;

const operationSorts = keysOf<OperationSort>({ requestedAt: 1, state: 1, planName: 1 });

/** The list's URL state and the exact query params GET /operations accepts. */
export const operationsListSpec = {
  sorts: operationSorts,
  defaultSort: 'requestedAt',
  defaultOrder: 'desc',
  firstOrder: { requestedAt: 'desc', state: 'desc' },
  filters: {
    state: { values: operationStates },
    source: { maxLength: 100 },
  },
} satisfies ListSpec<OperationSort, 'state' | 'source'>;

export const getOperations = (params: ListParams, signal?: AbortSignal) =>
  getListPage<Operation>('/operations', params, signal);

export const getOperationsQueryOptions = (params: ListParams) =>
  listQueryOptions([...operationsQueryKey, 'list', params], (signal) => getOperations(params, signal));

export const useOperations = ({ params }: { params: ListParams }) =>
  useQuery(getOperationsQueryOptions(params));
