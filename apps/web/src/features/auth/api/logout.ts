import { useMutation } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';

/** POST /auth/logout with `{}` and the CSRF token: 204. */
export async function logout(): Promise<void> {
  await api.post<void>('/auth/logout', {});
}

/**
 * Signs out, then loads the sign-in page afresh (whatever the server said: an expired session
 * answers 401), so nothing of the session stays in memory: no token, no cached data.
 */
export const useLogout = ({ afterSignOut = '/sign-in' }: { afterSignOut?: string } = {}) =>
  useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(null);
      window.location.replace(afterSignOut);
    },
  });
