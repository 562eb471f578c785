import type { PlanAction } from '@lifeboat/shared';
import { planActionSegment } from '../components/status/plan-action.ts';

/** Every page's path, in one place. */
export const paths = {
  signIn: '/sign-in',
  overview: '/',
  plans: '/plans',
  plan: (id: string) => `/plans/${encodeURIComponent(id)}`,
  planAction: (id: string, action: PlanAction) =>
    `/plans/${encodeURIComponent(id)}/${planActionSegment[action]}`,
  failoverSessions: '/failover-sessions',
  failoverSession: (id: string) => `/failover-sessions/${encodeURIComponent(id)}`,
  replicationJobs: '/replication-jobs',
  replicationJob: (id: string) => `/replication-jobs/${encodeURIComponent(id)}`,
  replicaPoints: '/replica-points',
  rpo: '/rpo',
  operations: '/operations',
  operation: (id: string) => `/operations/${encodeURIComponent(id)}`,
  audit: '/audit',
  kioskLinks: '/kiosk-links',
  apiTokens: '/api-tokens',
  /** The NOC wall display, outside the console's layout. */
  wall: '/wall',
} as const;
