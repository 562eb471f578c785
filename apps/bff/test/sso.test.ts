// Single sign-on (OpenID Connect, authorization code with PKCE) against a provider run here
// (test/identity-provider.ts): roles from the groups claim, refusals in plain words, local users
// kept (or switched off), every attempt audited.
import type { AuditEvent, ListEnvelope, SessionInfo } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, startStack, type Stack } from './harness.ts';
import {
  signInThroughProvider,
  SSO_CLIENT,
  startIdentityProvider,
  type IdentityProvider,
} from './identity-provider.ts';

const ACCOUNTS = {
  carol: ['dr-operators', 'staff'],
  victor: ['dr-viewers'],
  mallory: ['staff'],
  // The name of a local user (test/harness.ts).
  operator: ['dr-operators'],
};

let idp: IdentityProvider;
const sso = () => ({
  name: 'Example SSO',
  issuer: idp.issuer,
  clientId: SSO_CLIENT.id,
  clientSecret: SSO_CLIENT.secret,
  scopes: ['openid', 'profile'],
  usernameClaim: 'preferred_username',
  rolesClaim: 'groups',
  roles: { 'dr-operators': ['operator' as const], 'dr-viewers': ['viewer' as const] },
});

beforeAll(async () => {
  idp = await startIdentityProvider(ACCOUNTS);
});
afterAll(() => idp?.close());

async function me(url: string, cookie: string) {
  const res = await fetch(`${url}/api/v1/auth/me`, { headers: { Cookie: `__Host-lifeboat_sid=${cookie}` } });
  return { status: res.status, body: (await res.json()) as SessionInfo };
}

describe('single sign-on beside local users', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sso: sso() });
    idp.register(`${stack.url}/api/v1/auth/sso/callback`);
  });
  afterAll(() => stack?.close());

  it('says how one may sign in, before anyone has', async () => {
    const { status, body } = await get(stack.url, '/api/v1/auth/options', { cookie: '', csrfToken: '' });
    expect(status).toBe(200);
    expect(body).toEqual({ passwords: true, sso: { name: 'Example SSO' } });
  });

  it('signs a user in with the roles their groups map to, and returns them where they were going', async () => {
    const carol = await signInThroughProvider(stack.url, 'carol', '/plans?state=ready');
    expect(carol.location).toBe('/plans?state=ready');
    expect(carol.cookie).toBeTruthy();
    const session = await me(stack.url, carol.cookie!);
    expect(session.status).toBe(200);
    expect(session.body.user).toEqual({ username: 'carol', roles: ['operator'] });

    const victor = await signInThroughProvider(stack.url, 'victor');
    expect(victor.location).toBe('/');
    expect((await me(stack.url, victor.cookie!)).body.user).toEqual({
      username: 'victor',
      roles: ['viewer'],
    });

    // Each sign-in is audited, with how and the groups that gave the roles.
    const admin = await login(stack.url, 'admin');
    const { body } = await get<ListEnvelope<AuditEvent>>(stack.url, '/api/v1/audit?q=carol&limit=50', admin);
    expect(body.items.find((e) => e.action === 'sign_in' && e.actor === 'carol')).toMatchObject({
      outcome: 'ok',
      roles: ['operator'],
      params: { method: 'sso', groups: ['dr-operators'] },
    });
  });

  it('refuses a user none of whose groups is mapped to a role, and says why on the sign-in page', async () => {
    const mallory = await signInThroughProvider(stack.url, 'mallory');
    expect(mallory.cookie).toBeNull();
    expect(mallory.location).toBe('/sign-in?sso_error=no_role&next=%2F');
  });

  it("never lets the identity provider's user take over a local user of the same name", async () => {
    const taken = await signInThroughProvider(stack.url, 'operator');
    expect(taken.cookie).toBeNull();
    expect(taken.location).toBe('/sign-in?sso_error=name_taken&next=%2F');
    // The local user still signs in with the password, with its own roles.
    expect((await login(stack.url, 'operator')).cookie).toMatch(/^__Host-lifeboat_sid=/);
  });

  it('refuses an answer to a sign-in it did not start, or one already used', async () => {
    const res = await fetch(`${stack.url}/api/v1/auth/sso/callback?code=made-up&state=made-up`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?sso_error=expired&next=%2F');
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('sends the browser to the provider with PKCE, a state and a nonce; never back to another site', async () => {
    const res = await fetch(`${stack.url}/api/v1/auth/sso/start?next=//evil.example/`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)).toBeTruthy();
    expect(to.searchParams.get('redirect_uri')).toBe(`${stack.url}/api/v1/auth/sso/callback`);
  });
});

describe('with local users switched off', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sso: sso(), passwordSignIn: false });
    idp.register(`${stack.url}/api/v1/auth/sso/callback`);
  });
  afterAll(() => stack?.close());

  it('refuses passwords, and signs in through the identity provider only', async () => {
    const options = await fetch(`${stack.url}/api/v1/auth/options`);
    expect(await options.json()).toEqual({ passwords: false, sso: { name: 'Example SSO' } });
    const res = await fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stack.url },
      body: JSON.stringify({ username: 'admin', password: 'correct horse battery staple' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/single sign-on/);
    const carol = await signInThroughProvider(stack.url, 'carol');
    expect((await me(stack.url, carol.cookie!)).status).toBe(200);
  });
});
