/**
 * Smoke tests of whole pages rendered to HTML in Node (no browser): the markup a user and an
 * end-to-end test rely on, and the CSP rules (no style attributes, upstream text only as text).
 */
import type {
  FailoverSession,
  ListEnvelope,
  Overview,
  Plan,
  ReplicaPoint,
  ReplicationJob,
  SessionInfo,
  SourceList,
  VmRpo,
} from '@lifeboat/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { sessionQueryKey } from '../features/auth/api/get-session.ts';
import { getFailoverSessionQueryOptions } from '../features/failover-sessions/api/get-failover-session.ts';
import { getFailoverSessionsQueryOptions } from '../features/failover-sessions/api/get-failover-sessions.ts';
import { getOverviewQueryOptions } from '../features/overview/api/get-overview.ts';
import { getPlanQueryOptions } from '../features/plans/api/get-plan.ts';
import { getPlansQueryOptions } from '../features/plans/api/get-plans.ts';
import { getReplicationJobQueryOptions } from '../features/replication-jobs/api/get-replication-job.ts';
import { getReplicationJobsQueryOptions } from '../features/replication-jobs/api/get-replication-jobs.ts';
import { getReplicaPointsQueryOptions } from '../features/restore-points/api/get-replica-points.ts';
import { getVmRpoQueryOptions } from '../features/restore-points/api/get-vm-rpo.ts';
import { sourcesQueryKey } from '../features/sources/api/get-sources.ts';
import { routes } from './route-config.tsx';
import { renderRoute } from './render-route.testing.tsx';
import { RouteError } from './routes/route-error.tsx';

const asOf = '2026-11-24T10:00:00.000Z';
const hostile = '<img src=x onerror=alert(1)>';

const session: SessionInfo = {
  user: { username: 'alice', roles: ['operator', 'approver'] },
  csrfToken: 't',
  policy: { requireApproval: false },
};

const sources: SourceList = {
  asOf,
  items: [
    {
      id: 'em-hq',
      kind: 'enterprise-manager',
      name: 'HQ Enterprise Manager',
      status: 'ok',
      asOf: '2026-11-24T09:58:00.000Z',
      ageSeconds: 120,
      stale: false,
      lastSuccessAt: asOf,
      lastAttemptAt: asOf,
      lastError: null,
      latencyMs: 40,
      pollSeconds: 30,
      unreadableItems: 0,
    },
    {
      id: 'em-dr',
      kind: 'enterprise-manager',
      name: 'DR Enterprise Manager',
      status: 'down',
      asOf: null,
      ageSeconds: null,
      stale: true,
      lastSuccessAt: null,
      lastAttemptAt: asOf,
      lastError: { code: 'request_failed', message: 'Connection refused by em-dr:9398' },
      latencyMs: null,
      pollSeconds: 30,
      unreadableItems: 0,
    },
  ],
};

const fs1: FailoverSession = {
  id: 'fs-1',
  ref: {
    source: 'em-hq',
    kind: 'CloudFailoverSession',
    nativeId: 'urn:veeam:CloudFailoverSession:1',
    href: 'https://em-hq:9398/api/x',
  },
  planName: `Plan ${hostile}`,
  backupServer: 'vbr01',
  tenant: null,
  state: 'stopped',
  nativeState: 'Stopped',
  result: 'failed',
  nativeResult: 'Failed',
  progress: 100,
  startedAt: '2026-11-24T09:00:00.000Z',
  endedAt: '2026-11-24T09:05:12.000Z',
  durationSeconds: 312,
  failureMessage: 'VM web01 could not start',
  vms: [
    {
      vmName: 'web01',
      state: 'stopped',
      nativeState: 'Stopped',
      result: 'failed',
      nativeResult: 'Failed',
      progress: 100,
      startedAt: '2026-11-24T09:00:00.000Z',
      endedAt: '2026-11-24T09:05:00.000Z',
      failureMessage: 'Boot timeout',
      restorePoint: null,
    },
  ],
};

