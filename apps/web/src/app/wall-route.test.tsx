/**
 * /wall through the app's own routes: loaded on demand (no part of the console's first bundle),
 * and drawn outside the console's layout (no navigation, no sign-out, no links or buttons).
 */
import type { Overview, SessionInfo } from '@lifeboat/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { sessionQueryKey } from '../features/auth/api/get-session.ts';
import { overviewQueryKey } from '../features/overview/api/get-overview.ts';
import { paths, routes } from './route-config.tsx';
import { renderRoute } from './render-route.testing.tsx';

const session: SessionInfo = {
  user: { username: 'kiosk:noc', roles: ['viewer'] },
  csrfToken: 'c',
  policy: { requireApproval: false },
};

const overview: Overview = {
  asOf: '2026-11-24T10:00:00.000Z',
  status: 'warning',
  reasons: ['4 VM(s) past their RPO target'],
  rpo: { critical: 0, severe: 0, exceeded: 4, unknown: 0, compliant: 10 },
  rpoByTenant: [],
  plans: {
    ready: 2,
    running: 0,
    failed_over: 0,
    failed_back: 0,
    permanent_failover: 0,
    halted: 0,
    unknown: 0,
  },
  runsInProgress: [],
  unfinished: {
    plans: [],
    failedRuns: 0,
    operations: { failed: 0, unknown: 0, awaitingApproval: 0 },
    sources: [],
  },
  sources: [],
};

/** Renders a URL once the router has loaded the lazy routes it matches. */
async function render(url: string, seed: (client: QueryClient) => void): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  seed(client);
  return renderRoute(url, client);
}

describe('the /wall route', () => {
  it('is loaded on demand, outside the console layout', () => {
    const wall = routes.find((route) => route.path === paths.wall);
    expect(wall?.lazy).toBeTypeOf('function');
    expect(wall?.element).toBeUndefined();
    expect(wall?.Component).toBeUndefined();
    expect(routes.find((route) => route.path === '/')?.children?.some((r) => r.path === 'wall')).toBe(false);
  });

  it('shows the wall with no navigation, sign-out, links or buttons', async () => {
    const html = await render('/wall?rotate=20', (c) => {
      c.setQueryData(sessionQueryKey, session);
      c.setQueryData(overviewQueryKey, overview);
    });
    expect(html).toContain('Recovery status');
    expect(html).toContain('Warning');
    expect(html).toContain('cursor-none');
    expect(html).not.toContain('<nav');
    expect(html).not.toContain('Sign out');
    expect(html).not.toMatch(/<(a|button)[\s>]/);
  });

  it('without a kiosk link or a session, asks for a kiosk link instead of sending to sign-in', async () => {
    const html = await render('/wall', (c) => c.setQueryData(sessionQueryKey, null));
    expect(html).toContain('This screen needs a kiosk link from an admin.');
    expect(html).not.toContain('Sign in');
  });
});
