// The CSRF attack suite (security-and-resilience §7.4, SEC-03) against the real BFF: every
// state-changing route of the app (read from its router) × every way a foreign page, or a request
// missing one of the defences, can arrive. Each must be refused before it does anything: 403
// (`csrf_failed`), or 415 for a body a foreign page can send without a preflight. The requests are
// otherwise complete and valid (a control request proves it), so a refusal is the defence's.
import { randomUUID } from 'node:crypto';
import type { AuditEvent, ListEnvelope, Operation, Plan } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, get, login, PASSWORD, simAdmin, waitFor, type Session, type SimAdmin } from './harness.ts';
import { startStackWithRoutes } from './route-table.ts';

const API = '/api/v1';

// No approval step: a request that got through would be sent to the simulator at once.
const { stack, routes } = await startStackWithRoutes({ allKinds: true, pollSeconds: 1 });
afterAll(() => stack.close());

let operator: Session;
/** The same user's other session (another browser). */
let operatorElsewhere: Session;
let operator2: Session;
let admin: Session;
let sim: SimAdmin;
let plan: Plan;

beforeAll(async () => {
  [operator, operatorElsewhere, operator2, admin] = await Promise.all([
    login(stack.url, 'operator'),
    login(stack.url, 'operator'),
    login(stack.url, 'operator2'),
    login(stack.url, 'admin'),
  ]);
  sim = simAdmin(stack.sim!);
  plan = await waitFor(async () => {
    const { body } = await get<ListEnvelope<Plan>>(
      stack.url,
      `${API}/plans?source=vro-sim&limit=500`,
      operator,
    );
    return body.items.find((p) => p.allowedActions.some((a) => a.action === 'failover' && a.allowed));
  });
});

/** A complete, valid body for every state-changing route (plan actions take the confirmation). */
const validBody = () =>
  JSON.stringify({ reason: 'CSRF suite', confirmPlanName: plan.name, password: PASSWORD });

/** What the attacker gets wrong, as a change to an otherwise valid same-origin request. */
interface Attack {
  name: string;
  status: 403 | 415;
  headers: (h: Record<string, string>) => Record<string, string>;
  body?: (b: string) => string;
}

const without = (h: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !names.includes(k)));

