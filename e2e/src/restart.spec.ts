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

/** The seconds in "Data from Recovery Orchestrator (simulator) may be out of date: it is 12 s old (…)", or null. */
function noticedAge(text: string | null): number | null {
  const m =
    /Data from Recovery Orchestrator \(simulator\) may be out of date: it is (\d+) (s|min) old \(/.exec(
      text ?? '',
    );
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
        /Data from Recovery Orchestrator \(simulator\) may be out of date: it is \d+ (s|min) old \((source down|stale|source degraded)\)/,
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
      .not.toMatch(/Data from Recovery Orchestrator \(simulator\)/);
    expect(await table.getByRole('link').count()).toBeGreaterThan(0);
    expect(trouble).toEqual([]);
    await context.close();
  }, 120_000);
});

/** A kiosk link an admin makes through the API, as a script would; the admin's context and write headers. */
async function kioskLink(name: string) {
  const admin = await browser.newContext({ baseURL: demo.url });
  const signIn = await admin.request.post('/api/v1/auth/login', {
    data: { username: 'admin', password: demo.demoPassword },
    headers: { Origin: demo.url },
  });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const write = { 'X-CSRF-Token': csrfToken, Origin: demo.url };
  const created = await admin.request.post('/api/v1/kiosk-links', { data: { name }, headers: write });
  expect(created.status()).toBe(201);
  const { link, token } = (await created.json()) as { link: { id: string }; token: string };
  return { admin, write, link, token };
}

describe('the NOC wall, opened by its kiosk link', () => {
  it('rotates its panels, shows a source going stale, rides out a BFF restart by itself, and stops once its link is revoked', async () => {
    const { admin, write, link, token } = await kioskLink('NOC wall');

    const context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const trouble = await watchForTrouble(page);
    await page.goto(`/wall?rotate=5#k=${token}`);
    // Once seen failing here in a full run (the wall not shown in 30 s: a late session check undid
    // the kiosk sign-in, see the next test): what the page showed and what went wrong go into a failure.
    await page
      .getByRole('article', { name: 'Recovery status' })
      .waitFor()
      .catch(async (err: unknown) => {
        const shown = (await page.locator('body').textContent())?.slice(0, 500);
        throw new Error(`${String(err)}\nshown: ${shown}\ntrouble: ${trouble.join('; ')}`);
      });
    expect(await page.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('link').count()).toBe(0);
    const indicator = page.getByRole('group', { name: 'Panel indicator' });
    if (process.env.LIFEBOAT_SCREENSHOTS === '1')
      await page.screenshot({
        path: fileURLToPath(new URL('../../docs/screenshots/wall.png', import.meta.url)),
      });
    // It rotates by itself.
    await expect.poll(() => indicator.textContent(), { timeout: 15_000 }).toMatch(/Panel 2 of 4/);

    const vroTile = page.getByRole('article', { name: 'Recovery Orchestrator (simulator)' });
    await orchestrator({ down: true });
    try {
      // On the Sources panel, when it comes round: the Orchestrator's tile says so, with its age.
      await expect
        .poll(async () => ((await vroTile.count()) ? await vroTile.textContent() : ''), { timeout: 45_000 })
        .toMatch(/Down|Stale/i);

      // The BFF restarts under the wall: it keeps its screen, says it is reconnecting, and comes back
      // without a reload (the marker set on this document survives).
      await page.evaluate(() => ((window as unknown as { lifeboatMarker: number }).lifeboatMarker = 1));
      const reconnecting = page.getByRole('alert').filter({ hasText: 'Reconnecting' });
      const restarted = demo.restartBff();
      try {
        await expect.poll(() => reconnecting.count(), { timeout: 20_000 }).toBeGreaterThan(0);
        // The last good screen stays: the panels and their tiles, not a blank or an error page.
        expect(await indicator.count()).toBe(1);
        expect(await page.getByRole('article').count()).toBeGreaterThan(0);
      } finally {
        expect(await restarted).toBe(demo.url);
      }
      await expect.poll(() => reconnecting.count(), { timeout: 45_000 }).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { lifeboatMarker?: number }).lifeboatMarker),
      ).toBe(1);
    } finally {
      await orchestrator({ up: true });
    }

    // Revoked: the very next refresh is refused, and the wall says why instead of showing old data.
    const revoked = await admin.request.post(`/api/v1/kiosk-links/${link.id}/revoke`, {
      data: {},
      headers: write,
    });
    expect(revoked.status()).toBe(200);
    await page
      .getByRole('heading', { name: 'This kiosk link was revoked or has expired.' })
      .waitFor({ timeout: 45_000 });
    // Connection errors while the BFF was away are expected; nothing unsafe ever is.
    expect(trouble.filter((t) => /^(dialog|CSP|page error)/.test(t))).toEqual([]);
    await context.close();
    await admin.close();
  }, 180_000);

  it('keeps its kiosk sign-in when the check for a session it had before answers after it', async () => {
    const { admin, token } = await kioskLink('Lobby wall');

    const context = await browser.newContext({ baseURL: demo.url });
    const page = await context.newPage();
    // The app asks GET /auth/me as it loads, before the kiosk sign-in. Held until the wall has
    // signed in and shown its data, its answer ("no session") once undid the sign-in, and the
    // wall waited 30 s to sign in again: seen as a wall not shown in a full run.
    const answered = (part: string) => page.waitForResponse((r) => r.url().includes(part) && r.ok());
    const shown = Promise.all([answered('/api/v1/auth/kiosk'), answered('/api/v1/overview')]);
    let released!: () => void;
    const checkReleased = new Promise<void>((resolve) => (released = resolve));
    await page.route('**/api/v1/auth/me', async (route) => {
      const early = await route.fetch(); // the BFF's answer as the check was sent: no session
      await shown;
      released();
      await route.fulfill({ response: early }).catch(() => undefined); // the wall may have given it up
    });
    const checkDone = Promise.race([
      page.waitForResponse((r) => r.url().includes('/api/v1/auth/me')),
      page.waitForEvent('requestfailed', (r) => r.url().includes('/api/v1/auth/me')),
    ]);
    await page.goto(`/wall#k=${token}`);
    await page.getByRole('article', { name: 'Recovery status' }).waitFor();
    await checkReleased;
    await checkDone;
    // Two frames after the check's answer, whatever it did is on screen.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    expect(await page.getByRole('alert').filter({ hasText: 'Reconnecting' }).count()).toBe(0);
    expect(await page.getByRole('article', { name: 'Recovery status' }).count()).toBe(1);
    await context.close();
    await admin.close();
  }, 60_000);
});
