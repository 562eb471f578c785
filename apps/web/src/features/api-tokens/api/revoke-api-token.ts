import type { ApiToken } from '@lifeboat/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { apiTokensQueryKey } from './get-api-tokens.ts';

/** POST /api-tokens/{id}/revoke (admin): the next request made with it is refused. */
export const revokeApiToken = (id: string): Promise<ApiToken> =>
  api.post<ApiToken>(`/api-tokens/${encodeURIComponent(id)}/revoke`, {});

export const useRevokeApiToken = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
};
