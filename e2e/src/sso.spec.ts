// Single sign-on in real Chromium: Lifeboat (the built server and web app, on a data folder of its
// own) set up with an OpenID Connect provider run here (apps/bff/test/identity-provider.ts). A
// coordinator signs in through the provider's pages and lands where they were going, with the role
// their group maps to; a user whose groups map to no role is sent back with why, in plain words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  SSO_CLIENT,
  startIdentityProvider,
  type IdentityProvider,
} from '../../apps/bff/test/identity-provider.ts';
import { startBff, stopBff, type Bff } from '../../apps/bff/test/processes.ts';
import { launchChromium, watchForTrouble } from './browser.ts';

let browser: Browser;
let idp: IdentityProvider;
let bff: Bff;
let workDir: string;

beforeAll(async () => {
  idp = await startIdentityProvider({ carol: ['dr-operators'], mallory: ['staff'] });
  workDir = mkdtempSync(join(tmpdir(), 'lifeboat-e2e-sso-'));
  const configPath = join(workDir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      database: { dataDir: join(workDir, 'db') },
      sources: [],
      users: [{ username: 'admin', passwordEnv: 'E2E_SSO_ADMIN', roles: ['admin'] }],
      sso: {
        name: 'Example SSO',
        issuer: idp.issuer,
        clientId: SSO_CLIENT.id,
        clientSecretEnv: 'E2E_SSO_SECRET',
        scopes: ['openid', 'profile'],
        roles: { 'dr-operators': ['operator'] },
      },
    }),
  );
  bff = await startBff(configPath, {
    E2E_SSO_ADMIN: 'e2e admin password',
    E2E_SSO_SECRET: SSO_CLIENT.secret,
  });
  idp.register(`${bff.url}/api/v1/auth/sso/callback`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopBff(bff, 'SIGTERM');
  await idp?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** From Lifeboat's sign-in page through the provider's sign-in and consent pages, as `login`. */
async function signInThroughProvider(path: string, login: string) {
  const context = await browser.newContext({ baseURL: bff.url });
  const page = await context.newPage();
  const trouble = await watchForTrouble(page, bff.url);
  await page.goto(path);
  await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === bff.url);
  return { context, page, trouble };
}

it('signs a coordinator in through the identity provider, back to the page they asked for, with their role', async () => {
  const { context, page, trouble } = await signInThroughProvider('/operations', 'carol');
  await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/operations');
  const me: unknown = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json() as unknown);
  expect(me).toMatchObject({ user: { username: 'carol', roles: ['operator'] } });
  expect(trouble).toEqual([]);
  await context.close();
}, 60_000);

it('sends back a user whose groups give no Lifeboat role, saying so, and opens no session', async () => {
  const { context, page, trouble } = await signInThroughProvider('/', 'mallory');
  await page.getByRole('heading', { name: 'Sign in to Lifeboat' }).waitFor();
  await expect
    .poll(() => page.getByRole('alert').first().textContent())
    .toMatch(/your account has no Lifeboat role/);
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
  // The local admin's password still works beside single sign-on.
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('e2e admin password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  expect(trouble).toEqual([]);
  await context.close();
}, 60_000);
