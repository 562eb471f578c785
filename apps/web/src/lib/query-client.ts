import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isClientError, isUnauthorized } from './api-client.ts';

/** Lists and the sources banner poll this often (the BFF serves them from its cache). */
export const LIST_REFETCH_MS = 15_000;

/** Network errors and 5xx are retried twice; a 4xx answer is final. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return !isClientError(error) && failureCount < 2;
}

/**
 * The one QueryClient. A 401 from any query means the session is gone: `onUnauthorized` takes the
 * user to sign in (the session query itself answers null instead of failing, so it never loops).
 */
export function createQueryClient(options: { onUnauthorized: () => void }): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) options.onUnauthorized();
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}
