// Sessions are checked from memory, yet every way a session ends takes effect on the very next
// request: sign-out, a new sign-in in the same browser, a revoked kiosk link, idle and absolute expiry.
import type { CreatedKioskLink } from '@lifeboat/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../src/store/sessions.ts';
import { get, login, startStack, type Session, type Stack } from './harness.ts';

let stack: Stack;
let admin: Session;

beforeAll(async () => {
  stack = await startStack({ simulators: 0 });
  admin = await login(stack.url, 'admin');
});
afterAll(() => stack.close());
afterEach(() => {
  vi.useRealTimers();
});

/** A same-origin JSON POST with the session's cookie and CSRF token. */
async function post(path: string, body: unknown, s: Session | null, cookie = s?.cookie) {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: stack.url,
      ...(cookie ? { Cookie: cookie } : {}),
      ...(s ? { 'X-CSRF-Token': s.csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, res };
}

const me = async (s: Session) => (await get(stack.url, '/api/v1/auth/me', s)).status;

describe('sessions checked from memory', () => {
  it('refuses a signed-out session on the next request', async () => {
    const s = await login(stack.url, 'viewer');
    expect(await me(s)).toBe(200);
    expect(await me(s)).toBe(200);
    expect((await post('/auth/logout', {}, s)).status).toBe(204);
    expect(await me(s)).toBe(401);
  });

  it("refuses the browser's previous session after a new sign-in there", async () => {
    const before = await login(stack.url, 'operator');
    expect(await me(before)).toBe(200);
    const res = await post(
      '/auth/login',
      { username: 'viewer', password: 'correct horse battery staple' },
      null,
      before.cookie,
    );
    expect(res.status).toBe(200);
    expect(await me(before)).toBe(401);
  });

  it('refuses a kiosk session on the next request after its link is revoked', async () => {
    const created = await post('/kiosk-links', { name: 'Cache wall' }, admin);
    const { link, token } = created.body as CreatedKioskLink;
    const signedIn = await post('/auth/kiosk', { token }, null);
    const kiosk: Session = {
      cookie: signedIn.res.headers.getSetCookie()[0]!.split(';')[0]!,
      csrfToken: (signedIn.body as { csrfToken: string }).csrfToken,
    };
    expect(await me(kiosk)).toBe(200);
    expect((await post(`/kiosk-links/${link.id}/revoke`, {}, admin)).status).toBe(200);
    expect(await me(kiosk)).toBe(401);
  });

  it('refuses a session idle for longer than the idle timeout', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const s = await login(stack.url, 'viewer');
    expect(await me(s)).toBe(200);
    vi.setSystemTime(Date.now() + SESSION_IDLE_MS - 1_000);
    // A request within the idle timeout keeps the session: its clock starts again.
    expect(await me(s)).toBe(200);
    vi.setSystemTime(Date.now() + SESSION_IDLE_MS - 1_000);
    expect(await me(s)).toBe(200);
    vi.setSystemTime(Date.now() + SESSION_IDLE_MS + 1_000);
    expect(await me(s)).toBe(401);
  });

  it('refuses a session past its absolute lifetime, however busy', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const s = await login(stack.url, 'viewer');
    const end = Date.now() + SESSION_ABSOLUTE_MS;
    while (Date.now() + SESSION_IDLE_MS / 2 < end) {
      vi.setSystemTime(Date.now() + SESSION_IDLE_MS / 2);
      expect(await me(s)).toBe(200);
    }
    vi.setSystemTime(end + 1_000);
    expect(await me(s)).toBe(401);
  });
});
