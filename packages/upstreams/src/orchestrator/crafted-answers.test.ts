import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../connector.ts';
import { failure } from '../testing/upstream-failure.ts';
import { orchestrator } from './connector.ts';
import { fixture } from './fixtures/load.ts';

// Answers Veeam documented (the token) or that the simulator does not send (one bad item among
// many, an object for a list, a rotated refresh token), from a small stub server.

interface Seen {
  method: string;
  path: string;
  auth: string | undefined;
  body: string;
}
type Answer = { status: number; body: string };
type Handler = (req: Seen) => Answer | Promise<Answer>;

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const json = (body: unknown, status = 200): Answer => ({ status, body: JSON.stringify(body) });
const token = (access: string, refresh: string) =>
  json({ access_token: access, token_type: 'bearer', expires_in: 899, refresh_token: refresh });

/** A stub Orchestrator: the handler answers every call; `seen` records them. */
async function stub(handler: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const call = { method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body };
      seen.push(call);
      void Promise.resolve(handler(call)).then((a) => {
        res.writeHead(a.status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(a.body);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  open.push({
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  });
  return { url, seen };
}

function connectTo(url: string, apiGeneration = 'v3'): Connector {
  const c = orchestrator.create(
    {
      id: 'vro',
      kind: 'orchestrator',
      name: 'VRO',
      url,
      username: 'vro\\svc-lifeboat',
      password: 'p&ss=word',
      timeoutSeconds: 5,
      maxResponseBytes: 1024 * 1024,
    },
    orchestrator.settings.parse({ apiGeneration }),
  );
  open.push(c);
  return c;
}

const guid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const plan = (i: number, extra: Record<string, unknown> = {}) => ({
  id: guid(i),
  name: `Plan ${i}`,
  planType: 'Replica',
  state: 'Verified',
  resultName: 'None',
  enabled: true,
  vmCount: 1,
  ...extra,
});

/** Serves the token endpoint and a fixed v3 plan list. */
function withPlans(list: unknown, runtime?: Handler): Handler {
  return (req) => {
    if (req.path === '/api/token') return token('access-1', 'refresh-1');
    if (req.path === '/api/v3/Plans') return json(list);
    if (runtime && req.path.startsWith('/api/v3/RuntimeDetails/Plans/')) return runtime(req);
    return json({ message: 'No HTTP resource was found' }, 404);
  };
}

describe('the Orchestrator connector on crafted answers', () => {
  it("logs on with the password grant as a form, and sends the documented example's access token as a bearer", async () => {
    const documented = fixture('vro_post_token_password_response.json');
    const { access_token } = JSON.parse(documented) as { access_token: string };
    const { url, seen } = await stub((req) =>
      req.path === '/api/token' ? { status: 200, body: documented } : json([]),
    );
    const snap = await connectTo(url).fetchInventory();
    expect(snap).toEqual({ plans: [], unreadable: { count: 0, firstError: null } });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api/token', 'GET /api/v3/Plans']);
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      grant_type: 'password',
      username: 'vro\\svc-lifeboat',
      password: 'p&ss=word',
    });
    expect(seen[1]?.auth).toBe(`Bearer ${access_token}`);
  });

  it('renews with the newest refresh token each time: a rotated one is never reused', async () => {
    let issued = 0;
    let refusals = 0;
    const { url, seen } = await stub((req) => {
      if (req.path === '/api/token') {
        issued++;
        return token(`access-${issued}`, `refresh-${issued}`);
      }
      // Each access token works for one read only.
      const used = seen.filter((s) => s.auth === req.auth && s.path === req.path).length;
      if (used > 1) {
        refusals++;
        return json({ message: 'Authorization has been denied for this request.' }, 401);
      }
      return json([plan(1)]);
    });
    const c = connectTo(url);
    for (let i = 0; i < 3; i++) expect((await c.fetchInventory()).plans).toHaveLength(1);
    const grants = seen
      .filter((s) => s.path === '/api/token')
      .map((s) => Object.fromEntries(new URLSearchParams(s.body)));
    expect(grants.map((g) => g.grant_type)).toEqual(['password', 'refresh_token', 'refresh_token']);
    expect(grants.slice(1).map((g) => g.refresh_token)).toEqual(['refresh-1', 'refresh-2']);
    expect(refusals).toBe(2);
  });

  it('falls back to a full logon when the refresh is refused', async () => {
    let logons = 0;
    let current = '';
    const { url, seen } = await stub((req) => {
      if (req.path === '/api/token') {
        if (new URLSearchParams(req.body).get('grant_type') === 'refresh_token')
          return json(
            { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' },
            400,
          );
        current = `access-${++logons}`;
        return token(current, `refresh-${logons}`);
      }
      if (logons === 1 && seen.filter((s) => s.path === '/api/v3/Plans').length > 1) {
        // The server forgot every token (a restart).
        current = '';
      }
      return req.auth === `Bearer ${current}` ? json([plan(1)]) : json({ message: 'denied' }, 401);
    });
    const c = connectTo(url);
    await c.fetchInventory();
    expect((await c.fetchInventory()).plans).toHaveLength(1);
    expect(logons).toBe(2);
  });

  it('shows the good plans and counts the one bad item among a hundred', async () => {
    const list: unknown[] = Array.from({ length: 100 }, (_, i) => plan(i));
    list[37] = { id: guid(37), name: 42, state: 'Verified' };
    const { url } = await stub(withPlans(list));
    const snap = await connectTo(url).fetchInventory();
    expect(snap.plans).toHaveLength(99);
    expect(snap.plans?.some((p) => p.ref.nativeId === guid(37))).toBe(false);
    expect(snap.unreadable.count).toBe(1);
    expect(snap.unreadable.firstError).toMatch(/^RecoveryPlan: name: /);
  });

  it('shows a plan listed twice once', async () => {
    const { url } = await stub(withPlans([plan(1), plan(2), plan(1, { name: 'Plan 1 again' })]));
    const snap = await connectTo(url).fetchInventory();
    expect(snap.plans?.map((p) => p.name)).toEqual(['Plan 1 again', 'Plan 2']);
  });

  it.each([
    ['an object where the list belongs', json({ data: [plan(1)] })],
    ['null', json(null)],
    ['an HTML page', { status: 200, body: '<html><body>Bad gateway</body></html>' }],
    ['an empty body', { status: 200, body: '' }],
    ['a prototype key', { status: 200, body: `[{"__proto__":{"polluted":1},"id":"${guid(1)}","name":"P"}]` }],
  ])('refuses %s as a malformed response', async (_what, answer) => {
    const { url } = await stub((req) => (req.path === '/api/token' ? token('a', 'r') : answer));
    expect((await failure(connectTo(url).fetchInventory())).code).toBe('malformed_response');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a token answer without an access token', async () => {
    const { url } = await stub(() => json({ token_type: 'bearer' }));
    const err = await failure(connectTo(url).fetchInventory());
    expect(err.code).toBe('malformed_response');
  });

  it('never puts an id that is not a GUID into a URL', async () => {
    const { url, seen } = await stub(
      withPlans([plan(1), { ...plan(2), id: '../../admin', state: 'FailoverInProgress' }], () =>
        json({ totalProgress: 50 }),
      ),
    );
    const snap = await connectTo(url).fetchInventory();
    expect(snap.plans).toHaveLength(1);
    expect(snap.unreadable.count).toBe(1);
    expect(seen.map((s) => s.path)).toEqual(['/api/token', '/api/v3/Plans']);
  });

  it('reads runtime details for running plans only, at most four at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const list = Array.from({ length: 12 }, (_, i) =>
      plan(i, { state: i < 10 ? 'FailoverInProgress' : 'Failover' }),
    );
    const { url, seen } = await stub(
      withPlans(list, async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
        return json({ totalProgress: 25, vms: [{ vmId: guid(99), vmName: 'vm' }] });
      }),
    );
    const snap = await connectTo(url).fetchInventory();
    expect(seen.filter((s) => s.path.startsWith('/api/v3/RuntimeDetails/')).length).toBe(10);
    expect(most).toBeLessThanOrEqual(4);
    expect(snap.plans?.filter((p) => p.progress === 25)).toHaveLength(10);
    expect(snap.plans?.filter((p) => p.state === 'failed_over' && p.progress === null)).toHaveLength(2);
  });

  it('keeps a running plan whose runtime details are gone (404 after an Orchestrator restart)', async () => {
    const { url } = await stub(
      withPlans([plan(1, { state: 'FailbackInProgress' })], () => json({ message: 'gone' }, 404)),
    );
    const snap = await connectTo(url).fetchInventory();
    expect(snap.plans?.[0]).toMatchObject({ state: 'running', progress: null });
    expect(snap.unreadable.firstError).toMatch(/runtime details of plan .*404/);
  });

  it('reads v2 from /v2/FailoverPlans when told to, and never asks v3', async () => {
    const { url, seen } = await stub((req) =>
      req.path === '/api/token'
        ? token('a', 'r')
        : json([{ id: guid(1), name: 'P', planState: 'Processing', targetRPO: 60, targetRTO: 30 }]),
    );
    const snap = await connectTo(url, 'v2').fetchInventory();
    expect(snap.plans?.[0]).toMatchObject({
      state: 'running',
      progress: null,
      rpoTargetMinutes: 60,
      ref: { kind: 'FailoverPlan' },
    });
    expect(seen.map((s) => s.path)).toEqual(['/api/token', '/v2/FailoverPlans']);
  });
});
