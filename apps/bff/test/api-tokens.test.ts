// API tokens for scripts, through the real BFF's HTTP API: an admin creates one with a role, a
// name and an expiry; `Authorization: Bearer` then reads and acts with that role and no CSRF token;
// it is refused once revoked or expired; only its hash is stored; its use is audited.
import { createHash, randomUUID } from 'node:crypto';
import type {
  ApiToken,
  ApiTokenList,
  AuditEvent,
  CreatedApiToken,
  ListEnvelope,
  SessionInfo,
} from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.ts';
import { apiTokens } from '../src/store/schema.ts';
import { get, login, post as postTo, startStack, waitFor, type Session, type Stack } from './harness.ts';

const API = '/api/v1';
const DAY_MS = 86_400_000;
let stack: Stack;
let admin: Session;

beforeAll(async () => {
  stack = await startStack({ simulators: 0 });
  admin = await login(stack.url, 'admin');
});
afterAll(() => stack.close());

type ErrorReply = { error: { code: string; message: string } };

/** A request as a script sends it: the bearer secret, no cookie, no Origin, no CSRF token. */
async function asScript<T>(secret: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.url}${API}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${secret}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
}

/** A same-origin JSON POST to an API path, from our own page, as `s`. */
const post = <T>(path: string, body: unknown, s: Session) => postTo<T>(stack.url, `${API}${path}`, body, s);

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

