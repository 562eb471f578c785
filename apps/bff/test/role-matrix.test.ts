// The role-escalation suite (security-and-resilience §7.5, SEC-10): every route of the real app ×
// {anonymous, viewer, operator, approver, admin}. The routes are read from the Express router of
// the app `createApp` builds, not listed by hand, so a route added later gets cells here too, and
// fails until the table below says what each role may do with it.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { ListEnvelope, Operation, Plan } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, PASSWORD, waitFor, type Session } from './harness.ts';
import { startStackWithRoutes, type Route } from './route-table.ts';

const API = '/api/v1';
type Role = 'anonymous' | 'viewer' | 'operator' | 'approver' | 'admin';
const ROLES: Role[] = ['anonymous', 'viewer', 'operator', 'approver', 'admin'];

const ACTION_ROUTE = /^\/api\/v1\/plans\/:id\/[a-z-]+$/;
const DECISION_ROUTE = /^\/api\/v1\/operations\/:id\/(approve|reject)$/;
const PUBLIC = new Set([
  `POST ${API}/auth/login`,
  `POST ${API}/auth/kiosk`,
  `GET ${API}/auth/options`,
  `GET ${API}/openapi.json`,
  'GET /healthz',
  'GET /readyz',
  // For the allowed networks (this machine, in the tests) or the metrics token, not by role.
  'GET /metrics',
]);

interface Expectation {
  /** What the cell expects, in words (shown when it fails). */
  says: string;
  ok: (status: number) => boolean;
}
const exactly = (s: number): Expectation => ({ says: String(s), ok: (x) => x === s });
const oneOf = (...s: number[]): Expectation => ({ says: s.join(' or '), ok: (x) => s.includes(x) });

/**
 * What each role gets from each route (§7.5). A route this function does not know throws, so a
 * new route fails the matrix until someone decides who may use it.
 */
function expected({ method, path }: Route, role: Role): Expectation {
  const key = `${method} ${path}`;
  if (key === `POST ${API}/auth/login`) return exactly(400); // the dummy body; never 401/403
  if (key === `POST ${API}/auth/kiosk`) return exactly(400); // the dummy body has no token
  // Single sign-on is not set up in this stack (test/sso.test.ts covers it).
  if (key === `GET ${API}/auth/sso/start` || key === `GET ${API}/auth/sso/callback`) return exactly(404);
  if (PUBLIC.has(key)) return exactly(200);
  if (role === 'anonymous') return exactly(401);
  if (key === `GET ${API}/audit`) return role === 'admin' ? exactly(200) : exactly(403);
  // Kiosk links are an admin's; the dummy body is a validation error, the made-up id unknown.
  if (key === `GET ${API}/kiosk-links`) return role === 'admin' ? exactly(200) : exactly(403);
  if (key === `POST ${API}/kiosk-links`) return role === 'admin' ? exactly(400) : exactly(403);
  if (key === `POST ${API}/kiosk-links/:id/revoke`) return role === 'admin' ? exactly(404) : exactly(403);
  // So are API tokens, alike.
  if (key === `GET ${API}/api-tokens`) return role === 'admin' ? exactly(200) : exactly(403);
  if (key === `POST ${API}/api-tokens`) return role === 'admin' ? exactly(400) : exactly(403);
  if (key === `POST ${API}/api-tokens/:id/revoke`) return role === 'admin' ? exactly(404) : exactly(403);
  if (key === `POST ${API}/auth/logout`) return exactly(204);
  if (method === 'GET' && path.startsWith(`${API}/`))
    // The read side: every signed-in role; a made-up id is 404.
    return path.includes(':') ? oneOf(200, 404) : exactly(200);
  if (method === 'POST' && ACTION_ROUTE.test(path))
    // Only an operator (an admin is not one); the dummy body is then a validation error.
    return role === 'operator' ? oneOf(400, 422) : exactly(403);
  if (method === 'POST' && DECISION_ROUTE.test(path))
    // Only an approver; the one operation may already be decided by the other cell (409).
    return role === 'approver' ? oneOf(200, 409) : exactly(403);
  throw new Error(`No expectation for ${key}: add it to the role matrix (security-and-resilience §7.5)`);
}

