import type { SessionInfo } from '@lifeboat/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { createKioskExchange, type ExchangeState, type KioskExchange } from './kiosk-exchange.ts';
import { dataQueryNames, type WallQueries } from './wall-queries.ts';

/**
 * checking: not known yet; signed-in; no-link: no token and no session; refused: the BFF turned
 * the kiosk token down; unreachable: the BFF could not answer (retried).
 */
export type WallAccess =
  | { kind: 'checking' }
  | { kind: 'signed-in' }
  | { kind: 'no-link' }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'unreachable' };

/** Without a token, how often a failed session check (the BFF away) is tried again. */
const SESSION_RETRY_MS = 15_000;

/**
 * Who the wall is signed in as. With a kiosk token it exchanges the token for a session on load,
 * and again whenever the session ends (an API call answered 401 and the app forgot the session).
 * Without one it uses the session the browser already has, if any.
 */
export function useWallAccess({
  token,
  queries,
  signIn,
}: {
  token: string | null;
  queries: WallQueries;
  signIn: (token: string) => Promise<SessionInfo>;
}): WallAccess {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: queries.session.queryKey,
    queryFn: ({ signal }) => queries.session.fetch(signal),
    // With a token the session comes from the exchange, not from GET /auth/me.
    enabled: token === null,
    refetchInterval: (query) => (query.state.status === 'error' ? SESSION_RETRY_MS : false),
  });
  const [exchange, setExchange] = useState<ExchangeState>({ kind: 'idle' });
  const exchanger = useRef<KioskExchange | null>(null);

  useEffect(() => {
    if (token === null) return;
    const current = createKioskExchange({
      token,
      signIn,
      onState: setExchange,
      onSignedIn: (info) => {
        // A check of the session sent before this sign-in (the app asks for it as it loads) would
        // answer "none" after it, undo it, and leave the wall waiting out the exchange's least gap.
        void queryClient.cancelQueries({ queryKey: queries.session.queryKey, exact: true });
        queryClient.setQueryData(queries.session.queryKey, info);
        // Whatever failed with the old session (401s) is fetched again with the new one.
        for (const name of dataQueryNames) {
          void queryClient.invalidateQueries({ queryKey: queries[name].queryKey, exact: true });
        }
      },
    });
    exchanger.current = current;
    return () => {
      current.stop();
      exchanger.current = null;
    };
  }, [token, signIn, queryClient, queries]);

  // undefined: no session yet (load); null: the app forgot it after a 401.
  const signedOut = session.data === undefined || session.data === null;
  useEffect(() => {
    if (signedOut) exchanger.current?.exchange();
  }, [signedOut, token]);

  if (token === null) {
    if (session.data) return { kind: 'signed-in' };
    if (session.data === null) return { kind: 'no-link' };
    return session.isError ? { kind: 'unreachable' } : { kind: 'checking' };
  }
  if (exchange.kind === 'refused') return exchange;
  if (session.data) return { kind: 'signed-in' };
  return exchange.kind === 'unreachable' ? { kind: 'unreachable' } : { kind: 'checking' };
}
