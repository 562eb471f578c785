// An OpenID Connect provider on this machine for the single sign-on tests (oidc-provider, with its
// development sign-in pages: any password is taken). Its accounts carry a `groups` claim. It
// listens before it knows the client's redirect URI (Lifeboat's address is known only once
// Lifeboat runs, and Lifeboat needs the issuer to start): `register` adds the client after.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const SSO_CLIENT = { id: 'lifeboat', secret: 'lifeboat-test-client-secret' };

export interface IdentityProvider {
  issuer: string;
  /** Registers Lifeboat as the client, redirecting to `redirectUri`. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

/** `accounts`: each account's `groups` claim, by its login name. */
export async function startIdentityProvider(accounts: Record<string, string[]>): Promise<IdentityProvider> {
  let provider: Provider | null = null;
  const server = createServer((req, res) => {
    if (provider) void provider.callback()(req, res);
    else res.writeHead(503).end('not ready');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    register(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: SSO_CLIENT.id,
            client_secret: SSO_CLIENT.secret,
            redirect_uris: [redirectUri],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
        findAccount: (_ctx, sub) =>
          accounts[sub]
            ? {
                accountId: sub,
                claims: () => ({ sub, preferred_username: sub, groups: accounts[sub] }),
              }
            : undefined,
        // Its development keys and cookie keys are fine for a test on this machine.
        cookies: { keys: ['identity-provider-test-cookie-key'] },
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Signs in at the provider's development pages as `login`, as a browser would, from Lifeboat's
 * `/auth/sso/start` to its callback: answers Lifeboat's final redirect and the cookie it set.
 */
export async function signInThroughProvider(
  lifeboatUrl: string,
  login: string,
  next = '/',
): Promise<{ location: string; cookie: string | null }> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
  };
  const cookieFor = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: cookieFor() },
    });
    remember(res);
    return res;
  };
  let res = await go(`${lifeboatUrl}/api/v1/auth/sso/start?next=${encodeURIComponent(next)}`);
  let location = res.headers.get('location')!;
  // The provider's pages: the sign-in form, then the consent form, each posting back to itself.
  for (let step = 0; step < 10 && !location.startsWith(lifeboatUrl) && !location.startsWith('/'); step++) {
    res = await go(location);
    if (res.status >= 300 && res.status < 400) {
      location = new URL(res.headers.get('location')!, location).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on the provider's page:\n${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt: prompt ?? '' },
    );
    res = await go(new URL(action, location).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    location = new URL(res.headers.get('location')!, location).href;
  }
  // Back at Lifeboat's callback.
  res = await go(location);
  return { location: res.headers.get('location')!, cookie: jar.get('__Host-lifeboat_sid') ?? null };
}
