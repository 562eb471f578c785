import { checkedGuid } from '../values.ts';

/**
 * A path this connector may request. Only the builders below make one, so the client cannot be
 * handed any other path (SEC-41): no upstream `_links.href` is ever followed.
 */
export type RoutePath = string & { readonly __route: unique symbol };

const route = (path: string) => path as RoutePath;
const plan = (planId: string) => checkedGuid(planId, 'a plan');

/** The v2 plan actions (VAO 2.0 FailoverPlans): Run takes a mode; Undo undoes what the plan last did. */
export type V2Verb = 'Run' | 'Undo';
/** The v3 plan actions (VAO 3.0+ Plans) this connector sends. */
export type V3Verb = 'Failover' | 'FailbackToProduction' | 'CommitFailback' | 'Undo';

/** The fixed route table of the Orchestrator (VRO 7/13 token endpoint, VAO 2.0 and 3.0 plan families). */
export const routes = {
  token: route('/api/token'),
  v2FailoverPlans: route('/v2/FailoverPlans'),
  v2FailoverPlan: (planId: string) => route(`/v2/FailoverPlans/${plan(planId)}`),
  v2FailoverPlanAction: (planId: string, verb: V2Verb) => route(`/v2/FailoverPlans/${plan(planId)}/${verb}`),
  v3Plans: route('/api/v3/Plans'),
  v3Plan: (planId: string) => route(`/api/v3/Plans/${plan(planId)}`),
  v3PlanAction: (planId: string, verb: V3Verb) => route(`/api/v3/Plans/${plan(planId)}/${verb}`),
  v3PlanRuntimeDetails: (planId: string) => route(`/api/v3/RuntimeDetails/Plans/${plan(planId)}`),
} as const;