// The cells are made when the file is collected, so the stack starts then (top-level await).
const { stack, routes } = await startStackWithRoutes({
  allKinds: true,
  pollSeconds: 1,
  requireApproval: true,
});
afterAll(() => stack.close());
const cells = routes.flatMap((route) => ROLES.map((role) => ({ route, role })));

const sessions = new Map<Role, Session>();
let planId: string;
let operationId: string;

/** One request as `role`, with everything a same-origin browser sends on a write. */
async function call(route: Route, role: Role): Promise<number> {
  const concrete = route.path.replace(':id', () =>
    route.path.startsWith(`${API}/plans/`)
      ? planId
      : route.path.startsWith(`${API}/operations/`)
        ? operationId
        : 'em-sim.made-up-id',
  );
  if (route.path.includes(':', route.path.indexOf(':') + 1))
    throw new Error(`two parameters in ${route.path}`);
  // Signing out ends the session: it gets a session of its own.
  const s =
    role === 'anonymous'
      ? null
      : route.path === `${API}/auth/logout`
        ? await login(stack.url, role)
        : sessions.get(role)!;
  const write = route.method !== 'GET';
  const abort = new AbortController();
  const res = await fetch(`${stack.url}${concrete}`, {
    method: route.method,
    headers: {
      ...(s ? { Cookie: s.cookie } : {}),
      ...(write
        ? {
            'Content-Type': 'application/json',
            Origin: stack.url,
            'Idempotency-Key': randomUUID(),
            ...(s ? { 'X-CSRF-Token': s.csrfToken } : {}),
          }
        : {}),
    },
    ...(write ? { body: '{}' } : {}),
    signal: abort.signal,
  });
  // The event stream never ends: its status is all a cell needs.
  abort.abort();
  return res.status;
}

beforeAll(async () => {
  for (const role of ROLES) if (role !== 'anonymous') sessions.set(role, await login(stack.url, role));
  const operator = sessions.get('operator')!;
  const plan = await waitFor(async () => {
    const { body } = await get<ListEnvelope<Plan>>(
      stack.url,
      `${API}/plans?source=vro-sim&limit=500`,
      operator,
    );
    return body.items.find((p) => p.allowedActions.some((a) => a.action === 'failover' && a.allowed));
  });
  planId = plan.id;
  // A request waiting for approval, so that the decision routes reach their role check.
  const res = await fetch(`${stack.url}${API}/plans/${plan.id}/failover`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: operator.cookie,
      'X-CSRF-Token': operator.csrfToken,
      Origin: stack.url,
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify({ reason: 'role matrix', confirmPlanName: plan.name, password: PASSWORD }),
  });
  const op = (await res.json()) as Operation;
  expect([res.status, op.state]).toEqual([202, 'awaiting_approval']);
  operationId = op.id;
});

