import { randomUUID } from 'node:crypto';
import type { ListEnvelope, Operation, Overview, Plan } from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, PASSWORD, startStack, waitFor, type Session } from './harness.ts';

type Stack = Awaited<ReturnType<typeof startStack>>;

/** POSTs an action as a signed-in user, with CSRF token, Origin and an Idempotency-Key. */
async function post(
  stack: Stack,
  s: Session,
  path: string,
  body: unknown,
  key: string | null = randomUUID(),
): Promise<{
  status: number;
  body: Operation & { error?: { code: string; message: string; operationId?: string } };
}> {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: s.cookie,
      'X-CSRF-Token': s.csrfToken,
      Origin: stack.url,
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as never };
}

async function simCalls(stack: Stack, prefix: string): Promise<number> {
  const all = (await (await fetch(`${stack.sim!.admin.url}/admin/calls?api=orchestrator`)).json()) as {
    orchestrator: Record<string, number>;
  };
  return Object.entries(all.orchestrator)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

/** Plans each stack's tests have acted on: the inventory may not show their new state yet. */
const used = new Map<string, Set<string>>();

/** An Orchestrator plan that allows failover and that no earlier test of this stack touched. */
async function readyOrchestratorPlan(stack: Stack, s: Session): Promise<Plan> {
  const taken = used.get(stack.url) ?? new Set<string>();
  used.set(stack.url, taken);
  const plan = await waitFor(async () => {
    const { body } = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?source=vro-sim&limit=500', s);
    return body.items.find(
      (p) => !taken.has(p.id) && p.allowedActions.some((a) => a.action === 'failover' && a.allowed),
    );
  });
  taken.add(plan.id);
  return plan;
}

const failover = (plan: Plan, extra: Record<string, unknown> = {}) => ({
  restorePoint: { latest: true },
  executeChainedPlans: false,
  reason: 'DR test: primary site lost',
  ticket: 'INC-42',
  confirmPlanName: plan.name,
  password: PASSWORD,
  ...extra,
});

async function operation(stack: Stack, s: Session, id: string): Promise<Operation> {
  return (await get<{ item: Operation }>(stack.url, `/api/v1/operations/${id}`, s)).body.item;
}

/** Waits until the operation has ended, running the simulator's clock forward (it stands still in tests). */
async function finished(stack: Stack, s: Session, id: string): Promise<Operation> {
  return waitFor(async () => {
    await fetch(`${stack.sim!.admin.url}/admin/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 5 * 60_000 }),
    });
    const op = await operation(stack, s, id);
    return ['succeeded', 'failed', 'unknown', 'cancelled', 'rejected'].includes(op.state) ? op : null;
  }, 30_000);
}

describe('Run Failover without approval', () => {
  let stack: Stack;
  let operator: Session;
  let operator2: Session;
  let viewer: Session;

  beforeAll(async () => {
    stack = await startStack({ allKinds: true, pollSeconds: 1, operationTiming: { intervalMs: 300 } });
    [operator, operator2, viewer] = (await Promise.all(
      ['operator', 'operator2', 'viewer'].map((u) => login(stack.url, u)),
    )) as [Session, Session, Session];
  });
  afterAll(() => stack?.close());

  it('sends exactly one Run for 20 parallel confirmations from two operators with repeated keys (§7.6)', async () => {
    const plan = await readyOrchestratorPlan(stack, operator);
    const before = await simCalls(stack, 'POST');
    const keys = [randomUUID(), randomUUID()];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(stack, i % 2 ? operator2 : operator, `/plans/${plan.id}/failover`, failover(plan), keys[i % 2]),
      ),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 409);
    expect(accepted.length + refused.length).toBe(20);
    // Every accepted answer names the one operation; the others point to it.
    const ids = new Set(accepted.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    for (const r of refused) {
      expect(r.body.error?.message).toContain(`/api/v1/operations/${id}`);
      expect(r.body.error?.operationId).toBe(id);
    }
    const done = await finished(stack, operator, id!);
    const onPlan = await get<ListEnvelope<Operation>>(
      stack.url,
      `/api/v1/operations?planId=${plan.id}`,
      viewer,
    );
    expect(onPlan.body.items.map((o) => o.id)).toEqual([id]);
    expect([done.state, done.message]).toEqual(['succeeded', expect.stringMatching(/^Failover finished/)]);
    expect(done.upstreamAnswer).toMatchObject({ status: expect.any(Number) });
    // Exactly one action POST reached the Orchestrator (token POSTs aside).
    const actionPosts = (await simCalls(stack, 'POST')) - before - (await simCalls(stack, 'POST /api/token'));
    expect(actionPosts).toBeLessThanOrEqual(1);
    expect(await simCalls(stack, 'POST /api/v3/Plans/{id}/Failover')).toBe(1);
  });

  it('answers the same operation to the same key and body, 422 to the same key with another body, 400 without a key', async () => {
    const plan = await readyOrchestratorPlan(stack, operator);
    const key = randomUUID();
    const first = await post(stack, operator, `/plans/${plan.id}/failover`, failover(plan), key);
    expect(first.status).toBe(202);
    const again = await post(stack, operator, `/plans/${plan.id}/failover`, failover(plan), key);
    expect([again.status, again.body.id]).toEqual([202, first.body.id]);
    const other = await post(
      stack,
      operator,
      `/plans/${plan.id}/failover`,
      failover(plan, { reason: 'something else' }),
      key,
    );
    expect([other.status, other.body.error?.code]).toEqual([422, 'unprocessable']);
    const none = await post(stack, operator, `/plans/${plan.id}/failover`, failover(plan), null);
    expect([none.status, none.body.error?.message]).toEqual([
      400,
      expect.stringContaining('Idempotency-Key'),
    ]);
    // Its Run must have reached the Orchestrator before the next test counts POSTs.
    expect((await finished(stack, operator, first.body.id)).state).toBe('succeeded');
  });

  it('refuses a wrong typed plan name, a wrong password and a viewer, each with a clear reason and nothing sent', async () => {
    const plan = await readyOrchestratorPlan(stack, operator);
    const before = await simCalls(stack, 'POST /api/v3/Plans');
    const wrongName = await post(
      stack,
      operator,
      `/plans/${plan.id}/failover`,
      failover(plan, { confirmPlanName: 'nope' }),
    );
    expect([wrongName.status, wrongName.body.error?.message]).toEqual([
      422,
      expect.stringMatching(/typed name does not match/),
    ]);
    const wrongPassword = await post(
      stack,
      operator,
      `/plans/${plan.id}/failover`,
      failover(plan, { password: 'guess' }),
    );
    expect([wrongPassword.status, wrongPassword.body.error?.message]).toEqual([
      403,
      expect.stringMatching(/password/),
    ]);
    const asViewer = await post(stack, viewer, `/plans/${plan.id}/failover`, failover(plan));
    expect([asViewer.status, asViewer.body.error?.code]).toEqual([403, 'forbidden']);
    const noReason = await post(
      stack,
      operator,
      `/plans/${plan.id}/failover`,
      failover(plan, { reason: '' }),
    );
    expect(noReason.status).toBe(400);
    expect(await simCalls(stack, 'POST /api/v3/Plans')).toBe(before);
  });
});

describe('Run Failover with approval required', () => {
  let stack: Stack;
  let operator: Session;
  let approver: Session;

  beforeAll(async () => {
    stack = await startStack({
      allKinds: true,
      pollSeconds: 1,
      requireApproval: true,
      operationTiming: { intervalMs: 300 },
    });
    [operator, approver] = (await Promise.all(['operator', 'approver'].map((u) => login(stack.url, u)))) as [
      Session,
      Session,
    ];
  });
  afterAll(() => stack?.close());

  it('waits for a second person, who cannot be the requester; approval dispatches it', async () => {
    // The browser learns the policy with the session, to say it before anything is sent.
    const me = await get<{ policy: unknown }>(stack.url, '/api/v1/auth/me', operator);
    expect(me.body.policy).toEqual({ requireApproval: true });
    const plan = await readyOrchestratorPlan(stack, operator);
    const requested = await post(stack, operator, `/plans/${plan.id}/failover`, failover(plan));
    expect([requested.status, requested.body.state]).toEqual([202, 'awaiting_approval']);
    // The overview's unfinished business counts it for whoever can approve.
    const overview = await get<Overview>(stack.url, '/api/v1/overview', approver);
    expect(overview.body.unfinished.operations.awaitingApproval).toBeGreaterThanOrEqual(1);
    const self = await post(stack, operator, `/operations/${requested.body.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(await simCalls(stack, 'POST /api/v3/Plans')).toBe(0);
    const approved = await post(stack, approver, `/operations/${requested.body.id}/approve`, {
      reason: 'confirmed by phone',
    });
    expect([approved.status, approved.body.decidedBy]).toEqual([200, 'approver']);
    // While it runs, the operation shows the plan's progress per VM and step (the simulator's clock stands still).
    const running = await waitFor(async () => {
      const op = await operation(stack, operator, requested.body.id);
      return op.state === 'running' ? op : null;
    });
    expect(running.progress).toMatchObject({
      nativeState: expect.any(String),
      vms: expect.arrayContaining([
        expect.objectContaining({
          run: expect.objectContaining({ state: expect.any(String), steps: expect.any(Array) }),
        }),
      ]),
    });
    // The overview follows the polls (its parts are made once per change): the plan is among the
    // runs in progress while it runs, then among the plans not back on production.
    const overviewNow = async () => (await get<Overview>(stack.url, '/api/v1/overview', approver)).body;
    await waitFor(async () => (await overviewNow()).runsInProgress.find((r) => r.id === plan.id));
    const done = await finished(stack, operator, requested.body.id);
    expect(done.state).toBe('succeeded');
    expect(await simCalls(stack, 'POST /api/v3/Plans/{id}/Failover')).toBe(1);
    await waitFor(async () => {
      const o = await overviewNow();
      return (
        !o.runsInProgress.some((r) => r.id === plan.id) && o.unfinished.plans.find((p) => p.id === plan.id)
      );
    });
  });

  it("voids a request when the plan's state changed before approval", async () => {
    const plan = await readyOrchestratorPlan(stack, operator);
    const requested = await post(stack, operator, `/plans/${plan.id}/failover`, failover(plan));
    expect(requested.body.state).toBe('awaiting_approval');
    // Someone acts on the plan at the Orchestrator directly, outside Lifeboat.
    const vro = stack.sim!.orchestrator;
    const token = (await (
      await fetch(`${vro.url}/api/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username: vro.username, password: vro.password }),
      })
    ).json()) as { access_token: string };
    const direct = await fetch(`${vro.url}/api/v3/Plans/${plan.ref.nativeId}/Failover`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        executeChainedPlans: false,
        restorePointDate: null,
        protectStorageVolumes: false,
      }),
    });
    expect([direct.status, await direct.text()]).toEqual([200, '']);
    await waitFor(async () => {
      const { body } = await get<{ item: Plan }>(stack.url, `/api/v1/plans/${plan.id}`, operator);
      return body.item.nativeState !== plan.nativeState;
    });
    const before = await simCalls(stack, 'POST /api/v3/Plans/{id}/Failover');
    const approved = await post(stack, approver, `/operations/${requested.body.id}/approve`, {});
    expect([approved.status, approved.body.state, approved.body.message]).toEqual([
      200,
      'cancelled',
      expect.stringMatching(/^Void: the plan's state changed/),
    ]);
    expect(await simCalls(stack, 'POST /api/v3/Plans/{id}/Failover')).toBe(before);
  });

  it('records a rejection with its reason, and sends nothing', async () => {
    const plan = await readyOrchestratorPlan(stack, operator);
    const before = await simCalls(stack, 'POST /api/v3/Plans');
    const requested = await post(stack, operator, `/plans/${plan.id}/failover`, failover(plan));
    const rejected = await post(stack, approver, `/operations/${requested.body.id}/reject`, {
      reason: 'not during business hours',
    });
    expect([rejected.status, rejected.body.state, rejected.body.decisionReason]).toEqual([
      200,
      'rejected',
      'not during business hours',
    ]);
    expect(await simCalls(stack, 'POST /api/v3/Plans')).toBe(before);
  });
});
