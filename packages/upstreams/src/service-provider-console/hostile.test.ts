import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, failure } from '../testing/upstream-failure.ts';
import { createServiceProviderConsoleConnector, MAX_PAGES } from './connector.ts';

// Hostile and misbehaving console answers (security-and-resilience §7.1-7.2): each must come to a
// typed error, or the items that can be read plus a count of those that cannot; never a crash.

const settings = (url: string, pageSize = 500, login = { username: 'svc', password: 'pw' }) =>
  createServiceProviderConsoleConnector(
    {
      id: 'vspc-h',
      kind: 'service-provider-console',
      name: 'VSPC',
      url,
      ...login,
      timeoutSeconds: 5,
      maxResponseBytes: 8 * 1024 * 1024,
    },
    { pageSize },
  );

/** What a read came to: `ok` with the snapshot, or the error code. */
async function outcome(p: Promise<{ replicationJobs?: unknown[]; unreadable: { count: number } }>) {
  return p.then(
    (snap) => ({ code: 'ok', jobs: snap.replicationJobs?.length ?? 0, unreadable: snap.unreadable.count }),
    (err: unknown) => ({ code: errorCode(err), jobs: 0, unreadable: 0 }),
  );
}

describe("the simulator's hostile JSON corpus", () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, speed: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });

  const expected: Record<string, { code: string; jobs?: number; unreadable?: number }> = {
    'proto-pollution': { code: 'malformed_response' },
    'constructor-prototype': { code: 'malformed_response' },
    'duplicate-keys': { code: 'ok', jobs: 1, unreadable: 0 },
    'deep-arrays': { code: 'ok', jobs: 1, unreadable: 0 },
    truncated: { code: 'malformed_response' },
    bom: { code: 'ok', jobs: 1, unreadable: 0 },
    'invalid-utf8': { code: 'malformed_response' },
    'nan-infinity': { code: 'malformed_response' },
    // A number for the uid, and null for an item: both counted, neither read.
    'wrong-types': { code: 'ok', jobs: 0, unreadable: 2 },
  };

  it.each(Object.entries(expected))('%s → %o', async (name, want) => {
    await fetch(`${sim.admin.url}/admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        api: 'serviceProviderConsole',
        hostileBody: name,
        path: '/api/v3/infra',
        count: 1,
      }),
    });
    const { url, username, password } = sim.serviceProviderConsole;
    const c = settings(url, 500, { username, password });
    const started = performance.now();
    const got = await outcome(c.fetchInventory());
    await c.close();
    expect(got).toMatchObject(want);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

type Answer = { status?: number; headers?: Record<string, string>; body: string };

/** A stand-in console that hands out a token and answers each job page as the test says. */
let stub: Server | null = null;
const requests: string[] = [];
async function stubConsole(
  page: (offset: number, limit: number, req: IncomingMessage) => Answer,
): Promise<string> {
  requests.length = 0;
  stub = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    const answer: Answer =
      url.pathname === '/api/v3/token'
        ? {
            body: JSON.stringify({
              access_token: 'a',
              token_type: 'bearer',
              expires_in: 3600,
              refresh_token: 'r',
            }),
          }
        : page(Number(url.searchParams.get('offset')), Number(url.searchParams.get('limit')), req);
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((r) => stub!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
}
afterEach(async () => {
  await new Promise((r) => (stub ? stub.close(r) : r(undefined)));
  stub = null;
});

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const job = (n: number, embedded: Record<string, unknown> = {}) => ({
  instanceUid: uid(n),
  protectedVmCount: 1,
  isCloudJob: true,
  _embedded: { backupServerJob: { name: `job ${n}`, status: 'Success', isEnabled: true, ...embedded } },
});
const envelope = (items: unknown[], total: number, offset = 0) =>
  JSON.stringify({ meta: { pagingInfo: { total, count: items.length, offset } }, data: items, errors: null });
const jobs = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => job(from + i));
const gets = () => requests.filter((r) => r.startsWith('GET')).length;

describe('a misbehaving console', () => {
  it('shows 99 good jobs and counts the one bad item among 100', async () => {
    const items: unknown[] = jobs(0, 100);
    items[42] = { ...job(42), instanceUid: 42 };
    const c = settings(await stubConsole(() => ({ body: envelope(items, 100) })));
    const snap = await c.fetchInventory();
    expect(snap.replicationJobs).toHaveLength(99);
    expect(snap.unreadable.count).toBe(1);
    expect(snap.unreadable.firstError).toMatch(/instanceUid/);
    await c.close();
  });

  it('counts an item with a number where a string belongs, and reads the rest', async () => {
    const items = [job(1), job(2, { name: 12345 }), job(3, { lastRun: 20240718 }), job(4)];
    const c = settings(await stubConsole(() => ({ body: envelope(items, 4) })));
    const snap = await c.fetchInventory();
    expect(snap.replicationJobs?.map((j) => j.name)).toEqual(['job 1', 'job 4']);
    expect(snap.unreadable.count).toBe(2);
    await c.close();
  });

  it.each([
    ['a bare array', '[]'],
    ['an item where a collection belongs', '{"data":{"instanceUid":"x"}}'],
    ['no paging info', '{"data":[]}'],
    ['a string', '"jobs"'],
    ['null', 'null'],
    ['an HTML page', '<!DOCTYPE html><html><body>Sign in</body></html>'],
    [
      'a prototype key in an embedded job',
      `{"meta":{"pagingInfo":{"total":1}},"data":[{"instanceUid":"${uid(1)}","_embedded":{"__proto__":{"polluted":1}}}]}`,
    ],
  ])('refuses %s as malformed, and pollutes nothing', async (_what, body) => {
    const c = settings(await stubConsole(() => ({ body })));
    const got = await outcome(c.fetchInventory());
    expect(got.code).toBe('malformed_response');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await c.close();
  });

  it('reads every page once, and a job seen on two pages (the list shifted) once', async () => {
    // Page 2 starts one job early, as if a job were added while paging.
    const c = settings(
      await stubConsole((offset) => ({ body: envelope(offset === 0 ? jobs(0, 3) : jobs(2, 5), 6, offset) })),
      3,
    );
    const snap = await c.fetchInventory();
    expect(snap.replicationJobs?.map((j) => j.ref.nativeId)).toEqual([0, 1, 2, 3, 4].map(uid));
    expect(gets()).toBe(2);
    await c.close();
  });

  it('stops at an empty page the total says should not be, and counts what never came', async () => {
    const c = settings(
      await stubConsole((offset) => ({ body: envelope(offset === 0 ? jobs(0, 2) : [], 10, offset) })),
      2,
    );
    const snap = await c.fetchInventory();
    expect(snap.replicationJobs).toHaveLength(2);
    expect(snap.unreadable).toEqual({
      count: 8,
      firstError: 'the Service Provider Console said 10 jobs but sent an empty page at offset 2',
    });
    expect(gets()).toBe(2);
    await c.close();
  });

  it(`stops a console that never ends after ${MAX_PAGES} pages`, async () => {
    const c = settings(
      await stubConsole((offset) => ({ body: envelope([job(offset)], offset + 2, offset) })),
      1,
    );
    const snap = await c.fetchInventory();
    expect(gets()).toBe(MAX_PAGES);
    expect(snap.replicationJobs).toHaveLength(MAX_PAGES);
    expect(snap.unreadable.count).toBe(1);
    expect(snap.unreadable.firstError).toMatch(/still had more after 1000 pages/);
    await c.close();
  }, 30_000);

  it('fails at once on a 429 that names no wait', async () => {
    const c = settings(
      await stubConsole(() => ({ status: 429, body: '{"errors":[{"type":"transport","code":429}]}' })),
    );
    const err = await failure(c.fetchInventory());
    expect([err.code, err.message]).toEqual(['http_status', 'rate limited by the Service Provider Console']);
    expect(gets()).toBe(1);
    await c.close();
  });

  it('honours a Retry-After header when the body names no wait', async () => {
    let first = true;
    const c = settings(
      await stubConsole(() => {
        if (!first) return { body: envelope(jobs(0, 1), 1) };
        first = false;
        return { status: 429, headers: { 'Retry-After': '1' }, body: '' };
      }),
    );
    const started = Date.now();
    expect((await c.fetchInventory()).replicationJobs).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(gets()).toBe(2);
    await c.close();
  });

  it("puts the console's error message in the error, on one bounded line", async () => {
    const message = `Access denied\n\nfor ${'x'.repeat(5_000)}`;
    const c = settings(
      await stubConsole(() => ({
        status: 403,
        body: JSON.stringify({ errors: [{ message, type: 'security', code: 403 }] }),
      })),
    );
    const err = await failure(c.fetchInventory());
    expect(err.code).toBe('http_status');
    expect(err.message).toMatch(/^Service Provider Console answered 403: Access denied for x+$/);
    expect(err.message.length).toBeLessThan(600);
    await c.close();
  });
});

describe('a misbehaving token endpoint', () => {
  it.each([
    ['no access token', 200, '{"token_type":"bearer"}', 'malformed_response'],
    ['an HTML page', 200, '<html>login</html>', 'malformed_response'],
    [
      'a server error',
      520,
      '{"errors":[{"message":"Database is offline","type":"transport","code":500}]}',
      'http_status',
    ],
    [
      'a refused grant',
      400,
      '{"errors":[{"message":"invalid_grant","type":"security","code":400}]}',
      'auth_failed',
    ],
  ])('%s → %s', async (_what, status, body, code) => {
    stub = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((r) => stub!.listen(0, '127.0.0.1', r));
    requests.length = 0;
    const c = settings(`http://127.0.0.1:${(stub.address() as AddressInfo).port}`);
    const got = await outcome(c.fetchInventory());
    expect(got.code).toBe(code);
    expect(gets()).toBe(0);
    await c.close();
  });
});
