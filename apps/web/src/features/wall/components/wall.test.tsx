/**
 * The wall rendered to HTML in Node (no browser), from seeded query data: every state as icon and
 * word, names hidden on request, the reconnecting notice over kept data, no buttons or links, and
 * the CSP rules (no style attributes, upstream text only as text).
 */
import type { ListEnvelope, Operation, Overview, SessionInfo, SourceList } from '@lifeboat/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiError, UNREACHABLE_MESSAGE } from '../../../lib/api-client.ts';
import type { WallAccess } from '../api/use-wall-access.ts';
import { useWallData, type WallQueries } from '../api/wall-queries.ts';
import type { LiveStream } from '../hooks/use-live-stream.ts';
import { wallClock } from '../utils/data-age.ts';
import { panels } from './wall-board.tsx';
import { WallScreen, WallView, type WallDeps } from './wall-screen.tsx';

const asOf = '2026-11-24T10:00:00.000Z';
/** When the answers arrived (browser ms), and the time the wall renders at: 12 s later. */
const received = Date.parse('2026-11-24T10:00:01.000Z');
const now = received + 12_000;

// Hostile names, one per kind, each with a word to look for.
const planName = '<img src=x onerror=alert("plan")>Payroll';
const runName = '<script>alert("run")</script>Web tier';
const tenantName = '<b onmouseover=alert("tenant")>Acme</b>';
const opPlanName = '<img src=x onerror=alert("op")>Billing';
const sourceName = 'HQ <i>EM</i>';
const hiddenWords = ['Payroll', 'Web tier', 'Acme', 'Billing'];

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const session: SessionInfo = {
  user: { username: 'kiosk:noc', roles: ['viewer'] },
  csrfToken: 'c',
  policy: { requireApproval: false },
};

const overview: Overview = {
  asOf,
  status: 'critical',
  reasons: [`${sourceName} is unreachable`, '3 VM(s) far beyond their RPO target'],
  rpo: { critical: 3, severe: 2, exceeded: 4, unknown: 1, compliant: 90 },
  rpoByTenant: [
    { tenant: tenantName, counts: { critical: 3, severe: 0, exceeded: 0, unknown: 0, compliant: 10 } },
    { tenant: 'Beta', counts: { critical: 0, severe: 2, exceeded: 0, unknown: 0, compliant: 10 } },
    { tenant: 'Gamma', counts: { critical: 0, severe: 0, exceeded: 4, unknown: 0, compliant: 10 } },
    { tenant: null, counts: { critical: 0, severe: 0, exceeded: 0, unknown: 1, compliant: 10 } },
    { tenant: 'Delta', counts: { critical: 0, severe: 0, exceeded: 0, unknown: 0, compliant: 50 } },
  ],
  plans: {
    ready: 5,
    running: 1,
    failed_over: 1,
    failed_back: 1,
    permanent_failover: 1,
    halted: 1,
    unknown: 1,
  },
  runsInProgress: [
    {
      id: 'fs-9',
      kind: 'failover-session',
      name: runName,
      source: 'em-hq',
      nativeState: 'Working',
      progress: 40,
      startedAt: '2026-11-24T09:00:00.000Z',
      rtoTargetMinutes: 30,
    },
  ],
  unfinished: {
    plans: [
      { id: 'p1', name: planName, source: 'vro', state: 'failed_over', nativeState: 'FailoverCompleted' },
    ],
    failedRuns: 1,
    operations: { failed: 1, unknown: 1, awaitingApproval: 0 },
    sources: [],
  },
  sources: [
    { id: 'em-hq', status: 'ok', asOf: '2026-11-24T09:58:00.000Z', stale: false },
    { id: 'vro', status: 'ok', asOf: '2026-11-24T09:59:30.000Z', stale: false },
  ],
};

