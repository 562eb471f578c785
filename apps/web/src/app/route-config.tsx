import type { RouteObject } from 'react-router';
import { AppLayout } from './routes/app-layout.tsx';
import { FailoverSessionRoute } from './routes/failover-session.tsx';
import { FailoverSessionsRoute } from './routes/failover-sessions.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { OverviewRoute } from './routes/overview.tsx';
import { PlanRoute } from './routes/plan.tsx';
import { PlansRoute } from './routes/plans.tsx';
import { ReplicaPointsRoute } from './routes/replica-points.tsx';
import { ReplicationJobRoute } from './routes/replication-job.tsx';
import { ReplicationJobsRoute } from './routes/replication-jobs.tsx';
import { RouteError } from './routes/route-error.tsx';
import { RpoRoute } from './routes/rpo.tsx';
import { SignInRoute } from './routes/sign-in.tsx';

export const paths = {
  signIn: '/sign-in',
  overview: '/',
  plans: '/plans',
  plan: (id: string) => `/plans/${encodeURIComponent(id)}`,
  failoverSessions: '/failover-sessions',
  failoverSession: (id: string) => `/failover-sessions/${encodeURIComponent(id)}`,
  replicationJobs: '/replication-jobs',
  replicationJob: (id: string) => `/replication-jobs/${encodeURIComponent(id)}`,
  replicaPoints: '/replica-points',
  rpo: '/rpo',
} as const;

export const routes: RouteObject[] = [
  { path: paths.signIn, element: <SignInRoute />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewRoute /> },
      { path: 'plans', element: <PlansRoute /> },
      { path: 'plans/:id', element: <PlanRoute /> },
      { path: 'failover-sessions', element: <FailoverSessionsRoute /> },
      { path: 'failover-sessions/:id', element: <FailoverSessionRoute /> },
      { path: 'replication-jobs', element: <ReplicationJobsRoute /> },
      { path: 'replication-jobs/:id', element: <ReplicationJobRoute /> },
      { path: 'replica-points', element: <ReplicaPointsRoute /> },
      { path: 'rpo', element: <RpoRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
