import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { getSessionQueryOptions, markSignedOut } from '../features/auth/api/get-session.ts';
import { getOverviewQueryOptions } from '../features/overview/api/get-overview.ts';
import { createQueryClient } from '../lib/query-client.ts';

function makeQueryClient(): QueryClient {
  // A 401 from any query ends the session; the app layout then sends the user to sign in and back.
  const client: QueryClient = createQueryClient({ onUnauthorized: () => markSignedOut(client) });
  // The landing page's data is asked for together with the session, not after it: the overview is
  // painted one round trip sooner. Signed out, it is a 401 like any other (the sign-in follows).
  void client.prefetchQuery(getSessionQueryOptions());
  if (window.location.pathname === '/') void client.prefetchQuery(getOverviewQueryOptions());
  return client;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