const sourceBase = {
  kind: 'enterprise-manager',
  ageSeconds: 0,
  lastSuccessAt: asOf,
  lastAttemptAt: asOf,
  lastError: null,
  latencyMs: 40,
  pollSeconds: 30,
  unreadableItems: 0,
};
const sources: SourceList = {
  asOf,
  items: [
    {
      ...sourceBase,
      id: 'em-hq',
      name: sourceName,
      status: 'ok',
      asOf: '2026-11-24T09:59:00.000Z',
      stale: false,
    },
    {
      ...sourceBase,
      id: 'em-dr',
      name: 'DR Enterprise Manager',
      status: 'degraded',
      asOf: '2026-11-24T09:40:00.000Z',
      stale: true,
      lastError: { code: 'timeout', message: 'No answer in 20 s' },
    },
    { ...sourceBase, id: 'vro', name: 'Orchestrator', status: 'down', asOf: null, stale: true },
    { ...sourceBase, id: 'vspc', name: 'Provider console', status: 'auth_failed', asOf: asOf, stale: false },
    { ...sourceBase, id: 'old', name: 'Old site', status: 'disabled', asOf: null, stale: false },
  ],
};

function operation(state: Operation['state'], id: string): Operation {
  return {
    id,
    planId: 'p2',
    planName: opPlanName,
    source: 'vro',
    action: 'failover',
    params: {},
    state,
    reason: 'drill',
    ticket: null,
    requestedBy: 'olga',
    requestedAt: '2026-11-24T08:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    dispatchedAt: null,
    finishedAt: null,
    upstreamAnswer: null,
    progress: null,
    message: `Plan ${opPlanName} failed`,
    updatedAt: asOf,
  };
}
const operationsPage = (state: Operation['state']): ListEnvelope<Operation> => ({
  items: [operation(state, `op-${state}`)],
  total: 1,
  nextCursor: null,
  asOf,
  sources: [],
});

/** The wall's queries, under test keys; they never fetch (the data is seeded). */
const never = () => new Promise<never>(() => {});
const queries: WallQueries = {
  session: { queryKey: ['test', 'session'], fetch: never },
  overview: { queryKey: ['test', 'overview'], fetch: never },
  sources: { queryKey: ['test', 'sources'], fetch: never },
  failedOperations: { queryKey: ['test', 'ops', 'failed'], fetch: never },
  unknownOperations: { queryKey: ['test', 'ops', 'unknown'], fetch: never },
};
const deps: WallDeps = { queries, kioskSignIn: never, startLiveUpdates: () => () => {} };

function seedAll(client: QueryClient, sessionInfo: SessionInfo | null = session) {
  client.setQueryData(queries.session.queryKey, sessionInfo);
  client.setQueryData(queries.overview.queryKey, overview, { updatedAt: received });
  client.setQueryData(queries.sources.queryKey, sources, { updatedAt: received });
  client.setQueryData(queries.failedOperations.queryKey, operationsPage('failed'), { updatedAt: received });
  client.setQueryData(queries.unknownOperations.queryKey, operationsPage('unknown'), { updatedAt: received });
}

function toHtml(node: ReactNode, seed: (client: QueryClient) => void): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  seed(client);
  return renderToString(<QueryClientProvider client={client}>{node}</QueryClientProvider>).replaceAll(
    '<!-- -->',
    '',
  );
}

function View({
  access,
  panel,
  hideNames,
  stream = { status: 'open', since: received },
}: {
  access: WallAccess;
  panel: number;
  hideNames: boolean;
  stream?: LiveStream;
}) {
  const data = useWallData(queries, true);
  return (
    <WallView
      access={access}
      data={data}
      stream={stream}
      options={{ rotateSeconds: 15, hideNames }}
      startedAt={now - panel * 15_000}
      now={now}
    />
  );
}

/** One panel of the wall, signed in, from the seeded data. */
function renderPanel(panel: number, { hideNames = false, seed = seedAll } = {}): string {
  return toHtml(<View access={{ kind: 'signed-in' }} panel={panel} hideNames={hideNames} />, seed);
}
const renderAllPanels = (options: { hideNames?: boolean } = {}) =>
  panels.map((_, i) => renderPanel(i, options)).join('\n');

/** Through the real screen (location, session, hooks), at /wall with the given query and fragment. */
function renderScreen(url: string, seed: (client: QueryClient) => void): string {
  const router = createMemoryRouter([{ path: '/wall', element: <WallScreen deps={deps} /> }], {
    initialEntries: [url],
  });
  return toHtml(<RouterProvider router={router} />, seed);
}

/** The states drawn as an icon followed by their word. */
function stateWords(html: string): Set<string> {
  const re =
    /<svg[^>]*aria-hidden="true"[^>]*>(?:(?!<\/svg>).)*<\/svg><span class="min-w-0 break-words">([^<]+)<\/span>/gs;
  return new Set([...html.matchAll(re)].map((m) => m[1] ?? ''));
}

