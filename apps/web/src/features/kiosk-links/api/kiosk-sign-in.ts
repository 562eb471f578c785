import type { KioskSignInRequest, SessionInfo } from '@lifeboat/shared';
import { api, setCsrfToken } from '../../../lib/api-client.ts';

/**
 * POST /auth/kiosk: signs this browser in read-only with a kiosk link's token (the wall display),
 * and keeps the CSRF token in memory as a password sign-in does. 401 for an unknown, expired or
 * revoked link, with the server's words in the error's message.
 */
export async function kioskSignIn(token: string): Promise<SessionInfo> {
  const session = await api.post<SessionInfo>('/auth/kiosk', { token } satisfies KioskSignInRequest);
  setCsrfToken(session.csrfToken);
  return session;
}
