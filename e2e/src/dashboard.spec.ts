import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchForTrouble } from './browser.ts';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

let browser: Browser;
let page: Page;
let trouble: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  const context = await browser.newContext({ baseURL: baseUrl });
  page = await context.newPage();
  trouble = await watchForTrouble(page);
});
afterEach(async () => {
  await page.context().close();
});

async function signIn(username: string, pw = password) {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(pw);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('a DR coordinator in the browser', () => {
  it('is told plainly when the password is wrong', async () => {
    await signIn('viewer', 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong username or password/);
    expect(page.url()).toContain('/sign-in');
    expect(trouble).toEqual([]);
  });

  it("signs in as viewer, sees the simulator's failover sessions, filters them and opens one", async () => {
    await signIn('viewer');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Failover sessions' })
      .click();
    const table = page.getByRole('table', { name: 'Failover sessions' });
    await table.getByRole('link').first().waitFor();
    await expect.poll(() => page.getByText('Signed in as').textContent()).toMatch(/viewer/);
    // The sources banner names the simulated Enterprise Manager and says it is healthy.
    const banner = page.getByRole('complementary', { name: 'Data sources' });
    await expect.poll(() => banner.textContent()).toMatch(/Enterprise Manager \(simulator\).*OK/s);

    const allRows = await table.getByRole('row').count();
    await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('stopped');
    await expect.poll(() => page.url()).toContain('state=stopped');
    await expect.poll(async () => (await table.getByRole('row').count()) < allRows).toBe(true);
    const states = await table.locator('tbody tr').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    for (const row of states) expect(row).toMatch(/Stopped/i);

    // The filter lives in the URL: a reload shows the same view.
    await page.reload();
    await table.getByRole('link').first().waitFor();
    expect(await page.getByRole('combobox', { name: 'State', exact: true }).inputValue()).toBe('stopped');

    const first = table.getByRole('link').first();
    const planName = (await first.textContent())!.trim();
    await first.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(planName);
    await page.getByRole('heading', { name: 'VM tasks' }).waitFor();
    await expect
      .poll(() => page.getByRole('table', { name: 'VM tasks' }).getByRole('row').count())
      .toBeGreaterThan(1);
    await page.getByRole('heading', { name: 'Provenance' }).waitFor();
    expect(trouble).toEqual([]);
  });

  it("sees each VM's RPO grade, including critical and unknown", async () => {
    await signIn('viewer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'RPO' }).click();
    const table = page.getByRole('table', { name: 'RPO per VM' });
    await table.locator('tbody tr').first().waitFor();
    const text = await table.textContent();
    for (const grade of ['Critical', 'Severe', 'Exceeded', 'Compliant', 'Unknown'])
      expect(text).toContain(grade);

    await page.getByLabel('RPO status').selectOption('critical');
    await expect.poll(() => page.url()).toContain('status=critical');
    await expect
      .poll(async () =>
        (await table.locator('tbody tr').allTextContents()).every((r) => r.includes('Critical')),
      )
      .toBe(true);
    expect(trouble).toEqual([]);
  });

  it('shows hostile upstream names as plain text, never as markup or script', async () => {
    await signIn('viewer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'RPO' }).click();
    const table = page.getByRole('table', { name: 'RPO per VM' });
    await table.locator('tbody tr').first().waitFor();
    for (const name of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"><svg onload=alert(1)>',
    ]) {
      await page.getByLabel('Search').fill(name);
      await page.getByLabel('Search').press('Enter');
      // The VM's name is a link whose accessible name is exactly the string, shown as text.
      await table.getByRole('link', { name, exact: true }).waitFor();
    }
    expect(await page.locator('main img, main svg[onload], main script').count()).toBe(0);
    expect(trouble).toEqual([]);
  });

  it('is sent back to sign in after signing out', async () => {
    await signIn('viewer');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Failover sessions' })
      .click();
    await page.getByRole('table', { name: 'Failover sessions' }).getByRole('link').first().waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto('/failover-sessions');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(trouble).toEqual([]);
  });
});
