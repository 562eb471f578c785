/**
 * The write side, page by page (rendered to HTML in Node, as app.test.tsx does) and the request
 * itself (through the real API client and a mocked fetch): who sees which action controls, the
 * typed-name gate, one POST with one Idempotency-Key however often it is submitted, and who may
 * approve or reject.
 */
import type {
  AuditEvent,
  ItemEnvelope,
  ListEnvelope,
  Operation,
  Plan,
  PlanRestorePoints,
  Role,
  SessionInfo,
  SourceList,
} from '@lifeboat/shared';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAuditQueryOptions } from '../features/audit/api/get-audit.ts';
import { sessionQueryKey } from '../features/auth/api/get-session.ts';
import { getOperationQueryOptions } from '../features/operations/api/get-operation.ts';
import { getOperationsQueryOptions } from '../features/operations/api/get-operations.ts';
import { createActionSubmission, requestPlanAction } from '../features/operations/api/request-plan-action.ts';
import { ConfirmStep } from '../features/operations/components/action-workflow.tsx';
import { getPlanRestorePointsQueryOptions } from '../features/operations/api/get-plan-restore-points.ts';
import {
  actionBody,
  confirmationProblems,
  defaultOptions,
  emptyConfirmation,
  preflightChecks,
  type Confirmation,
} from '../features/operations/components/workflow-logic.ts';
import { getPlanQueryOptions } from '../features/plans/api/get-plan.ts';
import { sourcesQueryKey } from '../features/sources/api/get-sources.ts';
import { ApiError, setCsrfToken } from '../lib/api-client.ts';
import { renderRoute } from './render-route.testing.tsx';

const asOf = '2026-11-24T10:00:00.000Z';
const hostile = '<img src=x onerror=alert(1)>';

const sessionOf = (username: string, roles: Role[]): SessionInfo => ({
  user: { username, roles },
  csrfToken: 't',
  policy: { requireApproval: false },
});
const viewer = sessionOf('vera', ['viewer']);
const operator = sessionOf('olga', ['operator']);
const approver = sessionOf('abe', ['approver']);
const admin = sessionOf('ada', ['admin']);

const sources: SourceList = { asOf, items: [] };
const envelopeSources = [
  { id: 'vro', status: 'ok' as const, asOf: '2026-11-24T09:59:30.000Z', stale: false },
];

const plan: Plan = {
  id: 'vro.p1',
  ref: { source: 'vro', kind: 'Plan', nativeId: 'p1' },
  name: `Finance  Tier 1 ${hostile}`,
  planType: 'Replica',
  state: 'failed_over',
  nativeState: 'Failover',
  result: 'success',
  enabled: true,
  vmCount: 2,
  vms: [
    { name: 'fin-db01', nativeId: 'vm-1' },
    { name: 'fin-app01', nativeId: 'vm-2' },
  ],
  rpoTargetMinutes: 60,
  rtoTargetMinutes: 30,
  progress: null,
  tenant: null,
  site: null,
  description: null,
  allowedActions: [
    { action: 'failover', allowed: false, reason: 'The plan is already failed over.' },
    { action: 'undoFailover', allowed: true, reason: null },
    { action: 'failback', allowed: true, reason: null },
    { action: 'commitFailback', allowed: false, reason: 'Nothing to commit.' },
    { action: 'undoFailback', allowed: false, reason: 'Nothing to undo.' },
  ],
};
const planEnvelope: ItemEnvelope<Plan> = { item: plan, asOf, sources: envelopeSources };

const operation: Operation = {
  id: '6f1d4c0e-1111-4a2b-9c3d-000000000001',
  planId: plan.id,
  planName: plan.name,
  source: 'vro',
  action: 'failover',
  params: { restorePoint: { before: '2026-11-24T08:00:00.000Z' }, executeChainedPlans: false },
  state: 'awaiting_approval',
  reason: `Site A is flooded ${hostile}`,
  ticket: 'INC-42',
  requestedBy: 'olga',
  requestedAt: '2026-11-24T09:58:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionReason: null,
  dispatchedAt: null,
  finishedAt: null,
  upstreamAnswer: null,
  progress: null,
  message: 'Waiting for a second person with the approver role.',
  updatedAt: '2026-11-24T09:58:00.000Z',
};

