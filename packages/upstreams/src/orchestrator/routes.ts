import { UpstreamError } from '../http/upstream-error.ts';

/**
 * A path this connector may request. Only the builders below make one, so the client cannot be
 * handed any other path (SEC-41): no upstream `_links.href` is ever followed.
 */
export type RoutePath = string & { readonly __route: unique symbol };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** An id checked before it goes into a URL: a GUID, or nothing is sent. */
function guid(id: string, what: string): string {
  if (!isGuid(id)) throw new UpstreamError('invalid_id', `not ${what} id`);
  return id.toLowerCase();
}

const route = (path: string) => path as RoutePath;

/** The fixed route table of the Orchestrator (VRO 7/13 token endpoint, VAO 2.0 and 3.0 plan families). */
export const routes = {
  token: route('/api/token'),
  v2FailoverPlans: route('/v2/FailoverPlans'),
  v3Plans: route('/api/v3/Plans'),
  v3PlanRuntimeDetails: (planId: string) => route(`/api/v3/RuntimeDetails/Plans/${guid(planId, 'a plan')}`),
} as const;
