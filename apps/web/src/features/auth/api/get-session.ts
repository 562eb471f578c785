import type { SessionInfo } from '@lifeboat/shared';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isUnauthorized, setCsrfToken } from '../../../lib/api-client.ts';

export const sessionQueryKey = ['auth', 'session'] as const;

/** GET /auth/me: the signed-in user and the CSRF token, or null when nobody is signed in. */
export async function getSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/auth/me', undefined, signal ? { signal } : {});
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isUnauthorized(error)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const getSessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 60_000,
  });

export const useSession = () => useQuery(getSessionQueryOptions());

/** The session has ended (a 401 somewhere, or sign-out): forget the token and the user. */
export function markSignedOut(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.setQueryData(sessionQueryKey, null);
}
