import { describe, expect, it } from 'vitest';
import {
  ApiError,
  buildQueryString,
  createApiClient,
  errorMessage,
  isClientError,
  isNotFound,
  isUnauthorized,
  isUnreachable,
  UNREACHABLE_MESSAGE,
} from './api-client.ts';
import { shouldRetry } from './query-client.ts';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const call = { url, init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('GET', () => {
  it('sends same-origin credentials to /api/v1 with only the non-empty params', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [] }));
    const api = createApiClient({ fetch, getCsrfToken: () => 'tok' });
    const body = await api.get('/failover-sessions', {
      q: 'a b',
      state: undefined,
      source: '',
      limit: 50,
      cursor: null,
    });
    expect(body).toEqual({ items: [] });
    expect(calls[0]?.url).toBe('/api/v1/failover-sessions?q=a+b&limit=50');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(new Headers(calls[0]?.init.headers).get('X-CSRF-Token')).toBeNull();
  });
});

describe('POST', () => {
  it('sends JSON, the CSRF token and same-origin credentials', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApiClient({ fetch, getCsrfToken: () => 'csrf-123' });
    await expect(api.post('/auth/logout', {})).resolves.toBeUndefined();
    const headers = new Headers(calls[0]?.init.headers);
    expect(calls[0]?.url).toBe('/api/v1/auth/logout');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(calls[0]?.init.body).toBe('{}');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('sends `{}` when there is no body and no token header before sign-in', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: true }));
    const api = createApiClient({ fetch, getCsrfToken: () => null });
    await api.post('/auth/login');
    expect(calls[0]?.init.body).toBe('{}');
    expect(new Headers(calls[0]?.init.headers).has('X-CSRF-Token')).toBe(false);
  });

  it("adds the caller's headers (an Idempotency-Key) without letting them replace the CSRF token", async () => {
    const { fetch, calls } = fakeFetch(() => json(202, { id: 'op-1' }));
    const api = createApiClient({ fetch, getCsrfToken: () => 'csrf-123' });
    await api.post(
      '/plans/p/failover',
      {},
      { headers: { 'Idempotency-Key': 'k-12345678', 'X-CSRF-Token': 'x' } },
    );
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get('Idempotency-Key')).toBe('k-12345678');
    expect(headers.get('X-CSRF-Token')).toBe('csrf-123');
  });
});

describe('error mapping', () => {
  it('reads the BFF error body: code, message, source and request id', async () => {
    const { fetch } = fakeFetch(() =>
      json(502, {
        error: { code: 'upstream_failed', message: 'EM answered 500', source: 'em-hq' },
        requestId: 'r-1',
      }),
    );
    const error = await failure(createApiClient({ fetch, getCsrfToken: () => null }).get('/sources'));
    expect(error).toMatchObject({
      status: 502,
      code: 'upstream_failed',
      message: 'EM answered 500',
      source: 'em-hq',
      requestId: 'r-1',
    });
    expect(isUnreachable(error)).toBe(false);
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
  });

  it('maps 401 to unauthorized and 404 to not found, and never retries a 4xx', async () => {
    const { fetch } = fakeFetch((call) =>
      call.url.endsWith('/auth/me')
        ? json(401, { error: { code: 'unauthorized', message: 'Sign in first' }, requestId: 'r-2' })
        : json(404, { error: { code: 'not_found', message: 'No such session' }, requestId: 'r-3' }),
    );
    const api = createApiClient({ fetch, getCsrfToken: () => null });
    const unauthorized = await failure(api.get('/auth/me'));
    expect(isUnauthorized(unauthorized)).toBe(true);
    expect(unauthorized.code).toBe('unauthorized');
    const missing = await failure(api.get('/failover-sessions/x'));
    expect(isNotFound(missing)).toBe(true);
    expect(isClientError(missing)).toBe(true);
    expect(shouldRetry(0, missing)).toBe(false);
  });

  it('passes through an error code this build does not know yet', async () => {
    const { fetch } = fakeFetch(() =>
      json(409, { error: { code: 'plan_locked', message: 'Locked' }, requestId: 'r' }),
    );
    const error = await failure(createApiClient({ fetch, getCsrfToken: () => null }).post('/x', {}));
    expect(error).toMatchObject({ status: 409, code: 'plan_locked', message: 'Locked' });
  });

  it('falls back by status when the body is not the BFF error body', async () => {
    const cases: Array<[number, string, string]> = [
      [401, 'text/plain', 'unauthorized'],
      [403, 'text/html', 'forbidden'],
      [429, 'text/plain', 'rate_limited'],
      [500, 'text/html', 'internal'],
      [418, 'text/plain', 'bad_request'],
    ];
    for (const [status, type, code] of cases) {
      const { fetch } = fakeFetch(
        () => new Response('<html>nope</html>', { status, headers: { 'Content-Type': type } }),
      );
      const error = await failure(createApiClient({ fetch, getCsrfToken: () => null }).get('/sources'));
      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
      expect(error.message).not.toContain('<html>');
    }
  });

  it('treats a failed fetch and a gateway answering for a missing BFF as unreachable', async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const network = await failure(
      createApiClient({ fetch: down.fetch, getCsrfToken: () => null }).get('/sources'),
    );
    expect(network).toMatchObject({ status: 0, code: 'network_error', message: UNREACHABLE_MESSAGE });
    expect(isUnreachable(network)).toBe(true);
    expect(shouldRetry(0, network)).toBe(true);

    for (const status of [502, 503, 504]) {
      const proxy = fakeFetch(() => new Response('Bad Gateway', { status }));
      const error = await failure(
        createApiClient({ fetch: proxy.fetch, getCsrfToken: () => null }).get('/sources'),
      );
      expect(isUnreachable(error)).toBe(true);
    }
  });

  it('reports a 200 whose body is not JSON as an unreadable answer', async () => {
    const { fetch } = fakeFetch(() => new Response('<!doctype html>', { status: 200 }));
    const error = await failure(createApiClient({ fetch, getCsrfToken: () => null }).get('/sources'));
    expect(error.code).toBe('bad_response');
  });

  it('lets an abort through untouched, for TanStack Query to cancel', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const { fetch } = fakeFetch(() => Promise.reject(abort));
    await expect(createApiClient({ fetch, getCsrfToken: () => null }).get('/sources')).rejects.toBe(abort);
  });
});

describe('helpers', () => {
  it('builds query strings without empty values', () => {
    expect(buildQueryString(undefined)).toBe('');
    expect(buildQueryString({ a: '', b: undefined, c: null })).toBe('');
    expect(buildQueryString({ q: 'x&y=z', limit: 5 })).toBe('?q=x%26y%3Dz&limit=5');
  });
  it('gives words for any error', () => {
    expect(errorMessage(new ApiError({ status: 500, code: 'internal', message: 'Boom' }))).toBe('Boom');
    expect(errorMessage(new Error('plain'))).toBe('plain');
    expect(errorMessage('??')).toBe('Something went wrong.');
  });
});