function expectWallRules(html: string) {
  expect(html).not.toMatch(/<(a|button)[\s>]/);
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).toMatch(/class="fixed inset-0 [^"]*cursor-none/);
  for (const raw of [planName, runName, tenantName, opPlanName, sourceName]) expect(html).not.toContain(raw);
}

describe('the wall’s tiles', () => {
  it('draw every state as an icon and a word, on each panel', () => {
    const words = stateWords(renderAllPanels());
    const expected = [
      // Recovery status, RPO grades, plans by state, activity.
      'Critical',
      'Severe',
      'Exceeded',
      'Unknown',
      'Compliant',
      'Ready',
      'Running',
      'Failed over',
      'Failed back',
      'Permanent failover',
      'Halted',
      'Awaiting approval',
      'Failed',
      'Outcome unknown',
      // Source health.
      'OK',
      'Degraded',
      'Down',
      'Sign-in refused',
      'Disabled',
      // Runs against their RTO.
      'Over RTO',
    ];
    for (const word of expected) expect(words, word).toContain(word);
  });

  it('draw each overall status as icon, word and its own border shape', () => {
    const shapes = {
      ok: 'border-solid',
      warning: 'border-dashed',
      critical: 'border-double',
      unknown: 'border-dotted',
    };
    for (const [status, shape] of Object.entries(shapes)) {
      const html = renderPanel(0, {
        seed: (c) => {
          seedAll(c);
          c.setQueryData(queries.overview.queryKey, { ...overview, status }, { updatedAt: received });
        },
      });
      const label = { ok: 'OK', warning: 'Warning', critical: 'Critical', unknown: 'Unknown' }[status] ?? '';
      expect(stateWords(html)).toContain(label);
      const tile = html.match(
        /<article aria-labelledby="[^"]+" data-tone="[^"]+" class="[^"]+"><h3[^>]*>Recovery status</,
      )?.[0];
      expect(tile, status).toContain(shape);
    }
  });

  it('say how old their data is, on the server’s clock, and mark a stale source with its own age', () => {
    const summary = renderPanel(0);
    // The overview is as old as its oldest source (09:58:00): 2 min at the answer, 12 s since.
    expect(summary).toContain(
      `<time dateTime="2026-11-24T09:58:00.000Z">as of ${wallClock('2026-11-24T09:58:00.000Z')}, 2 min 12 s ago</time>`,
    );
    const sourcesPanel = renderPanel(1);
    expect(sourcesPanel).toMatch(
      /DR Enterprise Manager<\/h3>.*Stale data.*No answer in 20 s.*20 min 12 s ago/s,
    );
    expect(sourcesPanel).toMatch(/Orchestrator<\/h3>.*no data yet/s);
  });

  it('are named for an end-to-end test: tiles as articles, the panel and its indicator', () => {
    const html = renderPanel(1);
    expect(html).toMatch(
      /<article aria-labelledby="([^"]+)"[^>]*><h3 id="\1"[^>]*>Plans not back on production<\/h3>/,
    );
    expect(html).toMatch(/<h2 id="wall-panel-sources"[^>]*>Sources and plans<\/h2>/);
    expect(html).toContain('<section aria-labelledby="wall-panel-sources"');
    expect(html).toMatch(
      /<div role="group" aria-label="Panel indicator"[^>]*>.*Panel 2 of 4 · Sources and plans<\/span><\/div>/s,
    );
    expect(html).toMatch(/Next refresh in \d+ s/);
  });
});

describe('names on the wall', () => {
  it('are shown as text, never as HTML', () => {
    const html = renderAllPanels();
    expectWallRules(html);
    for (const name of [planName, runName, tenantName, opPlanName, sourceName])
      expect(html).toContain(escape(name));
  });

  it('with hideNames, give way to neutral labels: no tenant, VM, plan or run name is rendered at all', () => {
    const html = renderAllPanels({ hideNames: true });
    expectWallRules(html);
    for (const word of hiddenWords) expect(html).not.toContain(word);
    expect(html).toContain('Plan 1');
    expect(html).toContain('Run 1');
    expect(html).toContain('Tenant 1');
    expect(html).toContain('Tenant not known');
    // Counts and states remain; source names are not tenant, VM or plan names.
    expect(html).toContain('Failed over');
    expect(html).toContain(escape(sourceName));
  });

  it('are hidden by ?hideNames=1 in the kiosk link', () => {
    const html = renderScreen('/wall?hideNames=1#k=token', (c) => seedAll(c));
    expect(html).toContain('Recovery status');
    expect(html).not.toContain('unreachable'); // the server's reasons are left out too
    for (const word of hiddenWords) expect(html).not.toContain(word);
  });
});

