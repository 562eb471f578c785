import type { Role, SessionInfo, SourceList } from '@lifeboat/shared';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { sessionQueryKey } from '../features/auth/api/get-session.ts';
import { sourcesQueryKey } from '../features/sources/api/get-sources.ts';
import { setCsrfToken } from '../lib/api-client.ts';

/** A name that must reach the page as text, never as markup. */
export const hostile = '<img src=x onerror=alert(1)>';

/** ada's session, with `roles`. */
export const sessionOf = (roles: Role[]): SessionInfo => ({
  user: { username: 'ada', roles },
  csrfToken: 't',
  policy: { requireApproval: false },
});

const sources: SourceList = { asOf: '2026-11-24T10:00:00.000Z', items: [] };

/**
 * A client that holds what every page needs before its own data, signed in as ada with `roles`;
 * it never refetches, so a page renders exactly what a test put in it.
 */
export function signedInClient(roles: Role[]): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(sessionQueryKey, sessionOf(roles));
  client.setQueryData(sourcesQueryKey, sources);
  return client;
}

/** A request the stubbed fetch received, its JSON body parsed. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

/**
 * For each test of the calling describe block: the API client holds the CSRF token "csrf-1", and
 * fetch is stubbed to record each request and answer with the JSON `answer` gives. The list
 * returned holds the requests of the test running.
 */
export function stubFetch(
  answer: (url: string, init: RequestInit) => { status: number; body: unknown },
): SentRequest[] {
  const requests: SentRequest[] = [];
  beforeEach(() => {
    requests.length = 0;
    setCsrfToken('csrf-1');
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        requests.push({
          method: init.method ?? 'GET',
          url,
          headers: new Headers(init.headers),
          body: init.body ? JSON.parse(init.body as string) : null,
        });
        const { status, body } = answer(url, init);
        return Promise.resolve(
          new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
        );
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });
  return requests;
}

/**
 * Presses Done on a credential just shown once, and checks that the mutation forgets its answer
 * and leaves the cache: the secret must not outlive the panel.
 */
export async function dismissCreated(
  creation: { reset: () => void; getCurrentResult: () => { data: unknown } },
  client: QueryClient,
): Promise<void> {
  creation.reset();
  expect(creation.getCurrentResult().data).toBeUndefined();
  await vi.waitFor(() => expect(client.getMutationCache().getAll()).toEqual([]));
}

/** Everything the queries of `client` hold, as one text to search for a secret. */
export const cachedQueryData = (client: QueryClient): string =>
  JSON.stringify(
    client
      .getQueryCache()
      .getAll()
      .map((query) => query.state.data),
  );