const envelopeSources = [
  { id: 'em-hq', status: 'ok' as const, asOf: '2026-11-24T09:58:00.000Z', stale: false },
  {
    id: 'em-dr',
    status: 'degraded' as const,
    asOf: '2026-11-24T09:40:00.000Z',
    stale: true,
    error: { code: 'timeout', message: 'No answer in 20 s' },
  },
];

function envelope<T>(items: T[], nextCursor: string | null = null): ListEnvelope<T> {
  return { items, total: 120, nextCursor, asOf, sources: envelopeSources };
}

const defaults = { order: 'desc', limit: '50' };

async function render(url: string, seed: (client: QueryClient) => void = () => {}): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(sessionQueryKey, session);
  client.setQueryData(sourcesQueryKey, sources);
  seed(client);
  return renderRoute(url, client);
}

function expectCspSafe(html: string) {
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toContain('<script');
  expect(html).not.toContain(hostile);
}

describe('the app shell', () => {
  it("says so when a page's code cannot be fetched (server gone or a newer version deployed)", async () => {
    const router = createMemoryRouter([
      {
        path: '/',
        errorElement: <RouteError />,
        lazy: () =>
          Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/plans-x.js')),
      },
    ]);
    await new Promise<void>((resolve) => {
      if (router.state.initialized) resolve();
      else router.subscribe((state) => state.initialized && resolve());
    });
    const html = renderToString(<RouterProvider router={router} />);
    expect(html).toContain('the Lifeboat server is unreachable or was updated. Reload');
    expect(html).not.toContain('plans-x.js');
  });

  it('has a skip link, the navigation, the user with roles, Sign out and the sources banner', async () => {
    const html = await render('/failover-sessions', (c) =>
      c.setQueryData(
        getFailoverSessionsQueryOptions({ sort: 'startedAt', ...defaults }).queryKey,
        envelope([fs1]),
      ),
    );
    expectCspSafe(html);
    expect(html).toContain('href="#main"');
    expect(html).toContain('Skip to main content');
    expect(html).toContain('<nav aria-label="Main"');
    expect(html).toMatch(/aria-current="page"[^>]*>Failover sessions</);
    expect(html).toContain('alice');
    expect(html).toContain('operator');
    expect(html).toContain('Sign out');
    expect(html).toContain('aria-label="Data sources"');
    expect(html).toContain('HQ Enterprise Manager');
    // The age and the time it was fetched, in the reader's zone (UTC here), named.
    expect(html).toMatch(/data 2 min old, as of 09:58:00 (AM )?UTC/);
    expect(html).toContain('Down');
    expect(html).toContain('Connection refused by em-dr:9398');
  });
});

