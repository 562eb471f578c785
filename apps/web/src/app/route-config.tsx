import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './routes/app-layout.tsx';
import { FailoverSessionRoute } from './routes/failover-session.tsx';
import { FailoverSessionsRoute } from './routes/failover-sessions.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { ReplicaPointsRoute } from './routes/replica-points.tsx';
import { RouteError } from './routes/route-error.tsx';
import { RpoRoute } from './routes/rpo.tsx';
import { SignInRoute } from './routes/sign-in.tsx';

export const paths = {
  signIn: '/sign-in',
  failoverSessions: '/failover-sessions',
  failoverSession: (id: string) => `/failover-sessions/${encodeURIComponent(id)}`,
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
      { index: true, element: <Navigate to={paths.failoverSessions} replace /> },
      { path: 'failover-sessions', element: <FailoverSessionsRoute /> },
      { path: 'failover-sessions/:id', element: <FailoverSessionRoute /> },
      { path: 'replica-points', element: <ReplicaPointsRoute /> },
      { path: 'rpo', element: <RpoRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
