import type { ApiTokenList } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** The prefix of every API-token query, to invalidate them all. */
export const apiTokensQueryKey = ['api-tokens'] as const;

/** GET /api-tokens (admin): every token, newest first; never a secret. */
export const getApiTokens = (signal?: AbortSignal) =>
  api.get<ApiTokenList>('/api-tokens', undefined, signal ? { signal } : {});

export const getApiTokensQueryOptions = () =>
  queryOptions({
    queryKey: [...apiTokensQueryKey, 'list'],
    queryFn: ({ signal }) => getApiTokens(signal),
  });

export const useApiTokens = () => useQuery(getApiTokensQueryOptions());
