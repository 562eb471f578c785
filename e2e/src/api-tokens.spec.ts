// An admin's API token, end to end: made on the API tokens page in real Chromium, its secret shown
// once, used by a script (`Authorization: Bearer`) to read a list, and refused once revoked there.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, watchForTrouble } from './browser.ts';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** GET /api/v1/plans as a script: the bearer secret alone. */
const readPlans = (secret: string) =>
  fetch(`${baseUrl}/api/v1/plans`, { headers: { Authorization: `Bearer ${secret}` } });

it('an admin creates a token on its page, a script reads with it, and revoking it there refuses the script', async () => {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  const trouble = await watchForTrouble(page);
  await page.goto('/api-tokens');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'New API token' }).waitFor();

  await page.getByLabel('Name').fill('E2E report script');
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secretField = page.getByRole('textbox', { name: 'Secret' });
  await secretField.waitFor();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const read = await readPlans(secret);
  expect(read.status).toBe(200);
  expect(((await read.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

  // Dismissed, the secret is gone from the page for good; the list shows the token as active.
  await page.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => page.getByRole('textbox', { name: 'Secret' }).count()).toBe(0);
  expect(await page.content()).not.toContain(secret);
  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row', { name: /E2E report script/ });
  await expect.poll(() => row.textContent()).toMatch(/Active/);

  await row.getByRole('button', { name: 'Revoke E2E report script' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect.poll(() => row.textContent()).toMatch(/Revoked/);
  expect((await readPlans(secret)).status).toBe(401);

  expect(trouble).toEqual([]);
  await context.close();
}, 60_000);