async function render(
  url: string,
  session: SessionInfo,
  seed: (client: QueryClient) => void = () => {},
): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(sessionQueryKey, session);
  client.setQueryData(sourcesQueryKey, sources);
  seed(client);
  return renderRoute(url, client);
}

const withPlan = (c: QueryClient) => c.setQueryData(getPlanQueryOptions(plan.id).queryKey, planEnvelope);
const withOperation = (op: Operation) => (c: QueryClient) =>
  c.setQueryData(getOperationQueryOptions(op.id).queryKey, { item: op, asOf, sources: envelopeSources });

/** The part of the page from the Actions heading to the end of its table. */
function actionsTable(html: string): string {
  const from = html.indexOf('Actions</h2>');
  return html.slice(from, html.indexOf('</table>', from));
}

/** Every link to an action's workflow on the page. */
const actionLinks = (html: string) =>
  [...html.matchAll(/<a [^>]*href="(\/plans\/vro\.p1\/[a-z-]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => [
    m[1],
    m[2],
  ]);

describe('the actions on a plan', () => {
  it('a viewer sees what each action needs, but no control to run one', async () => {
    const html = await render(`/plans/${plan.id}`, viewer, withPlan);
    const table = actionsTable(html);
    expect(table).toContain('The plan is already failed over.');
    expect(table).not.toMatch(/<button|<a /);
    expect(table).not.toContain('>Run<');
    expect(actionLinks(html)).toEqual([]);
    expect(html).not.toContain('Run failover');
  });

  it('an operator gets a button for each allowed action only; the others say why not', async () => {
    const html = await render(`/plans/${plan.id}`, operator, withPlan);
    expect(actionLinks(html)).toEqual([
      ['/plans/vro.p1/undo-failover', 'Undo failover'],
      ['/plans/vro.p1/failback', 'Failback'],
    ]);
    const table = actionsTable(html);
    expect(table).toContain('>Run<');
    expect(table.match(/Not available now/g)).toHaveLength(3);
    expect(table).toContain('Nothing to commit.');
    expect(html).not.toContain('href="/plans/vro.p1/failover"');
  });

  it('a viewer who opens an action page by its address is told it is not theirs, with no form', async () => {
    const html = await render(`/plans/${plan.id}/undo-failover`, viewer, withPlan);
    expect(html).toContain('Only an operator can request this.');
    expect(html).not.toMatch(/<form|<input|<button[^>]*>Continue/);
  });

  it('an operator starts with the pre-flight: checks, consequences, what cannot be undone, the VMs', async () => {
    const html = await render(`/plans/${plan.id}/failback`, operator, withPlan);
    expect(html).toMatch(/<h1[^>]*>Finance {2}Tier 1 &lt;img src=x onerror=alert\(1\)&gt;<\/h1>/);
    expect(html).toContain('Step 1 of 2: Check before you act');
    expect(html).toContain('The plan&#x27;s state allows failback');
    expect(html).toContain('The plan is enabled');
    expect(html).toMatch(/vro is healthy/);
    expect(html).toMatch(/The plan&#x27;s data is fresh \(\d+ s old\)/);
    expect(html).toContain('What will happen');
    expect(html).toContain('What cannot be undone');
    expect(html).toContain('overwritten with the replicas&#x27; data');
    expect(html).toContain('fin-app01');
    expect(html).toContain('Copy the VMs&#x27; tags back to production');
    expect(html).toMatch(/<button type="button"[^>]*>Continue<\/button>/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Continue/);
    expect(html).not.toContain(hostile);
  });

  it('offers the restore point choice for a failover, and refuses to go on when the state does not allow it', async () => {
    const ready: Plan = {
      ...plan,
      state: 'ready',
      allowedActions: [{ action: 'failover', allowed: true, reason: null }],
    };
    const points: PlanRestorePoints = {
      planId: plan.id,
      before: null,
      vmsKnown: true,
      vms: [
        {
          vmName: 'fin-db01',
          pointTime: '2026-11-24T09:20:00.000Z',
          ageSeconds: 2400,
          targetMinutes: 60,
          status: 'compliant',
          source: 'em',
        },
        {
          vmName: 'fin-app01',
          pointTime: null,
          ageSeconds: null,
          targetMinutes: 60,
          status: 'unknown',
          source: null,
        },
      ],
    };
    const html = await render(`/plans/${plan.id}/failover`, operator, (c) => {
      c.setQueryData(getPlanQueryOptions(plan.id).queryKey, { ...planEnvelope, item: ready });
      c.setQueryData(getPlanRestorePointsQueryOptions(plan.id, null).queryKey, {
        item: points,
        asOf,
        sources: envelopeSources,
      });
    });
    // Each VM with the point it would come back from and what it would lose.
    expect(html).toContain('Restore point each VM would use (the latest)');
    expect(html).toMatch(
      /fin-db01<\/td><td[^>]*><time[^>]*>[^<]+<\/time><\/td><td[^>]*>40 min <span[^>]*>\(target 1 h\)/,
    );
    expect(html).toMatch(/fin-app01<\/td><td[^>]*><span[^>]*>None known<\/span>/);
    expect(html).toContain('Compliant');
    expect(html).toContain('The latest restore point of each VM');
    expect(html).toContain('The latest restore point before a date and time');
    expect(html).toContain('Also run the plans chained to this one');
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Continue/);

    const refused = await render(`/plans/${plan.id}/failover`, operator, withPlan);
    expect(refused).toContain('The plan&#x27;s state does not allow failover');
    expect(refused).toContain('The plan is already failed over.');
    expect(refused).toContain('Failover cannot be requested now');
    expect(refused).toMatch(/<button[^>]*disabled=""[^>]*>Continue<\/button>/);
  });

  it('names an unknown action page as not found', async () => {
    const html = await render(`/plans/${plan.id}/self-destruct`, operator, withPlan);
    expect(html).toContain('Page not found');
  });
});