describe('when the BFF is away', () => {
  const failing = (c: QueryClient) => {
    seedAll(c);
    const query = c.getQueryCache().find({ queryKey: queries.overview.queryKey });
    const error = new ApiError({ status: 0, code: 'network_error', message: UNREACHABLE_MESSAGE });
    query?.setState({
      ...query.state,
      status: 'error',
      error,
      errorUpdatedAt: now,
      fetchFailureCount: 3,
      fetchFailureReason: error,
    });
  };

  it('keeps the last screen and says "Reconnecting…" with the time of the last success', () => {
    const html = renderScreen('/wall', failing);
    expectWallRules(html);
    expect(html).toMatch(/<div role="alert"[^>]*>.*Reconnecting….*<\/div>/s);
    expect(html).toContain(
      `Last update at <time dateTime="${new Date(received).toISOString()}">${wallClock(received)}</time>`,
    );
    expect(html).toContain('Recovery status');
    expect(html).toContain('Critical');
  });

  it('says "Reconnecting…" as soon as the event stream breaks, until a fetch succeeds again', () => {
    const broken = (since: number) =>
      toHtml(
        <View
          access={{ kind: 'signed-in' }}
          panel={0}
          hideNames={false}
          stream={{ status: 'reconnecting', since }}
        />,
        seedAll,
      );
    // The data arrived before the stream broke: the BFF may be gone.
    expect(broken(received + 1)).toContain('Reconnecting…');
    // A fetch has succeeded since: the data keeps coming by polling; the footer says live updates are paused.
    const polling = broken(received - 1);
    expect(polling).not.toContain('Reconnecting…');
    expect(polling).toContain('Live updates paused');
  });

  it('shows no notice while every fetch succeeds', () => {
    const html = renderScreen('/wall', (c) => seedAll(c));
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('Reconnecting');
  });

  it('says so, instead of a blank screen, before any data has arrived', () => {
    const html = toHtml(<View access={{ kind: 'unreachable' }} panel={0} hideNames={false} />, () => {});
    expectWallRules(html);
    expect(html).toMatch(/<h1[^>]*>Cannot reach Lifeboat<\/h1>/);
    expect(html).toContain('role="alert"');
    expect(html).toContain('No data received yet.');
  });
});

describe('signing the wall in', () => {
  it('without a kiosk link and without a session, says what the screen needs in one sentence', () => {
    const html = renderScreen('/wall', (c) => c.setQueryData(queries.session.queryKey, null));
    expectWallRules(html);
    expect(html).toMatch(/<h1[^>]*>This screen needs a kiosk link from an admin\.<\/h1>/);
  });

  it('with a revoked link, says so in large type', () => {
    const html = toHtml(
      <View access={{ kind: 'refused', status: 401, message: 'Revoked.' }} panel={0} hideNames={false} />,
      seedAll,
    );
    expectWallRules(html);
    expect(html).toMatch(
      /<h1 class="[^"]*text-\[length:clamp[^"]*">This kiosk link was revoked or has expired\.<\/h1>/,
    );
    expect(html).not.toContain('Recovery status');
  });

  it('with a link refused for another reason, gives the server’s words', () => {
    const html = toHtml(
      <View
        access={{ kind: 'refused', status: 400, message: 'The token is malformed.' }}
        panel={0}
        hideNames={false}
      />,
      seedAll,
    );
    expect(html).toContain('This kiosk link was not accepted: The token is malformed.');
  });

  it('while the first sign-in is under way, says it is starting', () => {
    const html = renderScreen('/wall#k=token', () => {});
    expectWallRules(html);
    expect(html).toMatch(/<h1[^>]*>Starting…<\/h1>/);
  });
});
