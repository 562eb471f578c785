import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, PASSWORD, startStack, waitFor } from './harness.ts';

let stack: Awaited<ReturnType<typeof startStack>>;
let url: string;
beforeAll(async () => {
  stack = await startStack({ simulators: 0 });
  url = stack.url;
});
afterAll(() => stack.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('signing in and out', () => {
  it('signs in a viewer with a CSRF token and a hardened session cookie', async () => {
    const res = await post('/api/v1/auth/login', { username: 'viewer', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { username: 'viewer', roles: ['viewer'] },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      policy: { requireApproval: false },
    });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-lifeboat_sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain/i);
  });

  it('refuses a wrong password with the error body, and the same for an unknown user', async () => {
    for (const username of ['viewer', 'nobody']) {
      const res = await post('/api/v1/auth/login', { username, password: 'wrong' });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string }; requestId: string };
      expect(body.error).toEqual({ code: 'unauthorized', message: 'Wrong username or password.' });
      expect(body.requestId).toBe(res.headers.get('x-request-id'));
    }
  });

  it('answers /auth/me for a session and 401 without one', async () => {
    const s = await login(url, 'operator');
    const me = await get(url, '/api/v1/auth/me', s);
    expect(me.body).toEqual({
      user: { username: 'operator', roles: ['operator'] },
      csrfToken: s.csrfToken,
      policy: { requireApproval: false },
    });
    expect((await fetch(`${url}/api/v1/auth/me`)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/sources`)).status).toBe(401);
  });

  it('gives a new session at each sign-in; the old one keeps working only until it signs out', async () => {
    const a = await login(url, 'viewer');
    const b = await login(url, 'viewer');
    expect(a.cookie).not.toBe(b.cookie);
    const out = await post('/api/v1/auth/logout', {}, { Cookie: a.cookie, 'X-CSRF-Token': a.csrfToken });
    expect(out.status).toBe(204);
    expect((await get(url, '/api/v1/auth/me', a)).status).toBe(401);
    expect((await get(url, '/api/v1/auth/me', b)).status).toBe(200);
  });
});

describe('CSRF and request hygiene', () => {
  it('refuses sign-out without the CSRF token, with a wrong one, from another origin, or as a form', async () => {
    const s = await login(url, 'viewer');
    const cases: [Record<string, string>, string | object, number][] = [
      [{ Cookie: s.cookie }, {}, 403],
      [{ Cookie: s.cookie, 'X-CSRF-Token': 'x'.repeat(43) }, {}, 403],
      [{ Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, Origin: 'https://evil.example' }, {}, 403],
      [{ Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, 'Sec-Fetch-Site': 'same-site' }, {}, 403],
      [
        {
          Cookie: s.cookie,
          'X-CSRF-Token': s.csrfToken,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        'a=1',
        415,
      ],
      [{ Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'text/plain' }, '{}', 415],
    ];
    for (const [headers, body, status] of cases) {
      const res = await post('/api/v1/auth/logout', body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(status);
    }
    expect((await get(url, '/api/v1/auth/me', s)).status).toBe(200);
  });

  it('refuses a cross-site sign-in', async () => {
    const res = await post(
      '/api/v1/auth/login',
      { username: 'viewer', password: PASSWORD },
      { Origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
  });

  it('caps bodies, rejects unknown fields and bad JSON, and refuses TRACE', async () => {
    expect(
      (await post('/api/v1/auth/login', { username: 'viewer', password: 'x'.repeat(17_000) })).status,
    ).toBe(413);
    expect(
      (await post('/api/v1/auth/login', { username: 'viewer', password: PASSWORD, role: 'admin' })).status,
    ).toBe(400);
    expect((await post('/api/v1/auth/login', '{"username":')).status).toBe(400);
    expect((await fetch(`${url}/api/v1/sources`, { method: 'PUT' })).status).toBe(405);
  });

  it('sets a strict Content-Security-Policy and the other hardening headers', async () => {
    const res = await fetch(`${url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('publishes its OpenAPI document, generated from the shared schemas', async () => {
    const res = await fetch(`${url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/login',
        '/sources',
        '/failover-sessions',
        '/failover-sessions/{id}',
        '/replica-points',
        '/vm-rpo',
        '/overview',
        '/events',
        '/plans',
        '/plans/{id}',
        '/replication-jobs',
        '/replication-jobs/{id}',
        '/plans/{id}/failover',
        '/plans/{id}/failback',
        '/operations',
        '/operations/{id}/approve',
        '/audit',
      ]),
    );
    // Every operation is named once, so generated clients get stable method names.
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/failover-sessions']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'state', 'result', 'sort', 'order', 'limit', 'cursor']),
    );
  });

  it('answers health and readiness without signing in', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('slows down password guessing with a stated wait, and lets the right password through after it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await post('/api/v1/auth/login', { username: 'admin', password: `guess-${i}` })).status);
    }
    // Three typos are free; then each attempt waits a growing time after the latest failure.
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await post('/api/v1/auth/login', { username: 'admin', password: PASSWORD });
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/wait \d+ s/);
    // Never locked out: once the stated wait has passed, the right password signs in.
    await waitFor(
      async () =>
        (await post('/api/v1/auth/login', { username: 'admin', password: PASSWORD })).status === 200,
    );
  });

  it('answers 400, not 500, to a control character in the username', async () => {
    const res = await post('/api/v1/auth/login', { username: 'vie\u0000wer', password: PASSWORD });
    expect(res.status).toBe(400);
  });

  it('ends the previous session of the browser at a new sign-in', async () => {
    const first = await login(url, 'viewer');
    const second = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url, Cookie: first.cookie },
      body: JSON.stringify({ username: 'operator', password: PASSWORD }),
    });
    expect(second.status).toBe(200);
    expect((await get(url, '/api/v1/auth/me', first)).status).toBe(401);
  });
});

/** A raw HTTP/1.1 request, so the test can name any Host (fetch will not). */
function rawRequest(
  base: string,
  opts: { method: string; path: string; host: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port,
        method: opts.method,
        path: opts.path,
        headers: { ...opts.headers, Host: opts.host },
        setHost: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('behind a TLS proxy', () => {
  let proxied: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    proxied = await startStack({ simulators: 0, publicOrigin: 'https://lifeboat.example' });
  });
  afterAll(() => proxied.close());

  const login = (host: string, origin: string) =>
    rawRequest(proxied.url, {
      method: 'POST',
      path: '/api/v1/auth/login',
      host,
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ username: 'viewer', password: PASSWORD }),
    });

  it('checks Origin against the configured public origin, not the address it listens on', async () => {
    expect((await login('lifeboat.example', 'https://lifeboat.example')).status).toBe(200);
    // The scheme's default port named in Host is the same server.
    expect((await login('lifeboat.example:443', 'https://lifeboat.example')).status).toBe(200);
    expect((await login('lifeboat.example', proxied.url)).status).toBe(403);
  });

  it('refuses a request naming another Host (DNS rebinding), but answers health checks', async () => {
    for (const host of [
      new URL(proxied.url).host,
      'evil.example',
      'lifeboat.example.evil.example',
      'lifeboat.example:8443',
    ]) {
      const res = await login(host, 'https://lifeboat.example');
      expect(res.status).toBe(421);
      expect(JSON.parse(res.body)).toMatchObject({
        error: { code: 'misdirected', message: 'This server answers to lifeboat.example only.' },
      });
    }
    const page = await rawRequest(proxied.url, { method: 'GET', path: '/', host: 'evil.example' });
    expect(page.status).toBe(421);
    const health = await rawRequest(proxied.url, { method: 'GET', path: '/healthz', host: '10.0.0.5:8080' });
    expect(health.status).toBe(200);
  });
});

describe('slow clients', () => {
  it('cuts off a client that trickles its request headers, at the configured timeout (SEC-32)', async () => {
    const slow = await startStack({ simulators: 0, headersTimeoutSeconds: 1 });
    try {
      const { hostname, port } = new URL(slow.url);
      const socket = connect(Number(port), hostname);
      const started = Date.now();
      // One header byte every 200 ms: the socket never goes idle, the headers never end.
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => socket.write('X'), 200);
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('close', () => resolve(text));
      });
      clearInterval(drip);
      const elapsed = Date.now() - started;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5_000);
      // The server still answers everyone else.
      expect((await fetch(`${slow.url}/healthz`)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});
