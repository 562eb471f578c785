// Kiosk links for the NOC wall display, through the real BFF's HTTP API: an admin creates a link,
// a browser opening it is signed in read-only with no idle timeout, and revoking the link ends that
// browser's access with its very next request.
import { createHash, randomUUID } from 'node:crypto';
import type {
  AuditEvent,
  CreatedKioskLink,
  KioskLink,
  KioskLinkList,
  ListEnvelope,
  SessionInfo,
} from '@lifeboat/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.ts';
import { get, login, post as postTo, startStack, type Session, type Stack } from './harness.ts';

const API = '/api/v1';
let stack: Stack;
let admin: Session;

beforeAll(async () => {
  stack = await startStack({ simulators: 0 });
  admin = await login(stack.url, 'admin');
});
afterAll(() => stack.close());

/** A same-origin JSON POST to an API path, as our own page sends it. */
const post = <T>(path: string, body: unknown, s?: Session, headers?: Record<string, string>) =>
  postTo<T>(stack.url, `${API}${path}`, body, s, headers);

type ErrorReply = { error: { code: string; message: string } };

async function createLink(name: string, expiresAt?: string): Promise<CreatedKioskLink> {
  const { status, body, text } = await post<CreatedKioskLink>('/kiosk-links', { name, expiresAt }, admin);
  expect(status, text).toBe(201);
  return body;
}

/** Opens the kiosk link in a browser that may already hold a session (`cookie`). */
async function kioskSignIn(token: string, cookie?: string) {
  const r = await post<SessionInfo & ErrorReply>(
    '/auth/kiosk',
    { token },
    undefined,
    cookie ? { Cookie: cookie } : {},
  );
  const setCookie = r.res.headers.getSetCookie()[0];
  const session: Session | null =
    r.status === 200 ? { cookie: setCookie!.split(';')[0]!, csrfToken: r.body.csrfToken } : null;
  return { ...r, setCookie, session };
}

const links = async () => (await get<KioskLinkList>(stack.url, `${API}/kiosk-links`, admin)).body.items;

