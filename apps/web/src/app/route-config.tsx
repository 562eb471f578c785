import type { RouteObject } from 'react-router';
import { paths } from './paths.ts';
import { AppLayout } from './routes/app-layout.tsx';
import { AuditRoute } from './routes/audit.tsx';
import { FailoverSessionRoute } from './routes/failover-session.tsx';
import { FailoverSessionsRoute } from './routes/failover-sessions.tsx';
import { KioskLinksRoute } from './routes/kiosk-links.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { OperationRoute } from './routes/operation.tsx';
import { OperationsRoute } from './routes/operations.tsx';
import { OverviewRoute } from './routes/overview.tsx';
import { PlanActionRoute } from './routes/plan-action.tsx';
import { PlanRoute } from './routes/plan.tsx';
import { PlansRoute } from './routes/plans.tsx';
import { ReplicaPointsRoute } from './routes/replica-points.tsx';
import { ReplicationJobRoute } from './routes/replication-job.tsx';
import { ReplicationJobsRoute } from './routes/replication-jobs.tsx';
import { RouteError } from './routes/route-error.tsx';
import { RpoRoute } from './routes/rpo.tsx';
import { SignInRoute } from './routes/sign-in.tsx';

export { paths };

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
      { path: 'plans', element: <PlansRoute /> },
      { path: 'plans/:id', element: <PlanRoute /> },
      { path: 'plans/:id/:action', element: <PlanActionRoute /> },
      { path: 'failover-sessions', element: <FailoverSessionsRoute /> },
      { path: 'failover-sessions/:id', element: <FailoverSessionRoute /> },
      { path: 'replication-jobs', element: <ReplicationJobsRoute /> },
      { path: 'replication-jobs/:id', element: <ReplicationJobRoute /> },
      { path: 'replica-points', element: <ReplicaPointsRoute /> },
      { path: 'rpo', element: <RpoRoute /> },
      { path: 'operations', element: <OperationsRoute /> },
      { path: 'operations/:id', element: <OperationRoute /> },
      { path: 'audit', element: <AuditRoute /> },
      { path: 'kiosk-links', element: <KioskLinksRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
