import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from './paths.ts';
import { AppLayout } from './routes/app-layout.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { OverviewRoute } from './routes/overview.tsx';
import { RouteError } from './routes/route-error.tsx';
import { SignInRoute } from './routes/sign-in.tsx';

export { paths };

/** Loaders of the pages that are not in the first script, for warming them once the app is idle. */
const pageLoaders: (() => Promise<unknown>)[] = [];

/**
 * A console page whose code is loaded when it is first opened, so the first script holds only
 * the layout, the sign-in and the overview (the landing page paints sooner).
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  pageLoaders.push(load);
  return async () => ({ Component: pick(await load()) });
}

/**
 * Loads every page's code in the background: a console left open keeps working when a later
 * deployment has replaced the files, and the first visit to a page does not wait on the network.
 */
export function warmPages(): Promise<unknown> {
  return Promise.allSettled(pageLoaders.map((load) => load()));
}

export const routes: RouteObject[] = [
  { path: paths.signIn, element: <SignInRoute />, errorElement: <RouteError /> },
  {
    // The NOC wall: no console layout, and its code loads only when it is opened.
    path: paths.wall,
    lazy: async () => {
      const { WallRoute, WallRouteError } = await import('./routes/wall.tsx');
      return { Component: WallRoute, ErrorBoundary: WallRouteError };
    },
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewRoute /> },
      {
        path: 'plans',
        lazy: page(
          () => import('./routes/plans.tsx'),
          (m) => m.PlansRoute,
        ),
      },
      {
        path: 'plans/:id',
        lazy: page(
          () => import('./routes/plan.tsx'),
          (m) => m.PlanRoute,
        ),
      },
      {
        path: 'plans/:id/:action',
        lazy: page(
          () => import('./routes/plan-action.tsx'),
          (m) => m.PlanActionRoute,
        ),
      },
      {
        path: 'failover-sessions',
        lazy: page(
          () => import('./routes/failover-sessions.tsx'),
          (m) => m.FailoverSessionsRoute,
        ),
      },
      {
        path: 'failover-sessions/:id',
        lazy: page(
          () => import('./routes/failover-session.tsx'),
          (m) => m.FailoverSessionRoute,
        ),
      },
      {
        path: 'replication-jobs',
        lazy: page(
          () => import('./routes/replication-jobs.tsx'),
          (m) => m.ReplicationJobsRoute,
        ),
      },
      {
        path: 'replication-jobs/:id',
        lazy: page(
          () => import('./routes/replication-job.tsx'),
          (m) => m.ReplicationJobRoute,
        ),
      },
      {
        path: 'replica-points',
        lazy: page(
          () => import('./routes/replica-points.tsx'),
          (m) => m.ReplicaPointsRoute,
        ),
      },
      {
        path: 'rpo',
        lazy: page(
          () => import('./routes/rpo.tsx'),
          (m) => m.RpoRoute,
        ),
      },
      {
        path: 'operations',
        lazy: page(
          () => import('./routes/operations.tsx'),
          (m) => m.OperationsRoute,
        ),
      },
      {
        path: 'operations/:id',
        lazy: page(
          () => import('./routes/operation.tsx'),
          (m) => m.OperationRoute,
        ),
      },
      {
        path: 'audit',
        lazy: page(
          () => import('./routes/audit.tsx'),
          (m) => m.AuditRoute,
        ),
      },
      {
        path: 'kiosk-links',
        lazy: page(
          () => import('./routes/kiosk-links.tsx'),
          (m) => m.KioskLinksRoute,
        ),
      },
      {
        path: 'api-tokens',
        lazy: page(
          () => import('./routes/api-tokens.tsx'),
          (m) => m.ApiTokensRoute,
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