/** Changes the database while the BFF is stopped (PGlite has one user), then signs the admin in again. */
async function inDatabase(statement: ReturnType<typeof sql>) {
  await stack.whileStopped(async () => {
    const database = await openDatabase(stack.database);
    try {
      await database.db.execute(statement);
    } finally {
      await database.close();
    }
  });
  admin = await login(stack.url, 'admin');
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
const tokens: string[] = [];

describe('a kiosk link for the wall display', () => {
  it('signs a browser in read-only; revoking it ends that access with the very next request', async () => {
    const { link, token } = await createLink('NOC wall');
    tokens.push(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'NOC wall',
      createdBy: 'admin',
      createdAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      state: 'active',
    });

    const wall = await kioskSignIn(token);
    expect(wall.status, wall.text).toBe(200);
    expect(wall.body).toEqual({
      user: { username: 'kiosk: NOC wall', roles: ['viewer'] },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      policy: { requireApproval: false },
    });
    // A link without expiry: the cookie lasts as long as browsers keep one (400 days), not 12 h.
    expect(wall.setCookie).toMatch(/^__Host-lifeboat_sid=[A-Za-z0-9_-]{43};.*HttpOnly/);
    expect(Number(/Max-Age=(\d+)/.exec(wall.setCookie!)?.[1])).toBeGreaterThan(399 * 86_400);
    const kiosk = wall.session!;

    expect((await get(stack.url, `${API}/overview`, kiosk)).status).toBe(200);
    expect((await get<SessionInfo>(stack.url, `${API}/auth/me`, kiosk)).body.user).toEqual({
      username: 'kiosk: NOC wall',
      roles: ['viewer'],
    });
    const action = await post<ErrorReply>(
      '/plans/em-sim.some-plan/failover',
      { reason: 'from the wall', confirmPlanName: 'x', password: 'x' },
      kiosk,
      { 'Idempotency-Key': 'kiosk-attempt-1' },
    );
    expect([action.status, action.body.error.code]).toEqual([403, 'forbidden']);
    expect((await get(stack.url, `${API}/kiosk-links`, kiosk)).status).toBe(403);
    expect((await links()).find((l) => l.id === link.id)).toMatchObject({
      state: 'active',
      lastUsedAt: expect.any(String),
    });

    const revoked = await post<KioskLink>(`/kiosk-links/${link.id}/revoke`, {}, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: link.id, state: 'revoked', revokedAt: expect.any(String) });

    const after = await get<ErrorReply>(stack.url, `${API}/overview`, kiosk);
    expect([after.status, after.body.error.code]).toEqual([401, 'unauthorized']);
    const again = await kioskSignIn(token);
    expect([again.status, again.body.error.message]).toEqual([
      401,
      'This kiosk link was revoked. Ask an admin for a new one.',
    ]);
    expect(again.setCookie).toBeUndefined();

    // Revoking it again changes nothing.
    const twice = await post<KioskLink>(`/kiosk-links/${link.id}/revoke`, {}, admin);
    expect([twice.status, twice.body.revokedAt]).toEqual([200, revoked.body.revokedAt]);
  });

  it("ends the revoked display's open event stream at once", async () => {
    const { link, token } = await createLink('Stream wall');
    tokens.push(token);
    const kiosk = (await kioskSignIn(token)).session!;
    const stream = await fetch(`${stack.url}${API}/events`, { headers: { Cookie: kiosk.cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    expect((await post(`/kiosk-links/${link.id}/revoke`, {}, admin)).status).toBe(200);
    // Not at the next heartbeat (every 15 s): the revocation ends it.
    const revokedAt = Date.now();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
  });

  it('refuses an unknown token with a clear message, and a cross-site sign-in', async () => {
    const unknown = await kioskSignIn('A'.repeat(43));
    expect([unknown.status, unknown.body.error]).toEqual([
      401,
      { code: 'unauthorized', message: 'This kiosk link is not valid. Ask an admin for a new one.' },
    ]);
    const { token } = await createLink('Foreign page target');
    tokens.push(token);
    const foreign = await post<ErrorReply>('/auth/kiosk', { token }, undefined, {
      Origin: 'https://evil.example',
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'csrf_failed']);
    expect(foreign.res.headers.getSetCookie()).toEqual([]);
  });

  it("ends the browser's previous session when it signs in with a kiosk link", async () => {
    const { token } = await createLink('Lobby screen');
    tokens.push(token);
    const before = await login(stack.url, 'operator');
    const wall = await kioskSignIn(token, before.cookie);
    expect(wall.status).toBe(200);
    expect((await get(stack.url, `${API}/auth/me`, before)).status).toBe(401);
    expect((await get(stack.url, `${API}/auth/me`, wall.session!)).status).toBe(200);
  });

  it('keeps a kiosk session past the idle timeout that ends a person’s session', async () => {
    const { token } = await createLink('Ops room TV');
    tokens.push(token);
    const kiosk = (await kioskSignIn(token)).session!;
    const person = await login(stack.url, 'viewer');
    // Two hours without a request: four times the 30-minute idle timeout.
    await inDatabase(sql`update sessions set last_seen_at = now() - interval '2 hours'`);
    expect((await get(stack.url, `${API}/auth/me`, person)).status).toBe(401);
    expect((await get(stack.url, `${API}/overview`, kiosk)).status).toBe(200);
  });

  it('refuses an expired link, and ends the session it opened', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const { link, token } = await createLink('Temporary wall', inAnHour);
    tokens.push(token);
    expect(link).toMatchObject({ expiresAt: inAnHour, state: 'active' });
    const wall = await kioskSignIn(token);
    expect(wall.status).toBe(200);
    // The cookie lasts until the link expires, not longer.
    expect(Number(/Max-Age=(\d+)/.exec(wall.setCookie!)?.[1])).toBeLessThanOrEqual(3600);

    await inDatabase(
      sql`update kiosk_links set expires_at = now() - interval '1 minute' where id = ${link.id}`,
    );
    expect((await get(stack.url, `${API}/overview`, wall.session!)).status).toBe(401);
    const again = await kioskSignIn(token);
    expect([again.status, again.body.error.message]).toEqual([
      401,
      'This kiosk link has expired. Ask an admin for a new one.',
    ]);
    expect((await links()).find((l) => l.id === link.id)?.state).toBe('expired');
  });

  it('refuses a link that would expire in the past, and names that are empty, too long or hold control characters', async () => {
    const before = (await links()).length;
    for (const body of [
      { name: 'Past', expiresAt: new Date(Date.now() - 60_000).toISOString() },
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { name: 'Wall\u0007' },
      { name: 'Wall', expiresAt: 'tomorrow' },
      { name: 'Wall', token: 'chosen-by-me' },
    ]) {
      const r = await post<ErrorReply>('/kiosk-links', body, admin);
      expect([r.status, r.body.error.code], JSON.stringify(body)).toEqual([400, 'bad_request']);
    }
    expect(
      (await post<ErrorReply>('/kiosk-links', { name: 'Past', expiresAt: new Date(0).toISOString() }, admin))
        .body.error.message,
    ).toBe('expiresAt must lie in the future; leave it out for a link that works until revoked.');
    expect((await links()).length).toBe(before);
  });

  it('lets only an admin list, create or revoke links', async () => {
    const { link } = await createLink('Admin only');
    for (const role of ['viewer', 'operator', 'approver']) {
      const s = await login(stack.url, role);
      expect((await get(stack.url, `${API}/kiosk-links`, s)).status, role).toBe(403);
      expect((await post('/kiosk-links', { name: `by ${role}` }, s)).status, role).toBe(403);
      expect((await post(`/kiosk-links/${link.id}/revoke`, {}, s)).status, role).toBe(403);
    }
    expect((await links()).find((l) => l.id === link.id)?.state).toBe('active');
    expect((await links()).some((l) => l.name.startsWith('by '))).toBe(false);
    const unknown = await post<ErrorReply>(`/kiosk-links/${randomUUID()}/revoke`, {}, admin);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
  });

  it('audits creation, revocation and every kiosk sign-in, and no answer ever holds a token or its hash', async () => {
    const audit = await get<ListEnvelope<AuditEvent>>(
      stack.url,
      `${API}/audit?q=kiosk_link.&limit=500`,
      admin,
    );
    const seen = audit.body.items.map((e) => [e.action, e.outcome, e.actor, e.params?.refusal]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['kiosk_link.create', 'ok', 'admin', undefined],
        ['kiosk_link.revoke', 'ok', 'admin', undefined],
        ['kiosk_link.sign_in', 'ok', 'kiosk: NOC wall', undefined],
        ['kiosk_link.sign_in', 'refused', 'kiosk: NOC wall', 'revoked'],
        ['kiosk_link.sign_in', 'refused', 'kiosk: Temporary wall', 'expired'],
        ['kiosk_link.sign_in', 'refused', 'anonymous', 'unknown link'],
      ]),
    );
    // One record per revocation that changed something: revoking a revoked link again adds none.
    const revocations = audit.body.items.filter((e) => e.action === 'kiosk_link.revoke').map((e) => e.params);
    expect(revocations).toEqual([
      { name: 'Stream wall', sessionsEnded: 1 },
      { name: 'NOC wall', sessionsEnded: 1 },
    ]);

    const list = await get(stack.url, `${API}/kiosk-links`, admin);
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    for (const token of tokens)
      for (const text of [audit.text, list.text]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(sha256(token));
      }
    expect(list.text).not.toMatch(/hash/i);
  });

  it('slows repeated failed kiosk sign-ins from one address, and says how long to wait', async () => {
    const { token } = await createLink('Throttled wall');
    // A success forgets the failures before it; then three in a row from this address.
    expect((await kioskSignIn(token)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await kioskSignIn(`${'B'.repeat(42)}${i}`)).status).toBe(401);
    const throttled = await kioskSignIn(token);
    expect([throttled.status, throttled.body.error.code]).toEqual([429, 'rate_limited']);
    expect(throttled.body.error.message).toMatch(
      /^Too many failed kiosk sign-ins from this address; wait \d+ s/,
    );
    expect(Number(throttled.res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