describe('the typed-name gate', () => {
  const filled: Confirmation = {
    reason: 'Site A is flooded',
    ticket: '',
    password: 'pw',
    typedName: plan.name,
  };

  function confirmStep(
    confirmation: Confirmation,
    extra: { error?: unknown; pending?: boolean; requireApproval?: boolean } = {},
  ) {
    return renderToString(
      <MemoryRouter>
        <ConfirmStep
          action="failback"
          plan={plan}
          body={actionBody('failback', defaultOptions, confirmation)}
          confirmation={confirmation}
          onChange={() => {}}
          onBack={() => {}}
          onSubmit={() => {}}
          pending={extra.pending ?? false}
          stillAllowed
          requireApproval={extra.requireApproval ?? false}
          error={extra.error}
          operationPath={(id) => `/operations/${id}`}
        />
      </MemoryRouter>,
    ).replaceAll('<!-- -->', '');
  }
  const submit = (html: string) => /<button type="submit"([^>]*)>([^<]*)<\/button>/.exec(html);

  it('keeps the submit disabled until the name is typed exactly: case, spaces and all', () => {
    for (const typedName of [
      '',
      'Finance',
      plan.name.toLowerCase(),
      plan.name.replace('  ', ' '),
      ` ${plan.name}`,
      `${plan.name} `,
    ]) {
      const html = confirmStep({ ...filled, typedName });
      expect(submit(html)?.[1], JSON.stringify(typedName)).toContain('disabled=""');
    }
    const html = confirmStep(filled);
    expect(submit(html)?.[1]).not.toContain('disabled=""');
    expect(submit(html)?.[2]).toBe('Failback');
    expect(html).toContain('The name matches.');
  });

  it('also needs a reason and the password, and says what is missing', () => {
    expect(submit(confirmStep({ ...filled, reason: '  a ' }))?.[1]).toContain('disabled=""');
    expect(submit(confirmStep({ ...filled, password: '' }))?.[1]).toContain('disabled=""');
    expect(confirmationProblems(emptyConfirmation, plan.name)).toEqual([
      'Say why (at least 3 characters).',
      'Enter your password.',
      'Type the plan&apos;s name exactly.'.replace('&apos;', "'"),
    ]);
    expect(confirmStep({ ...filled, typedName: 'Fin' })).toContain('The name does not match yet.');
  });

  it("says before sending whether a second person must approve, as the server's policy says", () => {
    expect(confirmStep(filled, { requireApproval: true })).toContain(
      'It then waits until another person with the approver role approves it',
    );
    expect(confirmStep(filled)).toContain('no second approval is required here');
  });

  it('is disabled while the request is on its way', () => {
    const html = confirmStep(filled, { pending: true });
    expect(submit(html)?.[1]).toContain('disabled=""');
    expect(submit(html)?.[2]).toBe('Sending…');
  });

  it("shows the server's refusal in its words, and links the operation under way on a 409", () => {
    const id = '0b7c3c7e-2222-4a2b-9c3d-00000000abcd';
    const conflict = new ApiError({
      status: 409,
      code: 'conflict',
      message: `An operation is already under way on this plan: /api/v1/operations/${id} (failover, running).`,
      requestId: 'req-9',
      operationId: id,
    });
    const html = confirmStep(filled, { error: conflict });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Not possible now');
    expect(html).toContain(`/api/v1/operations/${id} (failover, running).`);
    expect(html).toMatch(
      new RegExp(`<a [^>]*href="/operations/${id}"[^>]*>Open the operation under way</a>`),
    );
    expect(html).toContain('Request id: req-9');

    const wrongPassword = new ApiError({
      status: 403,
      code: 'forbidden',
      message: 'The password is not right; nothing was requested.',
    });
    const refused = confirmStep(filled, { error: wrongPassword });
    expect(refused).toContain('Refused');
    expect(refused).toContain('The password is not right; nothing was requested.');
    expect(refused).not.toContain('Open the operation under way');
  });
});