async function createToken(name: string, role: string, expiresAt = inDays(30)): Promise<CreatedApiToken> {
  const { status, body, text } = await post<CreatedApiToken>('/api-tokens', { name, role, expiresAt }, admin);
  expect(status, text).toBe(201);
  return body;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const secrets: string[] = [];

describe('API tokens', () => {
  it('are created by an admin only, with a valid role and an expiry at most a year ahead', async () => {
    const operator = await login(stack.url, 'operator');
    const refused = await post<ErrorReply>(
      '/api-tokens',
      { name: 'x', role: 'viewer', expiresAt: inDays(1) },
      operator,
    );
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);

    for (const [body, message] of [
      [{ name: 'past', role: 'viewer', expiresAt: inDays(-1) }, /must lie in the future/],
      [{ name: 'too long', role: 'viewer', expiresAt: inDays(400) }, /at most 366 days ahead/],
      [{ name: 'no expiry', role: 'viewer' }, /expiresAt/],
      [{ name: 'bad role', role: 'root', expiresAt: inDays(1) }, /role/],
    ] as const) {
      const r = await post<ErrorReply>('/api-tokens', body, admin);
      expect([r.status, r.body.error.code], r.text).toEqual([400, 'bad_request']);
      expect(r.body.error.message).toMatch(message);
    }

    const created = await createToken('Nightly report', 'viewer');
    secrets.push(created.secret);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({
      name: 'Nightly report',
      role: 'viewer',
      createdBy: 'admin',
      state: 'active',
    });
    const list = await get<ApiTokenList>(stack.url, `${API}/api-tokens`, admin);
    expect(list.body.items[0]).toEqual(created.token);
  });

  it('read lists with the bearer secret alone, acting as the token with its role', async () => {
    const { secret, token } = await createToken('Capacity script', 'viewer');
    secrets.push(secret);
    const plans = await asScript<{ items: unknown[] }>(secret, '/plans');
    expect(plans.status, plans.text).toBe(200);
    expect(Array.isArray(plans.body.items)).toBe(true);
    const me = await asScript<SessionInfo>(secret, '/auth/me');
    expect(me.body.user).toEqual({ username: 'token: Capacity script', roles: ['viewer'] });
    // Its role is enforced on the server: a viewer token may not manage tokens.
    const denied = await asScript<ErrorReply>(secret, `/api-tokens/${token.id}/revoke`, {});
    expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('act without a CSRF token or an Origin, which a browser session cannot', async () => {
    const { secret: adminSecret } = await createToken('Rotation job', 'admin');
    secrets.push(adminSecret);
    const { token } = await createToken('To rotate', 'viewer');
    const revoked = await asScript<ApiToken>(adminSecret, `/api-tokens/${token.id}/revoke`, {});
    expect([revoked.status, revoked.body.state], revoked.text).toEqual([200, 'revoked']);

    // The same POST with the admin's cookie and no CSRF token is refused.
    const res = await fetch(`${stack.url}${API}/api-tokens/${token.id}/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stack.url, Cookie: admin.cookie },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('are refused with a clear 401 when unknown, malformed, revoked or expired; the bearer decides over a cookie', async () => {
    const { secret, token } = await createToken('Short-lived', 'viewer');
    expect((await asScript(secret, '/plans')).status).toBe(200);

    for (const bad of [`${'A'.repeat(43)}`, 'not a token']) {
      const r = await asScript<ErrorReply>(bad, '/plans');
      expect([r.status, r.body.error.code]).toEqual([401, 'unauthorized']);
      expect(r.body.error.message).toBe('The API token is not valid: it is unknown, expired or revoked.');
    }
    // A valid cookie beside a bad bearer secret does not help: the request is the token's.
    const both = await fetch(`${stack.url}${API}/plans`, {
      headers: { Authorization: 'Bearer nonsense', Cookie: admin.cookie },
    });
    expect(both.status).toBe(401);

    // Revoked: refused from the very next request, though it was just used (and cached).
    const revoke = await post<ApiToken>(`/api-tokens/${token.id}/revoke`, {}, admin);
    expect(revoke.body.state).toBe('revoked');
    expect((await asScript(secret, '/plans')).status).toBe(401);
    // Revoking again changes nothing.
    const again = await post<ApiToken>(`/api-tokens/${token.id}/revoke`, {}, admin);
    expect([again.status, again.body.revokedAt]).toEqual([200, revoke.body.revokedAt]);
    const unknown = await post<ErrorReply>(`/api-tokens/${randomUUID()}/revoke`, {}, admin);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);

    // Expired: refused from its expiry on, and listed as expired.
    const soon = await createToken('Expiring', 'viewer', new Date(Date.now() + 1_500).toISOString());
    expect((await asScript(soon.secret, '/plans')).status).toBe(200);
    await waitFor(async () => (await asScript(soon.secret, '/plans')).status === 401, 10_000);
    const listed = (await get<ApiTokenList>(stack.url, `${API}/api-tokens`, admin)).body.items;
    expect(listed.find((t) => t.id === soon.token.id)?.state).toBe('expired');
  });

  it('are stored hashed, never answered again, and their creation, revocation and use are audited', async () => {
    const audit = await get<ListEnvelope<AuditEvent>>(
      stack.url,
      `${API}/audit?q=api_token.&limit=500`,
      admin,
    );
    const seen = audit.body.items.map((e) => [e.action, e.actor]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['api_token.create', 'admin'],
        ['api_token.revoke', 'admin'],
        // The rotation job revoked a token with its own: it is the actor.
        ['api_token.revoke', 'token: Rotation job'],
        ['api_token.use', 'token: Capacity script'],
      ]),
    );
    const use = audit.body.items.find(
      (e) => e.action === 'api_token.use' && e.actor === 'token: Capacity script',
    );
    expect(use?.params).toEqual({ method: 'GET', path: `${API}/plans` });
    const created = audit.body.items.find(
      (e) => e.action === 'api_token.create' && e.params?.name === 'Nightly report',
    );
    expect(created?.params).toMatchObject({ role: 'viewer' });

    const list = await get(stack.url, `${API}/api-tokens`, admin);
    expect(list.text).not.toMatch(/hash|secret/i);
    for (const secret of secrets)
      for (const text of [audit.text, list.text]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(sha256(secret));
      }

    const stored = await stack.whileStopped(async () => {
      const database = await openDatabase(stack.database);
      try {
        return await database.db.select().from(apiTokens);
      } finally {
        await database.close();
      }
    });
    const dump = JSON.stringify(stored);
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(dump).toContain(sha256(secret));
    }
    // A token outlives a restart of the BFF.
    expect((await asScript(secrets[0]!, '/plans')).status).toBe(200);
    admin = await login(stack.url, 'admin');
  });
});