const ATTACKS: Attack[] = [
  { name: 'no X-CSRF-Token', status: 403, headers: (h) => without(h, 'X-CSRF-Token') },
  {
    name: 'a wrong X-CSRF-Token of the right length',
    status: 403,
    headers: (h) => ({ ...h, 'X-CSRF-Token': h['X-CSRF-Token']!.replace(/./g, 'A') }),
  },
  { name: 'a wrong, short X-CSRF-Token', status: 403, headers: (h) => ({ ...h, 'X-CSRF-Token': 'x' }) },
  { name: 'an empty X-CSRF-Token', status: 403, headers: (h) => ({ ...h, 'X-CSRF-Token': '' }) },
  {
    name: "another user's session token",
    status: 403,
    headers: (h) => ({ ...h, 'X-CSRF-Token': operator2.csrfToken }),
  },
  {
    name: "the same user's other session's token",
    status: 403,
    headers: (h) => ({ ...h, 'X-CSRF-Token': operatorElsewhere.csrfToken }),
  },
  { name: 'a cross-site Origin', status: 403, headers: (h) => ({ ...h, Origin: 'https://evil.example' }) },
  { name: 'Origin: null (sandboxed frame)', status: 403, headers: (h) => ({ ...h, Origin: 'null' }) },
  {
    name: 'a same-site Origin on another port',
    status: 403,
    headers: (h) => ({ ...h, Origin: `http://127.0.0.1:${Number(new URL(stack.url).port) + 1}` }),
  },
  {
    name: 'the same port under another host name',
    status: 403,
    headers: (h) => ({ ...h, Origin: stack.url.replace('127.0.0.1', 'localhost') }),
  },
  { name: 'no Origin and no Sec-Fetch-Site', status: 403, headers: (h) => without(h, 'Origin') },
  {
    name: 'Sec-Fetch-Site: cross-site',
    status: 403,
    headers: (h) => ({ ...without(h, 'Origin'), 'Sec-Fetch-Site': 'cross-site' }),
  },
  {
    name: 'Sec-Fetch-Site: same-site with our own Origin',
    status: 403,
    headers: (h) => ({ ...h, 'Sec-Fetch-Site': 'same-site' }),
  },
  { name: 'Sec-Fetch-Site: none', status: 403, headers: (h) => ({ ...h, 'Sec-Fetch-Site': 'none' }) },
  {
    name: 'Content-Type: text/plain with JSON inside (a simple request)',
    status: 415,
    headers: (h) => ({ ...h, 'Content-Type': 'text/plain' }),
  },
  {
    name: 'Content-Type: text/plain;charset=UTF-8',
    status: 415,
    headers: (h) => ({ ...h, 'Content-Type': 'text/plain;charset=UTF-8' }),
  },
  {
    name: 'a form post (application/x-www-form-urlencoded)',
    status: 415,
    headers: (h) => ({ ...h, 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: (b) => new URLSearchParams(JSON.parse(b) as Record<string, string>).toString(),
  },
  {
    name: 'a multipart form post',
    status: 415,
    headers: (h) => ({ ...h, 'Content-Type': 'multipart/form-data; boundary=x' }),
    body: () => '--x\r\nContent-Disposition: form-data; name="reason"\r\n\r\nCSRF\r\n--x--\r\n',
  },
  { name: 'no Content-Type', status: 415, headers: (h) => without(h, 'Content-Type') },
  {
    name: 'a whole cross-site HTML form: form encoding, foreign Origin, no token',
    status: 415,
    headers: (h) => ({
      ...without(h, 'X-CSRF-Token'),
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'https://evil.example',
      'Sec-Fetch-Site': 'cross-site',
    }),
    body: () => 'reason=x',
  },
];

/** Every state-changing route but the sign-ins (which have their own rules), with real ids. */
const SIGN_INS = [`${API}/auth/login`, `${API}/auth/kiosk`];
const writes = routes.filter((r) => r.method !== 'GET' && !SIGN_INS.includes(r.path));

/** The headers a same-origin page of ours sends, for `s`. */
const goodHeaders = (s: Session): Record<string, string> => ({
  'Content-Type': 'application/json',
  Cookie: s.cookie,
  'X-CSRF-Token': s.csrfToken,
  Origin: stack.url,
  'Idempotency-Key': randomUUID(),
});

async function send(path: string, headers: Record<string, string>, body: string) {
  const res = await fetch(`${stack.url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : null) as { error?: { code: string } } | null,
  };
}

/** Nothing was asked for, sent, or decided: no operation, no action POST upstream, no request audited. */
async function expectNothingHappened() {
  const ops = await get<ListEnvelope<Operation>>(stack.url, `${API}/operations`, admin);
  expect(ops.body.total).toBe(0);
  expect(countOf(await sim.calls('orchestrator'), 'POST /api/v3/Plans')).toBe(0);
  const audit = await get<ListEnvelope<AuditEvent>>(stack.url, `${API}/audit?q=operation.&limit=100`, admin);
  expect(audit.body.items.filter((e) => e.action.startsWith('operation.'))).toEqual([]);
}

describe('every state-changing route refuses every forged or incomplete request (§7.4)', () => {
  it('covers the write side: sign-out, every plan action, approve and reject', () => {
    expect(writes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        `${API}/auth/logout`,
        `${API}/plans/:id/failover`,
        `${API}/plans/:id/undo-failback`,
        `${API}/operations/:id/approve`,
        `${API}/operations/:id/reject`,
      ]),
    );
  });

  for (const route of writes)
    for (const attack of ATTACKS)
      it(`${route.method} ${route.path}: ${attack.name} → ${attack.status}`, async () => {
        // A made-up operation: a decision that got through would answer 404, not 403.
        const path = route.path.replace(':id', route.path.includes('/plans/') ? plan.id : randomUUID());
        const res = await send(
          path,
          attack.headers(goodHeaders(operator)),
          (attack.body ?? ((b) => b))(validBody()),
        );
        expect([res.status, res.body?.error?.code]).toEqual([
          attack.status,
          attack.status === 403 ? 'csrf_failed' : 'unsupported_media_type',
        ]);
      });

  it('left nothing behind: no operation, no upstream POST, no request in the audit; the session still works', async () => {
    await expectNothingHappened();
    // Sign-out was attacked too: the session must have survived it.
    expect((await get(stack.url, `${API}/auth/me`, operator)).status).toBe(200);
  });
});

describe('the defences are what refused them', () => {
  it('refuses a foreign-origin preflight any CORS grant (§7.4.9)', async () => {
    const res = await fetch(`${stack.url}${API}/plans/${plan.id}/failover`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-csrf-token,idempotency-key',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('does nothing on GET to an action URL, with or without X-HTTP-Method-Override (§7.4.7)', async () => {
    for (const extra of [{}, { 'X-HTTP-Method-Override': 'POST' }] as Record<string, string>[]) {
      const res = await fetch(`${stack.url}${API}/plans/${plan.id}/failover`, {
        headers: { Cookie: operator.cookie, ...extra },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    await expectNothingHappened();
  });

  it('answers 405, not 404, to GET on an action URL (§7.4.7)', async () => {
    const res = await fetch(`${stack.url}${API}/plans/${plan.id}/failover`, {
      headers: { Cookie: operator.cookie },
    });
    expect(res.status).toBe(405);
  });

  it('refuses a cross-site sign-in (login CSRF, §7.4.8) and sets no cookie', async () => {
    const credentials = JSON.stringify({ username: 'operator', password: PASSWORD });
    for (const [headers, status] of [
      [{ 'Content-Type': 'application/json', Origin: 'https://evil.example' }, 403],
      [{ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, 403],
      [{ 'Content-Type': 'application/json', Origin: stack.url, 'Sec-Fetch-Site': 'same-site' }, 403],
      [{ 'Content-Type': 'text/plain', Origin: stack.url }, 415],
      [{ 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' }, 415],
    ] as const) {
      const res = await fetch(`${stack.url}${API}/auth/login`, {
        method: 'POST',
        headers,
        body: credentials,
      });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('accepts the very same request when it comes from our own page (the control)', async () => {
    const res = await send(`${API}/plans/${plan.id}/failover`, goodHeaders(operator), validBody());
    expect(res.status).toBe(202);
    const id = (res.body as unknown as Operation).id;
    await waitFor(async () => {
      const op = (await get<{ item: Operation }>(stack.url, `${API}/operations/${id}`, operator)).body.item;
      return !['approved', 'dispatching'].includes(op.state);
    });
    expect(countOf(await sim.calls('orchestrator'), 'POST /api/v3/Plans/{id}/Failover')).toBe(1);
  });
});
