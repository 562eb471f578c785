/**
 * Smoke tests of whole pages rendered to HTML in Node (no browser): the markup a user and an
 * end-to-end test rely on, and the CSP rules (no style attributes, upstream text only as text).
 */
import type {
  FailoverSession,
  ListEnvelope,
  ReplicaPoint,
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
import { getReplicaPointsQueryOptions } from '../features/restore-points/api/get-replica-points.ts';
import { getVmRpoQueryOptions } from '../features/restore-points/api/get-vm-rpo.ts';
import { sourcesQueryKey } from '../features/sources/api/get-sources.ts';
import { routes } from './route-config.tsx';

const asOf = '2026-11-24T10:00:00.000Z';
const hostile = '<img src=x onerror=alert(1)>';

const session: SessionInfo = { user: { username: 'alice', roles: ['operator', 'approver'] }, csrfToken: 't' };

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

function render(url: string, seed: (client: QueryClient) => void = () => {}): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(sessionQueryKey, session);
  client.setQueryData(sourcesQueryKey, sources);
  seed(client);
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  return renderToString(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  ).replaceAll('<!-- -->', '');
}

function expectCspSafe(html: string) {
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toContain('<script');
  expect(html).not.toContain(hostile);
}

describe('the app shell', () => {
  it('has a skip link, the navigation, the user with roles, Sign out and the sources banner', () => {
    const html = render('/failover-sessions', (c) =>
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
    expect(html).toContain('data 2 min old');
    expect(html).toContain('Down');
    expect(html).toContain('Connection refused by em-dr:9398');
  });
});

describe('failover sessions list', () => {
  it('shows the rows as links to their detail, sortable headers, filters, the total and the stale line', () => {
    const html = render('/failover-sessions?sort=planName&order=asc&state=stopped', (c) =>
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
    expect(html).toContain('Data from em-dr may be out of date: it is 20 min old');
    expect(html).toContain('No answer in 20 s');
    expect(html).toMatch(/<option value="stopped" selected="">Stopped<\/option>/);
    expect(html).toContain('title="2026-11-24T09:00:00.000Z"');
    expect(html).toContain('5 min 12 s');
    expect(html).toContain('>Next');
    expect(html).toContain('aria-live="polite"');
  });

  it('says when nothing matches', () => {
    const html = render('/failover-sessions?q=zzz', (c) =>
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
  it('shows the normalized fields beside the native ones, the VM tasks and the provenance', () => {
    const html = render('/failover-sessions/fs-1', (c) =>
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
  it('lists replica points with a VM filter', () => {
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
    const html = render('/replica-points?vm=web01', (c) =>
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

  it('grades each VM with a labelled badge', () => {
    const statuses = ['compliant', 'exceeded', 'severe', 'critical', 'unknown'] as const;
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
      status,
    }));
    const html = render('/rpo', (c) =>
      c.setQueryData(getVmRpoQueryOptions({ sort: 'status', ...defaults }).queryKey, envelope(vms)),
    );
    expectCspSafe(html);
    expect(html).toContain('<caption class="sr-only">RPO per VM</caption>');
    for (const label of ['Compliant', 'Exceeded', 'Severe', 'Critical', 'Unknown'])
      expect(html).toContain(`</svg>${label}</span>`);
    expect(html).toContain('1 h 1 min');
    expect(html).toContain('href="/replica-points?vm=vm-critical"');
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
});
