import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ListEnvelope, Operation } from '@lifeboat/shared';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../scripts/demo.mjs';
import { launchChromium, watchForTrouble } from './browser.ts';

// This file runs failovers and failbacks, so it runs its own demos (own simulator, own data folder,
// free ports) rather than changing the plans of the one the global setup shares with the other
// specs. The simulator's clock runs at SPEED times real time, so a plan run of a few world minutes
// plays out in seconds. Its world is seeded: the plans named here succeed at every step.
const SPEED = 60;
const POLL_SECONDS = 2;
/** Three VMs: failover, failback and commit all succeed in the seeded world. */
const MAIN_PLAN = 'VanArsdel Tier 1 Failover Plan';
/** Two VMs: its failover succeeds (with warnings). */
const OTHER_PLAN = 'Graphic Design Institute Tier 2 Failover Plan';
const OPERATION_URL = /\/operations\/([0-9a-f-]{36})$/;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function ownDemo(name: string, requireApproval: boolean): Promise<Demo> {
  const dataDir = fileURLToPath(new URL(`../../.tmp/${name}`, import.meta.url));
  rmSync(dataDir, { recursive: true, force: true });
  return startDemo({
    port: 0,
    dataDir,
    pollSeconds: POLL_SECONDS,
    requireApproval,
    // The Orchestrator's tokens age on the world clock: 15 world minutes would be 15 real seconds
    // here, and an action sent with a token that died since the last poll is refused (401), never
    // resent. They last 15 real minutes, as a real Orchestrator's do.
    simArgs: ['--speed', String(SPEED), '--vro-access-minutes', String(15 * SPEED)],
  });
}

/** A signed-in page of its own browser context, and what went wrong on it. */
async function signedIn(demo: Demo, username: string) {
  const context = await browser.newContext({ baseURL: demo.url });
  const page = await context.newPage();
  const trouble = await watchForTrouble(page);
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demo.demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByText('Signed in as').textContent()).toMatch(new RegExp(username));
  return { context, page, trouble };
}

/** What went wrong on a page, but the refusals a test provokes on purpose (logged by Chromium). */
const unexpected = (trouble: string[]) => trouble.filter((t) => !/status of (403|409|422)/.test(t));

/** Opens a plan of the Orchestrator from the plans list, by its name; answers its id. */
async function openPlan(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
  // The Enterprise Manager sends cloud failover plans of the same names: the Orchestrator's only.
  await page
    .getByLabel('Source', { exact: true })
    .selectOption({ label: 'Recovery Orchestrator (simulator)' });
  await expect.poll(() => page.url()).toContain('source=vro-demo');
  await page.getByLabel('Search').fill(name);
  await page.getByLabel('Search').press('Enter');
  // The list may still show the page before the filter for a moment: the Orchestrator's link only.
  const link = page
    .getByRole('table', { name: 'Recovery plans' })
    .getByRole('link', { name, exact: true })
    .and(page.locator('[href^="/plans/vro-demo."]'));
  await link.click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
  expect(id).toMatch(/^vro-demo\./);
  return id;
}

/** The POSTs of plan actions the page sends, as the browser sent them. */
function recordActionPosts(page: Page): Request[] {
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/v1\/plans\/[^/]+\/[a-z-]+$/.test(request.url()))
      posts.push(request);
  });
  return posts;
}

