import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Source, SourceList } from '@lifeboat/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../scripts/demo.mjs';
import { launchChromium, watchForTrouble } from './browser.ts';

// This file restarts the BFF, so it runs its own demo (own simulator, own data folder, free ports)
// rather than disturbing the one the global setup shares with the other specs.
const dataDir = fileURLToPath(new URL('../../.tmp/e2e-restart', import.meta.url));

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  demo = await startDemo({ port: 0, dataDir, pollSeconds: 2 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function orchestrator(fault: { down: true } | { up: true }) {
  const res = await fetch(`${demo.sim.admin.url}/admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api: 'orchestrator', ...fault }),
  });
  expect(res.status).toBeLessThan(300);
}

/** One source as the BFF describes it, read with the browser's session cookie. */
async function source(context: BrowserContext, id: string): Promise<Source> {
  const res = await context.request.get('/api/v1/sources');
  expect(res.status()).toBe(200);
  const found = ((await res.json()) as SourceList).items.find((s) => s.id === id);
  expect(found).toBeDefined();
  return found!;
}

/** The seconds in "Data from vro-demo may be out of date: it is 12 s old (…)", or null. */
function noticedAge(text: string | null): number | null {
  const m = /Data from vro-demo may be out of date: it is (\d+) (s|min) old \(/.exec(text ?? '');
  return m ? Number(m[1]) * (m[2] === 'min' ? 60 : 1) : null;
}

describe('a DR coordinator whose Lifeboat restarts', () => {
  it('A restart of the BFF shows the last data at once, marked with its age', async () => {
    const context = await browser.newContext({ baseURL: demo.url });
    const page: Page = await context.newPage();
    const trouble = await watchForTrouble(page);
    const banner = page.getByRole('complementary', { name: 'Data sources' });
    const chip = (name: string) => banner.getByRole('listitem').filter({ hasText: name });
    const vroChip = chip('Recovery Orchestrator (simulator)');
    const emChip = chip('Enterprise Manager (simulator)');
    const table = page.getByRole('table', { name: 'Plans' });
    const planNames = async () => (await table.getByRole('link').allTextContents()).map((n) => n.trim());

    await page.goto('/');
    await page.getByLabel('Username').fill('viewer');
    await page.getByLabel('Password').fill(demo.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await table.locator('tbody tr').first().waitFor();
    // Only the Orchestrator's plans (the Enterprise Manager sends cloud failover plans too).
    await page
      .getByLabel('Source', { exact: true })
      .selectOption({ label: 'Recovery Orchestrator (simulator)' });
    await expect.poll(() => page.url()).toContain('source=vro-demo');
    await expect
      .poll(async () => (await table.locator('tbody tr').allTextContents()).join('\n'))
      .toMatch(/Recovery Orchestrator \(simulator\)/);
    await expect.poll(() => vroChip.textContent(), { timeout: 20_000 }).toMatch(/OK/);
    const plansUrl = page.url();

    const downAt = Date.now();
    await orchestrator({ down: true });
    try {
      // The running BFF notices, and keeps the Orchestrator's last good data.
      await expect.poll(() => vroChip.textContent(), { timeout: 20_000 }).toMatch(/Down/);
      const before = await source(context, 'vro-demo');
      expect(before.asOf).not.toBeNull();
      const plans = await planNames();
      expect(plans.length).toBeGreaterThan(0);

      // Leave the page while the BFF is away (a refused connection is no trouble of the app's).
      await page.goto('about:blank');
      expect(await demo.restartBff()).toBe(demo.url);

      // The restarted BFF serves the stored data with the time it was fetched, not the boot time.
      const restored = await source(context, 'vro-demo');
      expect(restored.asOf).toBe(before.asOf);
      expect(restored.stale).toBe(true);
      expect(restored.status).not.toBe('ok');
      expect(restored.lastError).not.toBeNull();

      // The session survived the restart (it is in the database): no sign-in again.
      const opened = Date.now();
      await page.goto(plansUrl);
      await table.getByRole('link').first().waitFor({ timeout: 10_000 });
      await expect.poll(() => page.getByText('Signed in as').textContent()).toMatch(/viewer/);
      expect(await planNames()).toEqual(plans);

      // The list says the Orchestrator's data is old, with its true age: at least since it went down.
      await expect
        .poll(async () => noticedAge(await page.getByRole('main').textContent()), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(Math.floor((opened - downAt) / 1000) - 1);
      expect(await page.getByRole('main').textContent()).toMatch(
        /Data from vro-demo may be out of date: it is \d+ (s|min) old \((source down|stale|source degraded)\)/,
      );
      await expect.poll(() => vroChip.textContent(), { timeout: 20_000 }).toMatch(/Down.*stale/s);
      // The Enterprise Manager is fresh again after its first poll.
      await expect.poll(() => emChip.textContent(), { timeout: 20_000 }).toMatch(/OK/);
      expect(await emChip.textContent()).not.toMatch(/stale/);
    } finally {
      await orchestrator({ up: true });
    }

    // Back by itself, no reload: the Orchestrator is polled again and its data is fresh. Should its
    // circuit breaker have opened meanwhile (5 failed calls in a row), it lets a call through only
    // after 30 s.
    await expect.poll(() => vroChip.textContent(), { timeout: 45_000 }).toMatch(/OK/);
    expect(await vroChip.textContent()).not.toMatch(/stale/);
    await expect
      .poll(() => page.getByRole('main').textContent(), { timeout: 20_000 })
      .not.toMatch(/Data from vro-demo/);
    expect(await table.getByRole('link').count()).toBeGreaterThan(0);
    expect(trouble).toEqual([]);
    await context.close();
  }, 120_000);
});