describe('sending the request', () => {
  let posts: { url: string; headers: Headers; body: unknown }[];
  let respond: () => Response | Promise<Response>;

  beforeEach(() => {
    posts = [];
    respond = () =>
      new Response(JSON.stringify({ ...operation, state: 'approved' }), {
        status: 202,
        headers: { 'Content-Type': 'application/json' },
      });
    setCsrfToken('csrf-1');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string, init: RequestInit) => {
        posts.push({ url: input, headers: new Headers(init.headers), body: JSON.parse(init.body as string) });
        // The answer takes a moment, as a real one does: the second click comes while it is pending.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return respond();
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  const body = actionBody(
    'failover',
    { ...defaultOptions, restorePoint: 'before', before: '2026-11-24T09:00' },
    { reason: ' Site A is flooded ', ticket: ' INC-42 ', password: 'pw', typedName: plan.name },
  );

  it('sends one POST with an Idempotency-Key, the CSRF token and the body, however often it is submitted', async () => {
    const submission = createActionSubmission(plan.id, 'failover');
    const client = new QueryClient();
    const observer = new MutationObserver(client, { mutationFn: (b: typeof body) => submission.submit(b) });
    // A double click: both submits reach the mutation before the first answer.
    const first = observer.mutate(body);
    const second = observer.mutate(body);
    const [a, b] = await Promise.all([first, second]);
    expect(posts).toHaveLength(1);
    expect(a).toEqual(b);
    const [post] = posts;
    expect(post?.url).toBe('/api/v1/plans/vro.p1/failover');
    expect(post?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(post?.headers.get('Idempotency-Key')).toBe(submission.key);
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(post?.body).toEqual({
      restorePoint: { before: new Date('2026-11-24T09:00').toISOString() },
      executeChainedPlans: false,
      reason: 'Site A is flooded',
      ticket: 'INC-42',
      confirmPlanName: plan.name,
      password: 'pw',
    });
  });

  it('a retry of the same request reuses its key; a changed request gets a new one', async () => {
    respond = () => {
      throw new TypeError('Failed to fetch');
    };
    let n = 0;
    const submission = createActionSubmission(plan.id, 'failover', { newKey: () => `key-000${++n}` });
    await expect(submission.submit(body)).rejects.toMatchObject({ code: 'network_error' });
    // The answer was lost: sending the same again is safe, the server answers the same operation.
    await expect(submission.submit({ ...body, password: 'typed again' })).rejects.toThrow();
    await expect(submission.submit({ ...body, reason: 'Site A is flooded, and B too' })).rejects.toThrow();
    expect(posts.map((p) => p.headers.get('Idempotency-Key'))).toEqual(['key-0001', 'key-0001', 'key-0002']);
  });

  it('posts each action to its own path', async () => {
    for (const [action, path] of [
      ['undoFailover', 'undo-failover'],
      ['failback', 'failback'],
      ['commitFailback', 'commit-failback'],
      ['undoFailback', 'undo-failback'],
    ] as const) {
      await requestPlanAction(
        plan.id,
        action,
        { reason: 'why', confirmPlanName: plan.name, password: 'p' },
        'k-12345678',
      );
      expect(posts.at(-1)?.url).toBe(`/api/v1/plans/vro.p1/${path}`);
    }
    expect(actionBody('failback', defaultOptions, { ...emptyConfirmation, reason: 'why' })).toEqual({
      failbackRestoreVMTags: true,
      reason: 'why',
      confirmPlanName: '',
      password: '',
    });
  });
});

describe('pre-flight checks', () => {
  it('stop on a state that does not allow the action or a disabled plan; warn on a sick or stale source', () => {
    const source = { status: envelopeSources[0], envelopeAsOf: asOf, elapsedSeconds: 0, name: 'VRO' };
    const verdicts = (p: Plan, s = source) => preflightChecks(p, 'failback', s).map((c) => c.verdict);
    expect(verdicts(plan)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(verdicts({ ...plan, enabled: false })).toContain('fail');
    expect(preflightChecks(plan, 'failover', source)[0]).toMatchObject({
      verdict: 'fail',
      detail: 'The plan is already failed over.',
    });
    const down = {
      ...source,
      status: {
        id: 'vro',
        status: 'down' as const,
        asOf: '2026-11-24T09:00:00.000Z',
        stale: true,
        error: { code: 'timeout', message: 'No answer in 10 s' },
      },
    };
    const checks = preflightChecks(plan, 'failback', down);
    expect(checks.map((c) => c.verdict)).toEqual(['ok', 'ok', 'warn', 'warn']);
    expect(checks[2]?.detail).toBe('No answer in 10 s');
    expect(checks[3]?.label).toBe("The plan's data is 1 h old (stale)");
  });
});

describe('an operation', () => {
  const decisionButtons = (html: string) =>
    [...html.matchAll(/<button[^>]*>(Approve|Reject)<\/button>/g)].map((m) => m[1]);

  it('awaiting approval: an approver who did not ask for it gets Approve and Reject with a reason field', async () => {
    const html = await render(`/operations/${operation.id}`, approver, withOperation(operation));
    expect(decisionButtons(html)).toEqual(['Approve', 'Reject']);
    expect(html).toMatch(/<label[^>]*>Your reason \(optional\)<\/label>/);
    expect(html).toMatch(/<\/svg>Awaiting approval<\/span>/);
    expect(html).not.toContain(hostile);
  });

  it('the requester cannot decide on their own request, even with the approver role', async () => {
    const html = await render(
      `/operations/${operation.id}`,
      sessionOf('olga', ['operator', 'approver']),
      withOperation(operation),
    );
    expect(decisionButtons(html)).toEqual([]);
    expect(html).toContain('You asked for this.');
  });

  it('neither a viewer, an operator nor an admin gets the decision; nor does an approver once it is decided', async () => {
    for (const session of [viewer, sessionOf('oscar', ['operator']), admin]) {
      const html = await render(`/operations/${operation.id}`, session, withOperation(operation));
      expect(decisionButtons(html)).toEqual([]);
      expect(html).toContain('It waits for a person with the approver role');
    }
    const running: Operation = { ...operation, state: 'running', decidedBy: 'abe', decidedAt: asOf };
    expect(
      decisionButtons(await render(`/operations/${operation.id}`, approver, withOperation(running))),
    ).toEqual([]);
  });

  it('shows what was asked: the plan, the parameters, the reason and ticket, who asked and when', async () => {
    const html = await render(`/operations/${operation.id}`, viewer, withOperation(operation));
    expect(html).toMatch(/<h1[^>]*>Failover of Finance {2}Tier 1 &lt;img/);
    expect(html).toMatch(/<a [^>]*href="\/plans\/vro\.p1"[^>]*>Finance {2}Tier 1 &lt;img/);
    expect(html).toContain('The latest before');
    expect(html).toContain('title="UTC 2026-11-24 08:00:00"');
    expect(html).toContain('Site A is flooded &lt;img');
    expect(html).toContain('INC-42');
    expect(html).toContain('Waiting for a second person with the approver role.');
    expect(html).toContain('Not sent yet');
  });

  it('while it runs: its latest word, the progress and the time since it was sent', async () => {
    const running: Operation = {
      ...operation,
      state: 'running',
      dispatchedAt: new Date(Date.now() - 95_000).toISOString(),
      progress: {
        progress: 40,
        nativeState: 'FailoverInProgress',
        result: 'none',
        rtoTargetMinutes: 1,
        vms: [
          {
            name: `fin-db01 ${hostile}`,
            nativeId: 'vm-1',
            run: {
              state: 'Completed',
              progress: 100,
              result: 'Warning',
              steps: [
                { name: 'Process Replica VM', state: 'Completed', result: 'Success', message: null },
                {
                  name: 'Check VM Heartbeat',
                  state: 'Completed',
                  result: 'Warning',
                  message: `No heartbeat in 300 s ${hostile}`,
                },
              ],
            },
          },
          {
            name: 'fin-app01',
            nativeId: 'vm-2',
            run: {
              state: 'InProgress',
              progress: 30,
              result: null,
              steps: [
                { name: 'Process Replica VM', state: 'InProgress', result: null, message: null },
                { name: 'Check VM Heartbeat', state: 'NotStarted', result: null, message: null },
              ],
            },
          },
        ],
      },
      upstreamAnswer: { status: 200, body: '' },
      message: 'Failover running upstream (FailoverInProgress, 40%).',
    };
    const html = await render(`/operations/${operation.id}`, operator, withOperation(running));
    expect(html).toMatch(/<\/svg>Running<\/span>/);
    expect(html).toContain('Failover running upstream (FailoverInProgress, 40%).');
    expect(html).toMatch(/<progress[^>]*value="40"/);
    expect(html).toMatch(/1 min 3[5-7] s so far/);
    expect(html).toContain('The upstream accepted it (HTTP 200)');
    expect(html).toContain('(over the RTO target of 1 min)');
    // Each VM, with its step and the upstream's own words, as text.
    expect(html).toContain('<caption class="sr-only">Progress per VM</caption>');
    expect(html).toMatch(/<progress[^>]*value="30"[^>]*aria-label="Progress of fin-app01"/);
    expect(html).toContain('Process Replica VM (InProgress)');
    expect(html).toContain('Check VM Heartbeat: No heartbeat in 300 s &lt;img');
    expect(html).not.toContain(hostile);
    // The receipt comes at the end.
    expect(html).not.toContain('Receipt');
  });

  it("when it ends: a receipt quoting the upstream's own answer", async () => {
    const done: Operation = {
      ...operation,
      state: 'succeeded',
      decidedBy: 'abe',
      decidedAt: '2026-11-24T09:59:00.000Z',
      decisionReason: 'Confirmed with the site',
      dispatchedAt: '2026-11-24T09:59:01.000Z',
      finishedAt: '2026-11-24T10:03:31.000Z',
      upstreamAnswer: { status: 200, body: `{"sessionId":"s-9","note":"${hostile}"}` },
      progress: { progress: null, nativeState: 'Failover', result: 'success' },
      message: 'Failover finished: the plan is Failover.',
    };
    const html = await render(`/operations/${operation.id}`, viewer, withOperation(done));
    expect(html).toMatch(/<h2[^>]*>Receipt<\/h2>/);
    expect(html).toContain('HTTP 200');
    expect(html).toContain('{&quot;sessionId&quot;:&quot;s-9&quot;,&quot;note&quot;:&quot;&lt;img');
    expect(html).toContain('4 min 30 s in all');
    expect(html).toContain('Confirmed with the site');
    expect(html).toContain(operation.id);
    expect(html).not.toContain(hostile);
  });
});

describe('the operations list and the audit trail', () => {
  const list = <T,>(items: T[]): ListEnvelope<T> => ({
    items,
    total: items.length,
    nextCursor: null,
    asOf,
    sources: envelopeSources,
  });

  it('lists operations with their state as icon and word, plan, action, who asked and decided', async () => {
    const html = await render('/operations', viewer, (c) =>
      c.setQueryData(
        getOperationsQueryOptions({ sort: 'requestedAt', order: 'desc', limit: '50' }).queryKey,
        list([operation, { ...operation, id: 'op-2', state: 'succeeded', decidedBy: 'abe' }]),
      ),
    );
    expect(html).toMatch(/aria-current="page"[^>]*>Operations</);
    expect(html).toContain('<caption class="sr-only">Operations</caption>');
    expect(html).toMatch(/<\/svg>Awaiting approval<\/span>/);
    expect(html).toMatch(/<\/svg>Succeeded<\/span>/);
    expect(html).toMatch(
      new RegExp(`<a [^>]*href="/operations/${operation.id}"[^>]*>Finance {2}Tier 1 &lt;img`),
    );
    expect(html).toContain('>Failover<');
    expect(html).toContain('olga');
    expect(html).toContain('abe');
    expect(html).toMatch(/<option value="awaiting_approval">Awaiting approval<\/option>/);
    // Audit is for admins only.
    expect(html).not.toContain('href="/audit"');
  });

  it('shows an admin the audit trail with its filters and CSV and JSON downloads', async () => {
    const event: AuditEvent = {
      seq: 7,
      at: asOf,
      actor: 'olga',
      roles: ['operator'],
      action: 'operation.request.failover',
      target: plan.id,
      params: { operation: operation.id },
      reason: `Site A is flooded ${hostile}`,
      ticket: 'INC-42',
      outcome: 'awaiting_approval',
      requestId: 'req-1',
      correlation: null,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    const html = await render('/audit?actor=olga', admin, (c) =>
      c.setQueryData(
        getAuditQueryOptions({ actor: 'olga', sort: 'seq', order: 'desc', limit: '50' }).queryKey,
        list([event]),
      ),
    );
    expect(html).toMatch(/aria-current="page"[^>]*>Audit</);
    expect(html).toContain('<caption class="sr-only">Audit trail</caption>');
    for (const header of ['Seq', 'Time', 'Actor', 'Action', 'Target', 'Outcome', 'Reason'])
      expect(html).toContain(`>${header}<`);
    expect(html).toContain('operation.request.failover');
    expect(html).toContain('Site A is flooded &lt;img');
    expect(html).toMatch(/href="\/api\/v1\/audit\?actor=olga&amp;order=desc&amp;format=csv" download=""/);
    expect(html).toMatch(/href="\/api\/v1\/audit\?actor=olga&amp;order=desc&amp;format=json" download=""/);
    expect(html).toMatch(/<input[^>]*value="olga"/);
    expect(html).not.toContain(hostile);
  });

  it('tells anyone else the audit trail is for admins, without asking the server', async () => {
    const html = await render('/audit', operator);
    expect(html).toContain('Only an admin can read the audit trail.');
    expect(html).not.toContain('<table');
  });
});