describe('failover sessions list', () => {
  it('shows the rows as links to their detail, sortable headers, filters, the total and the stale line', async () => {
    const html = await render('/failover-sessions?sort=planName&order=asc&state=stopped', (c) =>
      c.setQueryData(
        getFailoverSessionsQueryOptions({ state: 'stopped', sort: 'planName', order: 'asc', limit: '50' })
          .queryKey,
        envelope([fs1], 'next-1'),
      ),
    );
    expectCspSafe(html);
    expect(html).toContain('<h1');
    expect(html).toContain('<caption class="sr-only">Failover sessions</caption>');
    expect(html).toMatch(
      /<a [^>]*href="\/failover-sessions\/fs-1"[^>]*>Plan &lt;img src=x onerror=alert\(1\)&gt;<\/a>/,
    );
    expect(html).toMatch(/aria-sort="ascending"[^>]*><button[^>]*>Plan name/);
    expect(html).toContain('Showing 1–1 of 120 failover sessions');
    expect(html).toContain('Data from DR Enterprise Manager may be out of date: it is 20 min old');
    expect(html).toContain('No answer in 20 s');
    expect(html).toMatch(/<option value="stopped" selected="">Stopped<\/option>/);
    expect(html).toContain('title="UTC 2026-11-24 09:00:00"');
    expect(html).toContain('5 min 12 s');
    expect(html).toContain('>Next');
    expect(html).toContain('aria-live="polite"');
    // The page count and the page size, in the URL's terms.
    expect(html).toContain('Page 1 of 3');
    expect(html).toMatch(/<option value="50" selected="">50<\/option>/);
  });

  it('shows a running session with its progress and its time so far', async () => {
    const startedAt = new Date(Date.now() - 125_000).toISOString();
    const running = {
      ...fs1,
      id: 'fs-2',
      state: 'running' as const,
      nativeState: 'Working',
      result: 'none' as const,
      progress: 35,
      startedAt,
      endedAt: null,
      durationSeconds: null,
    };
    const html = await render('/failover-sessions', (c) =>
      c.setQueryData(
        getFailoverSessionsQueryOptions({ sort: 'startedAt', order: 'desc', limit: '50' }).queryKey,
        envelope([running]),
      ),
    );
    expect(html).toMatch(/<progress[^>]*value="35"[^>]*aria-label="Progress of Plan &lt;img/);
    expect(html).toMatch(/2 min [4-6] s so far/);
  });

  it('says when nothing matches', async () => {
    const html = await render('/failover-sessions?q=zzz', (c) =>
      c.setQueryData(getFailoverSessionsQueryOptions({ q: 'zzz', sort: 'startedAt', ...defaults }).queryKey, {
        ...envelope<FailoverSession>([]),
        total: 0,
      }),
    );
    expect(html).toContain('No failover sessions match');
    expect(html).toContain('Clear filters');
  });
});

describe('failover session detail', () => {
  it('shows the normalized fields beside the native ones, the VM tasks and the provenance', async () => {
    const html = await render('/failover-sessions/fs-1', (c) =>
      c.setQueryData(getFailoverSessionQueryOptions('fs-1').queryKey, {
        item: fs1,
        asOf,
        sources: envelopeSources,
      }),
    );
    expectCspSafe(html);
    expect(html).toMatch(/<h1[^>]*>Plan &lt;img src=x onerror=alert\(1\)&gt;<\/h1>/);
    expect(html).toContain('upstream value: ');
    expect(html).toContain('<caption class="sr-only">VM tasks</caption>');
    expect(html).toContain('Boot timeout');
    expect(html).toContain('urn:veeam:CloudFailoverSession:1');
    expect(html).toContain('CloudFailoverSession');
    // Upstream links are shown as text, never as links.
    expect(html).not.toContain('href="https://em-hq');
    expect(html).toContain('Back to failover sessions');
  });
});

describe('replica points and RPO', () => {
  it('lists replica points with a VM filter', async () => {
    const point: ReplicaPoint = {
      id: 'rp-1',
      ref: { source: 'em-hq', kind: 'VmReplicaPoint', nativeId: 'n1' },
      vmName: 'web01',
      pointTime: asOf,
      pointType: 'Increment',
      nativeState: 'Ready',
      replicaName: 'Replica Job 1',
      replicaId: 'r1',
      backupServer: 'vbr01',
      tenant: 'acme',
    };
    const html = await render('/replica-points?vm=web01', (c) =>
      c.setQueryData(
        getReplicaPointsQueryOptions({ vm: 'web01', sort: 'pointTime', ...defaults }).queryKey,
        envelope([point]),
      ),
    );
    expectCspSafe(html);
    expect(html).toContain('<caption class="sr-only">Replica points</caption>');
    expect(html).toMatch(/<input[^>]*value="web01"/);
    expect(html).toContain('Replica Job 1');
  });

  it('grades each VM with a labelled badge', async () => {
    const statuses = ['compliant', 'exceeded', 'severe', 'critical', 'unknown'] as const;
    const targetSources = ['vm', 'job', 'tenant', 'default', 'default'] as const;
    const vms: VmRpo[] = statuses.map((status, i) => ({
      id: `vm-${i}`,
      source: 'em-hq',
      vmName: `vm-${status}`,
      replicaName: null,
      backupServer: null,
      tenant: null,
      latestPointAt: status === 'unknown' ? null : asOf,
      pointCount: 3,
      ageSeconds: status === 'unknown' ? null : 3700,
      targetMinutes: 60,
      targetSource: targetSources[i]!,
      status,
    }));
    const html = await render('/rpo', (c) =>
      c.setQueryData(getVmRpoQueryOptions({ sort: 'status', ...defaults }).queryKey, envelope(vms)),
    );
    expectCspSafe(html);
    expect(html).toContain('<caption class="sr-only">RPO per VM</caption>');
    for (const label of ['Compliant', 'Exceeded', 'Severe', 'Critical', 'Unknown'])
      expect(html).toContain(`</svg>${label}</span>`);
    expect(html).toContain('1 h 1 min');
    expect(html).toContain('href="/replica-points?vm=vm-critical"');
    // Each target says where it came from.
    for (const word of ['VM&#x27;s own', 'job', 'tenant', 'default']) expect(html).toContain(`(${word})`);
  });
});

describe('sign-in page', () => {
  it('has labelled fields and a Sign in button', () => {
    const client = new QueryClient();
    client.setQueryData(sessionQueryKey, null);
    const router = createMemoryRouter(routes, { initialEntries: ['/sign-in?next=%2Frpo'] });
    const html = renderToString(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    expectCspSafe(html);
    expect(html).toMatch(/<label[^>]*>Username<\/label>/);
    expect(html).toMatch(/<label[^>]*>Password<\/label>/);
    expect(html).toMatch(/type="password" autocomplete="current-password"/i);
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
  });

  it('offers single sign-on, says why the last one failed, and leaves out passwords when they are switched off', () => {
    const client = new QueryClient();
    client.setQueryData(sessionQueryKey, null);
    client.setQueryData(['auth', 'options'], { passwords: false, sso: { name: `Example ${hostile}` } });
    const router = createMemoryRouter(routes, { initialEntries: ['/sign-in?next=%2Frpo&sso_error=no_role'] });
    const html = renderToString(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    expectCspSafe(html);
    expect(html).toContain('href="/api/v1/auth/sso/start?next=%2Frpo"');
    expect(html).toContain('Sign in with <!-- -->Example &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('your account has no Lifeboat role');
    expect(html).not.toContain('type="password"');
  });
});

/** The part of a page after its first table opens: what is in the table, not the sources banner. */
function tableOf(html: string): string {
  return html.slice(html.indexOf('<table'));
}

const plan: Plan = {
  id: 'pl-1',
  ref: {
    source: 'em-hq',
    kind: 'CloudFailoverPlan',
    nativeId: 'urn:veeam:CloudFailoverPlan:7',
    href: 'https://em-hq:9398/api/cloud/failoverPlans/7',
  },
  name: `Finance ${hostile}`,
  planType: 'Cloud failover',
  state: 'failed_over',
  nativeState: 'InFailover',
  result: 'success',
  enabled: true,
  vmCount: 2,
  vms: [
    { name: 'fin-db01', nativeId: 'vm-101' },
    { name: 'fin-app01', nativeId: null },
  ],
  rpoTargetMinutes: 60,
  rtoTargetMinutes: 30,
  progress: null,
  tenant: 'acme',
  site: 'Paris',
  description: null,
  allowedActions: [
    { action: 'failover', allowed: false, reason: 'The plan is already failed over.' },
    { action: 'undoFailover', allowed: true, reason: null },
    { action: 'failback', allowed: true, reason: 'Workloads run on the replicas and can go back.' },
    { action: 'commitFailback', allowed: false, reason: 'Nothing to commit: the plan has not failed back.' },
    { action: 'undoFailback', allowed: false, reason: null },
  ],
};

const runningPlan: Plan = {
  ...plan,
  id: 'pl-2',
  name: 'Web tier',
  state: 'running',
  nativeState: 'Failover in progress',
  result: 'none',
  enabled: null,
  vmCount: null,
  vms: [],
  progress: 40,
  tenant: null,
  site: null,
  allowedActions: [],
};

const job: ReplicationJob = {
  id: 'job-1',
  ref: { source: 'em-hq', kind: 'ReplicationVmJob', nativeId: 'b8c1' },
  name: `Replicate ${hostile}`,
  status: 'failed',
  nativeStatus: 'Failed',
  enabled: true,
  protectedVmCount: 1234,
  isCloudJob: true,
  backupServerId: 'srv-77',
  tenant: 'org-5',
  targetHostId: 'host-9',
  cloudHostId: 'cloud-3',
  throughWanAccelerators: false,
  lastRunAt: '2026-11-24T09:00:00.000Z',
  lastEndAt: '2026-11-24T09:05:12.000Z',
  lastDurationSeconds: 312,
  failureMessage: `Target datastore is full ${hostile}`,
};

const unnamedJob: ReplicationJob = {
  ...job,
  id: 'job-2',
  ref: { source: 'em-dr', kind: 'ReplicationVmJob', nativeId: 'c9d2' },
  name: null,
  status: 'success',
  nativeStatus: 'Success',
  protectedVmCount: null,
  isCloudJob: false,
  throughWanAccelerators: true,
  lastRunAt: null,
  failureMessage: null,
};

const overview: Overview = {
  asOf,
  status: 'critical',
  reasons: ['3 VMs are past 4× their RPO target', `DR Enterprise Manager refused the sign-in ${hostile}`],
  rpo: { compliant: 40, exceeded: 2, severe: 1, critical: 3, unknown: 0 },
  rpoByTenant: [
    { tenant: `Acme ${hostile}`, counts: { compliant: 10, exceeded: 2, severe: 1, critical: 3, unknown: 0 } },
    { tenant: null, counts: { compliant: 30, exceeded: 0, severe: 0, critical: 0, unknown: 0 } },
  ],
  plans: {
    ready: 5,
    running: 1,
    failed_over: 1,
    failed_back: 0,
    permanent_failover: 0,
    halted: 0,
    unknown: 0,
  },
  runsInProgress: [
    {
      id: 'pl-2',
      kind: 'plan',
      name: 'Web tier',
      source: 'em-hq',
      nativeState: 'Failover in progress',
      progress: 40,
      startedAt: '2026-11-24T09:50:00.000Z',
      rtoTargetMinutes: 5,
    },
  ],
  unfinished: {
    plans: [
      { id: 'pl-1', name: 'Finance', source: 'em-hq', state: 'failed_over', nativeState: 'InFailover' },
    ],
    failedRuns: 2,
    operations: { failed: 1, unknown: 2, awaitingApproval: 0 },
    sources: [{ id: 'em-dr', name: 'DR Enterprise Manager', status: 'auth_failed', stale: true }],
  },
  sources: envelopeSources,
};

const planDefaults = { sort: 'name', order: 'asc', limit: '50' };

describe('overview (the landing page)', () => {
  it('answers "can we recover?" first: the worst-of status as a word, with its reasons', async () => {
    const html = await render('/', (c) => c.setQueryData(getOverviewQueryOptions().queryKey, overview));
    expectCspSafe(html);
    expect(html).toMatch(/aria-current="page"[^>]*>Overview</);
    expect(html).toMatch(/<h1[^>]*>Overview<\/h1>/);
    expect(html).toMatch(/<h2[^>]*>Recovery status<\/h2>/);
    expect(html).toMatch(/<\/svg>Critical<\/p>/);
    expect(html).toContain('3 VMs are past 4× their RPO target');
    expect(html).toContain('refused the sign-in &lt;img src=x onerror=alert(1)&gt;');
  });

  it('counts VMs per RPO grade and plans per state, each count opening the list filtered to it', async () => {
    const html = await render('/', (c) => c.setQueryData(getOverviewQueryOptions().queryKey, overview));
    const countLink = (href: string, label: string, count: number, noun: string) =>
      new RegExp(
        `<a [^>]*href="${href.replace(/[?]/g, '\\?')}"[^>]*>(?:(?!</a>).)*</svg>${label}</span>` +
          `(?:(?!</a>).)*>${count}</span> <span[^>]*>${noun}</span></span></a>`,
      );
    expect(html).toMatch(countLink('/rpo?status=critical', 'Critical', 3, 'VMs'));
    expect(html).toMatch(countLink('/rpo?status=severe', 'Severe', 1, 'VM'));
    expect(html).toMatch(countLink('/rpo?status=compliant', 'Compliant', 40, 'VMs'));
    expect(html).toMatch(countLink('/rpo?status=unknown', 'Unknown', 0, 'VMs'));
    expect(html).toContain('46 VMs in all');
    expect(html).toMatch(countLink('/plans?state=failed_over', 'Failed over', 1, 'plan'));
    expect(html).toMatch(countLink('/plans?state=ready', 'Ready', 5, 'plans'));
    expect(html).toContain('7 recovery plans in all');
  });

  it('shows runs in progress with their progress and time against the RTO, and the unfinished business', async () => {
    const html = await render('/', (c) => c.setQueryData(getOverviewQueryOptions().queryKey, overview));
    expect(html).toContain('<caption class="sr-only">Runs in progress</caption>');
    expect(html).toMatch(/<a [^>]*href="\/plans\/pl-2"[^>]*>Web tier<\/a>/);
    expect(html).toMatch(/<progress[^>]*value="40"[^>]*aria-label="Progress of Web tier"/);
    expect(html).toContain('40 %');
    expect(html).toContain('over the RTO target of 5 min');
    // Unfinished business: the plan still failed over, the failed runs, the source refusing sign-in.
    expect(html).toMatch(/<a [^>]*href="\/plans\/pl-1"[^>]*>Finance<\/a>/);
    expect(html).toMatch(
      /<a [^>]*href="\/failover-sessions\?result=failed"[^>]*>2 failed failover sessions<\/a>/,
    );
    expect(html).toMatch(/<\/svg>Sign-in refused<\/span><span[^>]*>DR Enterprise Manager<\/span>/);
    // Lifeboat's own operations that need a person.
    expect(html).toMatch(
      /<a [^>]*href="\/operations\?state=unknown"[^>]*>2 operations with an unknown outcome<\/a>/,
    );
    expect(html).toMatch(/<a [^>]*href="\/operations\?state=failed"[^>]*>1 failed operation<\/a>/);
    expect(html).not.toContain('awaiting approval</a>');
  });

  it("grades RPO per tenant, worst first, each count opening that tenant's VMs of that grade", async () => {
    const html = await render('/', (c) => c.setQueryData(getOverviewQueryOptions().queryKey, overview));
    expect(html).toContain('<caption class="sr-only">RPO compliance by tenant, worst first</caption>');
    const acme = new URLSearchParams({ tenant: `Acme ${hostile}` }).toString();
    expect(html).toContain(`href="/rpo?status=critical&amp;${acme}"`);
    expect(html).toContain('title="Acme &lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain('Tenant not known');
    expect(html.indexOf('Acme &lt;img')).toBeLessThan(html.indexOf('Tenant not known'));
  });

  it('says on every panel how old its data is', async () => {
    const html = await render('/', (c) => c.setQueryData(getOverviewQueryOptions().queryKey, overview));
    // em-dr's data is 20 min old and stale: the oldest of the two sources.
    const ages = html.match(/Data up to 20 min old/g) ?? [];
    expect(ages).toHaveLength(6);
    expect(html).toContain('(stale: DR Enterprise Manager)');
    expect(html).toContain('Data from DR Enterprise Manager may be out of date: it is 20 min old');
  });

  it('lands an overview link on the plans list filtered by that state', async () => {
    const html = await render('/plans?state=failed_over', (c) =>
      c.setQueryData(
        getPlansQueryOptions({ state: 'failed_over', ...planDefaults }).queryKey,
        envelope([plan]),
      ),
    );
    expect(html).toMatch(/<option value="failed_over" selected="">Failed over<\/option>/);
    expect(html).toContain('Showing 1–1 of 120 plans');
  });
});

describe('plans list', () => {
  it('shows each plan with its state as icon and word, enabled, VM count, source name, tenant and site', async () => {
    const html = await render('/plans', (c) =>
      c.setQueryData(getPlansQueryOptions(planDefaults).queryKey, envelope([plan, runningPlan])),
    );
    expectCspSafe(html);
    expect(html).toMatch(/aria-current="page"[^>]*>Plans</);
    expect(html).toMatch(/<h1[^>]*>Recovery plans<\/h1>/);
    expect(html).toContain('<caption class="sr-only">Recovery plans</caption>');
    const table = tableOf(html);
    expect(table).toMatch(
      /<a [^>]*href="\/plans\/pl-1"[^>]*>Finance &lt;img src=x onerror=alert\(1\)&gt;<\/a>/,
    );
    expect(table).toMatch(/aria-sort="ascending"[^>]*><button[^>]*>Name/);
    expect(table).toMatch(/<svg[^>]*>.*?<\/svg>Failed over<\/span>/);
    expect(table).toContain(
      'title="Workloads run on the replicas; not yet failed back or made permanent. Upstream state: InFailover"',
    );
    expect(table).toMatch(/<\/svg>Running<\/span>/);
    expect(table).toContain('Cloud failover');
    expect(table).toContain('>Yes<');
    expect(table).toContain('HQ Enterprise Manager');
    expect(table).toContain('acme · Paris');
    // What the upstream did not give reads as "none" (or "unknown"), never as an empty cell.
    expect(table).toContain('<span class="sr-only">unknown</span>');
    // The sources can be filtered by name.
    expect(html).toMatch(/<label[^>]*>Source<\/label>/);
    expect(html).toContain('<option value="em-dr">DR Enterprise Manager</option>');
  });
});

describe('plan detail', () => {
  it('shows the state beside the upstream word, targets, VMs and the source freshness', async () => {
    const html = await render('/plans/pl-1', (c) =>
      c.setQueryData(getPlanQueryOptions('pl-1').queryKey, { item: plan, asOf, sources: envelopeSources }),
    );
    expectCspSafe(html);
    expect(html).toMatch(/<h1[^>]*>Finance &lt;img src=x onerror=alert\(1\)&gt;<\/h1>/);
    expect(html).toMatch(/<\/svg>Failed over<\/span>/);
    expect(html).toContain('<code class="rounded bg-slate-100 px-1 break-all">InFailover</code>');
    expect(html).toMatch(/<dt[^>]*>RPO target<\/dt><dd[^>]*>1 h<\/dd>/);
    expect(html).toMatch(/<dt[^>]*>RTO target<\/dt><dd[^>]*>30 min<\/dd>/);
    expect(html).toContain('<caption class="sr-only">VMs in this plan</caption>');
    expect(html).toContain('fin-db01');
    // The plan's own source, by name, and how old its data is; not the other source's.
    expect(html).toContain('HQ Enterprise Manager: data 2 min old');
    expect(html).not.toContain('em-dr: data');
    expect(html).toContain('urn:veeam:CloudFailoverPlan:7');
    expect(html).not.toContain('href="https://em-hq');
    expect(html).toContain('Back to plans');
  });

  it('lists every action, whether the current state allows it, and why not in plain words', async () => {
    const html = await render('/plans/pl-1', (c) => {
      // A viewer: the table alone, display only (an operator's buttons: failover-workflow.test.tsx).
      c.setQueryData(sessionQueryKey, {
        user: { username: 'vera', roles: ['viewer'] },
        csrfToken: 't',
        policy: { requireApproval: false },
      });
      c.setQueryData(getPlanQueryOptions('pl-1').queryKey, { item: plan, asOf, sources: envelopeSources });
    });
    expect(html).toMatch(/<h2[^>]*>Actions<\/h2>/);
    expect(html).toContain('<caption class="sr-only">Actions and whether they are allowed now</caption>');
    const row = (label: string, verdict: string, reason: string) =>
      new RegExp(
        `<tr><th scope="row"[^>]*>${label}<span[^>]*>[^<]*</span></th><td[^>]*><span[^>]*><svg[^>]*>(?:(?!</svg>).)*</svg>${verdict}</span></td><td[^>]*>${reason}</td></tr>`,
      );
    expect(html).toMatch(row('Failover', 'Not allowed', 'The plan is already failed over\\.'));
    expect(html).toMatch(row('Undo failover', 'Allowed', 'The plan&#x27;s current state allows it\\.'));
    expect(html).toMatch(row('Failback', 'Allowed', 'Workloads run on the replicas and can go back\\.'));
    expect(html).toMatch(
      row('Commit failback', 'Not allowed', 'Nothing to commit: the plan has not failed back\\.'),
    );
    expect(html).toMatch(
      row(
        'Undo failback',
        'Not allowed',
        'The plan&#x27;s current state does not allow it \\(the source gave no reason\\)\\.',
      ),
    );
    // Display only for a viewer: nothing in the table runs an action.
    const table = tableOf(html.slice(html.indexOf('Actions</h2>')));
    expect(table.slice(0, table.indexOf('</table>'))).not.toMatch(/<button|<a /);
  });

  it('shows the progress of a running plan', async () => {
    const html = await render('/plans/pl-2', (c) =>
      c.setQueryData(getPlanQueryOptions('pl-2').queryKey, {
        item: runningPlan,
        asOf,
        sources: envelopeSources,
      }),
    );
    expect(html).toMatch(/<\/svg>Running<\/span>/);
    expect(html).toMatch(/<progress[^>]*value="40"/);
    expect(html).toContain('The source reports no actions for this plan.');
    expect(html).toContain('The source listed no VMs for this plan.');
  });
});

describe('replication jobs', () => {
  it('lists jobs with status, protected VMs, cloud, WAN acceleration, last run and source', async () => {
    const html = await render('/replication-jobs', (c) =>
      c.setQueryData(getReplicationJobsQueryOptions(planDefaults).queryKey, envelope([job, unnamedJob])),
    );
    expectCspSafe(html);
    expect(html).toMatch(/aria-current="page"[^>]*>Replication jobs</);
    expect(html).toContain('<caption class="sr-only">Replication jobs</caption>');
    const table = tableOf(html);
    for (const header of [
      'Name',
      'Status',
      'Protected VMs',
      'Cloud job',
      'WAN acceleration',
      'Last run',
      'Source',
    ])
      expect(table).toContain(`>${header}<`);
    expect(table).toMatch(
      /<a [^>]*href="\/replication-jobs\/job-1"[^>]*>Replicate &lt;img src=x onerror=alert\(1\)&gt;<\/a>/,
    );
    expect(table).toMatch(/<\/svg>Failed<\/span>/);
    expect(table).toContain('title="Upstream status: Failed"');
    expect(table).toContain('1,234');
    expect(table).toContain('title="UTC 2026-11-24 09:00:00"');
    expect(table).toContain('HQ Enterprise Manager');
    expect(table).toContain('DR Enterprise Manager');
    // A job the upstream did not name is still told apart by its native id.
    expect(table).toMatch(/<a [^>]*href="\/replication-jobs\/job-2"[^>]*>Unnamed job \(c9d2\)<\/a>/);
    expect(html).toContain('Showing 1–2 of 120 replication jobs');
  });

  it('shows a job with every field and its failure message', async () => {
    const html = await render('/replication-jobs/job-1', (c) =>
      c.setQueryData(getReplicationJobQueryOptions('job-1').queryKey, {
        item: job,
        asOf,
        sources: envelopeSources,
      }),
    );
    expectCspSafe(html);
    expect(html).toMatch(/<h2[^>]*>Failure message<\/h2><p[^>]*>Target datastore is full &lt;img/);
    for (const value of ['srv-77', 'org-5', 'host-9', 'cloud-3', '5 min 12 s', 'b8c1'])
      expect(html).toContain(value);
    expect(html).toContain('Back to replication jobs');
  });
});

describe('a source that refused the sign-in', () => {
  it('is named as such in the banner, not as merely down', async () => {
    const refused: SourceList = {
      asOf,
      items: sources.items.map((source) =>
        source.id === 'em-dr'
          ? {
              ...source,
              status: 'auth_failed' as const,
              lastError: { code: 'auth_failed', message: 'HTTP 401 from em-dr' },
            }
          : source,
      ),
    };
    const html = await render('/', (c) => {
      c.setQueryData(sourcesQueryKey, refused);
      c.setQueryData(getOverviewQueryOptions().queryKey, overview);
    });
    const banner = html.slice(html.indexOf('aria-label="Data sources"'), html.indexOf('<main'));
    expect(banner).toMatch(/<\/svg>Sign-in refused<\/span>/);
    expect(banner).toContain('check the credentials of its service account');
    expect(banner).not.toMatch(/<\/svg>Down<\/span>/);
  });
});