/** Steps 1 and 2 of an action's workflow, up to (not including) the submit. */
async function fillWorkflow(
  page: Page,
  o: { planName: string; password: string; typedName?: string; reason?: string },
) {
  await page.getByRole('heading', { name: 'Step 1 of 2: Check before you act' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Step 2 of 2: Confirm' }).waitFor();
  await page.getByLabel('Reason (required)').fill(o.reason ?? 'DR exercise: site A lost power');
  await page.getByLabel('Ticket (optional)').fill('INC-4711');
  await page.getByLabel('Your password').fill(o.password);
  await page.getByLabel("Type the plan's name to confirm").fill(o.typedName ?? o.planName);
}

/** Waits on an operation's page until it ends; answers the words of its outcome. */
async function outcomeOf(page: Page, timeout = 90_000): Promise<string> {
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await outcome.waitFor({ timeout });
  return (await outcome.textContent()) ?? '';
}

/** Runs one action through its whole workflow from the plan page, and waits for it to succeed. */
async function runAction(page: Page, planName: string, button: string, password: string): Promise<string> {
  const link = page.getByRole('link', { name: button, exact: true });
  // The plan page shows the button once the source reports the state that allows it.
  await link.waitFor({ timeout: 30_000 });
  await link.click();
  await fillWorkflow(page, { planName, password });
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(OPERATION_URL);
  const id = OPERATION_URL.exec(page.url())![1]!;
  expect(await outcomeOf(page)).toMatch(/Succeeded/);
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  expect(await page.getByRole('region', { name: 'Receipt' }).textContent()).toMatch(/HTTP 20\d/);
  return id;
}

/** A POST from inside the page, with the page's cookie and the session's CSRF token. */
function postFromPage(page: Page, path: string, body: unknown, idempotencyKey?: string) {
  return page.evaluate(
    async ({ path, body, idempotencyKey }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-CSRF-Token': me.csrfToken,
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
    },
    { path, body, idempotencyKey },
  );
}

async function operationsOf(context: BrowserContext, planName: string): Promise<Operation[]> {
  const res = await context.request.get(`/api/v1/operations?q=${encodeURIComponent(planName)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as ListEnvelope<Operation>).items;
}

describe('an operator, with no second approver required', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await ownDemo('e2e-failover', false);
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('runs a failover through the whole workflow, watches it succeed, then fails back and commits', async () => {
    const { context, page, trouble } = await signedIn(demo, 'operator');
    const posts = recordActionPosts(page);
    const planId = await openPlan(page, MAIN_PLAN);
    // A ready plan: only Failover is offered; the rest say why not.
    await page.getByRole('link', { name: 'Run failover', exact: true }).click();
    await page.waitForURL(`**/plans/${encodeURIComponent(planId)}/failover`);

    // Step 1: the pre-flight, the consequences and the options.
    await page.getByRole('heading', { name: 'Step 1 of 2: Check before you act' }).waitFor();
    const checks = (await page.getByRole('list', { name: 'Pre-flight checks' }).textContent()) ?? '';
    expect(checks).toContain("The plan's state allows failover");
    expect(checks).toContain('The plan is enabled');
    expect(checks).toContain('Recovery Orchestrator (simulator) is healthy');
    expect(checks).toMatch(/The plan's data is fresh \(\d+ s old\)/);
    expect(await page.getByRole('heading', { name: 'What cannot be undone' }).count()).toBe(1);
    // The Orchestrator names a plan's VMs only while it runs; before, their number.
    expect(await page.getByRole('region', { name: 'VMs this affects', exact: true }).textContent()).toContain(
      'This plan has 3 VMs',
    );
    expect(await page.getByLabel('The latest restore point of each VM').isChecked()).toBe(true);

    // Step 2 with a wrong password: refused in the server's words, nothing requested.
    await fillWorkflow(page, { planName: MAIN_PLAN, password: 'not-my-password' });
    const submit = page.getByRole('button', { name: 'Run failover', exact: true });
    await submit.click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/Refused.*The password is not right; nothing was requested\./);
    expect(page.url()).toMatch(/\/failover$/);

    // The right password: the same request, so the same Idempotency-Key.
    await page.getByLabel('Your password').fill(demo.demoPassword);
    await submit.click();
    await page.waitForURL(OPERATION_URL);
    expect(posts).toHaveLength(2);
    const keys = posts.map((p) => p.headers()['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);

    // The operation: live progress, then the receipt with the upstream's answer.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Failover of ${MAIN_PLAN}`);
    const outcome = await outcomeOf(page);
    expect(outcome).toMatch(/Succeeded/);
    expect(outcome).toMatch(/Failover finished: the plan is Failover/);
    const receipt = (await page.getByRole('region', { name: 'Receipt' }).textContent()) ?? '';
    expect(receipt).toMatch(/HTTP 20\d/);
    expect(receipt).toMatch(/\d+ s in all|\d+ min( \d+ s)? in all/);
    const summary = (await page.getByRole('region', { name: 'Summary' }).textContent()) ?? '';
    expect(summary).toContain('DR exercise: site A lost power');
    expect(summary).toContain('INC-4711');
    expect(summary).toContain('The latest of each VM');

    // Back on the plan: failed over. Fail back, then commit.
    await page.getByRole('region', { name: 'Summary' }).getByRole('link', { name: MAIN_PLAN }).click();
    await runAction(page, MAIN_PLAN, 'Failback', demo.demoPassword);
    await page.getByRole('region', { name: 'Summary' }).getByRole('link', { name: MAIN_PLAN }).click();
    await runAction(page, MAIN_PLAN, 'Commit failback', demo.demoPassword);
    await page.getByRole('region', { name: 'Summary' }).getByRole('link', { name: MAIN_PLAN }).click();
    // Ready again: the failover is offered once more.
    await page.getByRole('link', { name: 'Run failover', exact: true }).waitFor({ timeout: 30_000 });

    // All three are in the operations list, succeeded.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    const table = page.getByRole('table', { name: 'Operations' });
    await table.locator('tbody tr').first().waitFor();
    await expect
      .poll(async () =>
        (await table.locator('tbody tr').allTextContents()).filter((r) => r.includes(MAIN_PLAN)),
      )
      .toHaveLength(3);
    for (const row of await table.locator('tbody tr').allTextContents()) expect(row).toMatch(/Succeeded/);
    const ops = await operationsOf(context, MAIN_PLAN);
    expect(ops.map((o) => o.action).sort()).toEqual(['commitFailback', 'failback', 'failover']);
    expect(unexpected(trouble)).toEqual([]);
    await context.close();
  }, 240_000);

  it('keeps the submit disabled until the name is typed exactly; the server refuses a wrong name; a double click sends one request', async () => {
    const { context, page, trouble } = await signedIn(demo, 'operator');
    const posts = recordActionPosts(page);
    const planId = await openPlan(page, OTHER_PLAN);
    await page.getByRole('link', { name: 'Run failover', exact: true }).click();
    await fillWorkflow(page, {
      planName: OTHER_PLAN,
      password: demo.demoPassword,
      typedName: OTHER_PLAN.toLowerCase(),
    });
    const submit = page.getByRole('button', { name: 'Run failover', exact: true });
    expect(await submit.isDisabled()).toBe(true);
    expect(await page.getByText('The name does not match yet.').count()).toBe(1);
    await page.getByLabel("Type the plan's name to confirm").fill(`${OTHER_PLAN} `);
    expect(await submit.isDisabled()).toBe(true);

    // Around the form, the server checks again: a wrong name is refused in plain words.
    const refused = await postFromPage(
      page,
      `/plans/${encodeURIComponent(planId)}/failover`,
      {
        restorePoint: { latest: true },
        executeChainedPlans: false,
        reason: 'typed the wrong name',
        confirmPlanName: OTHER_PLAN.toLowerCase(),
        password: demo.demoPassword,
      },
      crypto.randomUUID(),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toBe(
      "The typed name does not match the plan's name; nothing was requested.",
    );
    expect(await operationsOf(context, OTHER_PLAN)).toEqual([]);

    // The exact name: enabled. A double click sends one request and opens its one operation.
    await page.getByLabel("Type the plan's name to confirm").fill(OTHER_PLAN);
    expect(await page.getByText('The name matches.').count()).toBe(1);
    expect(await submit.isEnabled()).toBe(true);
    posts.length = 0;
    await submit.dblclick();
    await page.waitForURL(OPERATION_URL);
    const id = OPERATION_URL.exec(page.url())![1];
    // Give a second request, had there been one, the time to arrive.
    await page.waitForTimeout(1_000);
    expect(posts).toHaveLength(1);
    expect((await operationsOf(context, OTHER_PLAN)).map((o) => o.id)).toEqual([id]);
    expect(await outcomeOf(page)).toMatch(/Succeeded/);
    expect(unexpected(trouble)).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a viewer no action controls, and the API refuses a viewer with 403', async () => {
    const { context, page, trouble } = await signedIn(demo, 'viewer');
    const planId = await openPlan(page, 'VanArsdel Tier 2 Failover Plan');
    const actions = page.getByRole('table', { name: 'Actions and whether they are allowed now' });
    await actions.waitFor();
    // The plan allows a failover, and the viewer can read that, but there is nothing to press.
    expect(await actions.textContent()).toMatch(/Failover.*Allowed/);
    expect(await actions.getByRole('link').count()).toBe(0);
    expect(await actions.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Run failover' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Operations' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Audit' }).count()).toBe(0);

    // The workflow's address, typed in: not for a viewer.
    await page.goto(`/plans/${encodeURIComponent(planId)}/failover`);
    await page.getByText('Only an operator can request this.').waitFor();
    expect(await page.getByRole('button', { name: 'Continue' }).count()).toBe(0);

    // The API itself, with the viewer's cookie and CSRF token: 403, nothing requested.
    const res = await postFromPage(
      page,
      `/plans/${encodeURIComponent(planId)}/failover`,
      {
        restorePoint: { latest: true },
        executeChainedPlans: false,
        reason: 'a viewer tries',
        confirmPlanName: 'VanArsdel Tier 2 Failover Plan',
        password: demo.demoPassword,
      },
      crypto.randomUUID(),
    );
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toBe('Only an operator may request this.');
    expect(await operationsOf(context, 'VanArsdel Tier 2 Failover Plan')).toEqual([]);
    expect(unexpected(trouble)).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('a request that needs a second approver', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await ownDemo('e2e-failover-approval', true);
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('waits for approval; a second request is refused with a link to it; an approver in another browser approves it', async () => {
    const operator = await signedIn(demo, 'operator');
    await openPlan(operator.page, OTHER_PLAN);
    // A second tab of the operator's, at the same step, before the first one sends.
    const secondTab = await operator.context.newPage();
    const secondTrouble = await watchForTrouble(secondTab);
    await secondTab.goto(operator.page.url());
    await operator.page.getByRole('link', { name: 'Run failover', exact: true }).click();
    await fillWorkflow(operator.page, { planName: OTHER_PLAN, password: demo.demoPassword });
    await secondTab.getByRole('link', { name: 'Run failover', exact: true }).click();
    await fillWorkflow(secondTab, {
      planName: OTHER_PLAN,
      password: demo.demoPassword,
      reason: 'Same again',
    });

    await operator.page.getByRole('button', { name: 'Run failover', exact: true }).click();
    await operator.page.waitForURL(OPERATION_URL);
    const id = OPERATION_URL.exec(operator.page.url())![1]!;
    const now = operator.page.getByRole('region', { name: 'Now' });
    await expect.poll(() => now.textContent()).toMatch(/Awaiting approval/);
    expect(await now.textContent()).toContain('You asked for this.');
    expect(await operator.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // The second tab's request: one operation per plan, so 409 with the way to the one under way.
    await secondTab.getByRole('button', { name: 'Run failover', exact: true }).click();
    await expect
      .poll(() => secondTab.getByRole('alert').textContent())
      .toMatch(/Not possible now.*already under way on this plan/);
    await secondTab.getByRole('link', { name: 'Open the operation under way' }).click();
    await secondTab.waitForURL(`**/operations/${id}`);
    await secondTab.close();

    // The approver, in another browser context, finds it in the operations list and approves it.
    const approver = await signedIn(demo, 'approver');
    await approver.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Operations' })
      .click();
    // The State filter of the operations list (a role, not a label: the overview, still shown
    // while the list's code loads, has a section named "Plans by state").
    await approver.page
      .getByRole('combobox', { name: 'State', exact: true })
      .selectOption('awaiting_approval');
    const table = approver.page.getByRole('table', { name: 'Operations' });
    await table.getByRole('link', { name: OTHER_PLAN }).click();
    await approver.page.waitForURL(`**/operations/${id}`);
    await approver.page.getByLabel('Your reason (optional)').fill('Confirmed with the site manager');
    await approver.page.getByRole('button', { name: 'Approve' }).click();

    // Both pages follow it to the end without a reload.
    expect(await outcomeOf(approver.page)).toMatch(/Succeeded/);
    expect(await outcomeOf(operator.page)).toMatch(/Succeeded/);
    const summary = (await operator.page.getByRole('region', { name: 'Summary' }).textContent()) ?? '';
    expect(summary).toMatch(/Decided by\s*approver/);
    expect(summary).toContain('Confirmed with the site manager');
    expect(await operator.page.getByRole('region', { name: 'Receipt' }).textContent()).toMatch(/HTTP 20\d/);

    // The audit trail, for the admin: the request and the approval, with its reason.
    const admin = await signedIn(demo, 'admin');
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    const audit = admin.page.getByRole('table', { name: 'Audit trail' });
    await audit.locator('tbody tr').first().waitFor();
    const rows = (await audit.locator('tbody tr').allTextContents()).join('\n');
    expect(rows).toMatch(/operation\.request\.failover.*awaiting approval/);
    expect(rows).toMatch(/operation\.approve.*approved.*Confirmed with the site manager/);
    const csv = await admin.context.request.get(
      (await admin.page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'))!,
    );
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/^seq,at,actor,roles,action,target,params/);

    expect(unexpected(operator.trouble)).toEqual([]);
    expect(unexpected(secondTrouble)).toEqual([]);
    expect(approver.trouble).toEqual([]);
    expect(admin.trouble).toEqual([]);
    for (const c of [operator.context, approver.context, admin.context]) await c.close();
  }, 180_000);
});
