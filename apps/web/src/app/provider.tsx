import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { markSignedOut } from '../features/auth/api/get-session.ts';
import { createQueryClient } from '../lib/query-client.ts';

function makeQueryClient(): QueryClient {
  // A 401 from any query ends the session; the app layout then sends the user to sign in and back.
  const client: QueryClient = createQueryClient({ onUnauthorized: () => markSignedOut(client) });
  return client;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
