import type { LoginRequest, SessionInfo } from '@lifeboat/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionQueryKey } from './get-session.ts';

/** POST /auth/login: 200 with the session, 401 for wrong credentials. */
export async function login(credentials: LoginRequest): Promise<SessionInfo> {
  return api.post<SessionInfo>('/auth/login', credentials);
}

export const useLogin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
};
