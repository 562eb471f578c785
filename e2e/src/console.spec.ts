// Every page of the console, signed in as each role, in real Chromium against the hostile-name
// demo: no serious or critical accessibility violation (axe-core), no page that scrolls sideways
// at 1366x768 or at 390x844, no table cut off at 1366, and no dialog, CSP violation or page error.
// With LIFEBOAT_SCREENSHOTS=1 it also writes the screenshots the README shows (docs/screenshots).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchForTrouble } from './browser.ts';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = process.env.LIFEBOAT_SCREENSHOTS === '1';
const shotsDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

type Role = 'viewer' | 'operator' | 'approver' | 'admin';

interface PageCase {
  name: string;
  /** The path, or how to reach the page from another (a detail page: the first row's link). */
  path: string | ((page: Page) => Promise<string>);
  /** Only these roles see it (others are told it is not for them, checked elsewhere). */
  roles?: Role[];
  /** The element that says the page has its data. */
  ready: (page: Page) => ReturnType<Page['getByRole']>;
}

const firstLinkOf = (list: string, table: string) => async (page: Page) => {
  await page.goto(list);
  const link = page.getByRole('table', { name: table }).locator('tbody a').first();
  await link.waitFor();
  return (await link.getAttribute('href'))!;
};

const PAGES: PageCase[] = [
  { name: 'overview', path: '/', ready: (p) => p.getByRole('heading', { name: 'Recovery status' }) },
  { name: 'plans', path: '/plans', ready: (p) => p.getByRole('table', { name: 'Recovery plans' }) },
  {
    name: 'plan',
    path: firstLinkOf('/plans', 'Recovery plans'),
    ready: (p) => p.getByRole('heading', { name: 'Actions' }),
  },
  {
    name: 'plan-failover',
    path: async (page) => `${await firstLinkOf('/plans?state=ready', 'Recovery plans')(page)}/failover`,
    roles: ['operator'],
    ready: (p) => p.getByRole('heading', { name: 'Step 1 of 2: Check before you act' }),
  },
  {
    name: 'failover-sessions',
    path: '/failover-sessions',
    ready: (p) => p.getByRole('table', { name: 'Failover sessions' }),
  },
  {
    name: 'failover-session',
    path: firstLinkOf('/failover-sessions', 'Failover sessions'),
    ready: (p) => p.getByRole('heading', { name: 'VM tasks' }),
  },
  {
    name: 'replication-jobs',
    path: '/replication-jobs',
    ready: (p) => p.getByRole('table', { name: 'Replication jobs' }),
  },
  {
    name: 'replication-job',
    path: firstLinkOf('/replication-jobs', 'Replication jobs'),
    ready: (p) => p.getByRole('heading', { level: 1 }),
  },
  {
    name: 'replica-points',
    path: '/replica-points',
    ready: (p) => p.getByRole('table', { name: 'Replica points' }),
  },
  { name: 'rpo', path: '/rpo', ready: (p) => p.getByRole('table', { name: 'RPO per VM' }) },
  { name: 'operations', path: '/operations', ready: (p) => p.getByRole('heading', { name: 'Operations' }) },
  { name: 'audit', path: '/audit', roles: ['admin'], ready: (p) => p.getByRole('table', { name: /audit/i }) },
  {
    name: 'kiosk-links',
    path: '/kiosk-links',
    roles: ['admin'],
    ready: (p) => p.getByRole('heading', { name: 'New kiosk link' }),
  },
  {
    name: 'api-tokens',
    path: '/api-tokens',
    roles: ['admin'],
    ready: (p) => p.getByRole('heading', { name: 'New API token' }),
  },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, role: Role) {
  await page.goto('/');
  await page.getByLabel('Username').fill(role);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Recovery status' }).waitFor();
}

/** axe-core's serious and critical violations on the page as it is now, as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's CSP, which forbids the inline script addScriptTag would add.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    return (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    };
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What scrolls sideways: the page itself, or (when `tables`) any table region. */
async function sidewaysScroll(page: Page, tables: boolean): Promise<string[]> {
  return page.evaluate((checkTables) => {
    const found: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    if (checkTables)
      for (const region of document.querySelectorAll<HTMLElement>('[role="region"]'))
        if (region.querySelector('table') && region.scrollWidth > region.clientWidth + 1)
          found.push(`${region.getAttribute('aria-label')} ${region.scrollWidth} > ${region.clientWidth}`);
    return found;
  }, tables);
}

describe.each<Role>(['viewer', 'operator', 'approver', 'admin'])('every page as %s', (role) => {
  let page: Page;
  let trouble: string[];
  beforeAll(async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    trouble = await watchForTrouble(page);
    await signIn(page, role);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  for (const c of PAGES.filter((p) => !p.roles || p.roles.includes(role))) {
    it(`${c.name}: accessible, fits 1366 and 390 px, nothing unsafe`, async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      const path = typeof c.path === 'string' ? c.path : await c.path(page);
      await page.goto(path);
      await c.ready(page).first().waitFor();
      // Loading lines gone: the page shows its data.
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);

      expect(await axeViolations(page)).toEqual([]);
      expect(await sidewaysScroll(page, true)).toEqual([]);
      // One screenshot per page, as the role that sees most of it; and the viewer's plan, without actions.
      const shoot = c.roles
        ? c.roles.includes(role)
        : role === 'operator' || (role === 'viewer' && c.name === 'plan');
      if (SCREENSHOTS && shoot) {
        mkdirSync(shotsDir, { recursive: true });
        await page.screenshot({ path: `${shotsDir}${role}-${c.name}.png` });
      }

      // The dark theme (the system's preference) keeps every contrast, checked once per page.
      if (role === 'viewer' || c.roles) {
        await page.emulateMedia({ colorScheme: 'dark' });
        try {
          expect(await axeViolations(page)).toEqual([]);
          if (SCREENSHOTS && c.name === 'overview')
            await page.screenshot({ path: `${shotsDir}${role}-overview-dark.png` });
        } finally {
          await page.emulateMedia({ colorScheme: 'light' });
        }
      }

      await page.setViewportSize({ width: 390, height: 844 });
      // Tables may scroll inside their own region on a phone; the page itself never pans.
      await expect.poll(() => sidewaysScroll(page, false)).toEqual([]);
      expect(trouble).toEqual([]);
    });
  }
});
