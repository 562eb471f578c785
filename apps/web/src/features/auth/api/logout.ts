import { useMutation } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';

/** POST /auth/logout with `{}` and the CSRF token: 204. */
export async function logout(): Promise<void> {
  await api.post<void>('/auth/logout', {});
}

/** Lets the app see a sign-out under way (and close the event stream at once). */
export const logoutMutationKey = ['auth', 'logout'] as const;

/**
 * Signs out, then loads the sign-in page afresh (whatever the server said: an expired session
 * answers 401), so nothing of the session stays in memory: no token, no cached data.
 */
export const useLogout = ({ afterSignOut = '/sign-in' }: { afterSignOut?: string } = {}) =>
  useMutation({
    mutationKey: logoutMutationKey,
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(null);
      window.location.replace(afterSignOut);
    },
  });
