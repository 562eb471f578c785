import type { CreateApiTokenRequest, CreatedApiToken } from '@lifeboat/shared';
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { apiTokensQueryKey } from './get-api-tokens.ts';

/**
 * POST /api-tokens (admin): 201 with the token and its secret, which no other answer holds; 400 when
 * the expiry is past or too far away.
 */
export const createApiToken = (body: CreateApiTokenRequest): Promise<CreatedApiToken> =>
  api.post<CreatedApiToken>('/api-tokens', body);

/**
 * The secret stays in the mutation's result only (never in the query cache), and the result is
 * dropped as soon as nothing shows it (gcTime 0), so the secret is shown once.
 */
export const createApiTokenMutationOptions = (queryClient: QueryClient) =>
  mutationOptions({
    mutationFn: createApiToken,
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });

export const useCreateApiToken = () => useMutation(createApiTokenMutationOptions(useQueryClient()));