describe('the route table', () => {
  it('is read from the app: every route the API documents, plus health and the document itself', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /healthz',
        `POST ${API}/auth/login`,
        `GET ${API}/plans/:id`,
        `POST ${API}/plans/:id/failover`,
        `POST ${API}/operations/:id/approve`,
        `GET ${API}/audit`,
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(25);
  });

  it('matches the OpenAPI document both ways, so neither can drift from the other', async () => {
    const res = await fetch(`${stack.url}${API}/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${API}${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // Outside the documented API: the health probes, the metrics, and the document itself.
    const served = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !['GET /healthz', 'GET /readyz', 'GET /metrics', `GET ${API}/openapi.json`].includes(k));
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('answers 405 to every method no route uses, on every path (SEC-04)', async () => {
    const admin = sessions.get('admin')!;
    const paths = [...new Set(routes.map((r) => r.path.replace(':id', 'em-sim.x')))];
    for (const path of paths)
      for (const method of ['PUT', 'PATCH', 'DELETE', 'TRACE']) {
        // fetch refuses TRACE itself, so these go out through node:http.
        const status = await new Promise<number | undefined>((resolve, reject) => {
          const req = request(`${stack.url}${path}`, {
            method,
            headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken, Origin: stack.url },
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode);
          });
          req.on('error', reject);
          req.end();
        });
        expect(status, `${method} ${path}`).toBe(405);
      }
  });
});

describe('every route × every role (§7.5)', () => {
  for (const { route, role } of cells) {
    const name = `${route.method} ${route.path} as ${role}`;
    it(name, async () => {
      const want = expected(route, role);
      const status = await call(route, role);
      expect(want.ok(status), `${name}: expected ${want.says}, got ${status}`).toBe(true);
    });
  }
});

describe('the role gates with complete, valid bodies', () => {
  it('refuses every plan action to a viewer, an approver and an admin (an admin is not an operator), and audits it', async () => {
    const admin = sessions.get('admin')!;
    const { body: before } = await get<ListEnvelope<Operation>>(stack.url, `${API}/operations`, admin);
    for (const route of routes.filter((r) => r.method === 'POST' && ACTION_ROUTE.test(r.path)))
      for (const role of ['viewer', 'approver', 'admin'] as const) {
        const s = sessions.get(role)!;
        const res = await fetch(`${stack.url}${route.path.replace(':id', planId)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Cookie: s.cookie,
            'X-CSRF-Token': s.csrfToken,
            Origin: stack.url,
            'Idempotency-Key': randomUUID(),
          },
          body: JSON.stringify({ reason: 'escalation attempt', confirmPlanName: 'x', password: PASSWORD }),
        });
        const body = (await res.json()) as { error: { code: string } };
        expect([res.status, body.error.code], `${route.path} as ${role}`).toEqual([403, 'forbidden']);
      }
    const after = await get<ListEnvelope<Operation>>(stack.url, `${API}/operations`, admin);
    expect(after.body.total).toBe(before.total);
    const audit = await get<ListEnvelope<{ actor: string; outcome: string; params: { detail?: string } }>>(
      stack.url,
      `${API}/audit?q=not%20an%20operator&limit=100`,
      admin,
    );
    expect(new Set(audit.body.items.map((e) => e.actor))).toEqual(new Set(['viewer', 'approver', 'admin']));
    expect(audit.body.items.every((e) => e.outcome === 'refused')).toBe(true);
  });

  it('refuses a decision to every non-approver on a real waiting request, and ignores smuggled identity fields', async () => {
    const operator = sessions.get('operator')!;
    const { body: plans } = await get<ListEnvelope<Plan>>(
      stack.url,
      `${API}/plans?source=vro-sim&limit=500`,
      operator,
    );
    const plan = plans.items.find(
      (p) => p.id !== planId && p.allowedActions.some((a) => a.action === 'failover' && a.allowed),
    )!;
    const post = (s: Session, path: string, body: unknown) =>
      fetch(`${stack.url}${API}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Cookie: s.cookie,
          'X-CSRF-Token': s.csrfToken,
          Origin: stack.url,
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify(body),
      });
    const requested = await post(operator, `/plans/${plan.id}/failover`, {
      reason: 'four-eyes check',
      confirmPlanName: plan.name,
      password: PASSWORD,
    });
    const op = (await requested.json()) as Operation;
    expect(op.state).toBe('awaiting_approval');
    for (const role of ['viewer', 'operator', 'admin'] as const)
      for (const decision of ['approve', 'reject'])
        expect((await post(sessions.get(role)!, `/operations/${op.id}/${decision}`, {})).status).toBe(403);
    // Client-sent identity fields are not part of the schema (SEC-12): 400, and nothing decided.
    const smuggled = await post(sessions.get('approver')!, `/operations/${op.id}/approve`, {
      decidedBy: 'someone-else',
    });
    expect(smuggled.status).toBe(400);
    const still = await get<{ item: Operation }>(stack.url, `${API}/operations/${op.id}`, operator);
    expect(still.body.item.state).toBe('awaiting_approval');
  });
});
