import type { SignInOptions } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** GET /auth/options: whether passwords are taken here, and the single sign-on to offer. */
export const useSignInOptions = () =>
  useQuery({
    queryKey: ['auth', 'options'],
    queryFn: ({ signal }) => api.get<SignInOptions>('/auth/options', undefined, { signal }),
    staleTime: Infinity,
  });
