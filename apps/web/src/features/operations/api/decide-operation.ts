import type { DecisionRequest, Operation } from '@lifeboat/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { operationsQueryKey } from './get-operations.ts';

export type Decision = 'approve' | 'reject';

/** POST /operations/{id}/approve or /reject: an approver (not the requester) decides. */
export const decideOperation = (id: string, decision: Decision, body: DecisionRequest): Promise<Operation> =>
  api.post<Operation>(`/operations/${encodeURIComponent(id)}/${decision}`, body);

export const useDecideOperation = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: Decision; reason: string }) =>
      decideOperation(id, decision, reason.trim() === '' ? {} : { reason: reason.trim() }),
    onSuccess: (operation) => {
      queryClient.setQueryData([...operationsQueryKey, 'detail', id], (old: unknown) =>
        old && typeof old === 'object' ? { ...old, item: operation } : old,
      );
      void queryClient.invalidateQueries({ queryKey: operationsQueryKey });
    },
  });
};
