// What an Orchestrator route is given and must answer, shared by the v2 and v3 route tables.

import type { IncomingMessage } from 'node:http';
import type { ApiResponse } from '../fault-injection/api-handler.ts';
import { normalizeGuid } from '../world/guid.ts';
import type { OrchestratorCatalog, OrchestratorPlan } from './plans-from-world.ts';
import type { PlanStateMachine } from './plan-state-machine.ts';
import { badRequest, notFound } from './vro-errors.ts';

export interface RequestContext {
  readonly request: IncomingMessage;
  readonly url: URL;
  readonly catalog: OrchestratorCatalog;
  readonly machine: PlanStateMachine;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Path template with at most one `{id}`; also the key calls are counted under. */
  readonly template: string;
  handle(ctx: RequestContext, id: string): ApiResponse | Promise<ApiResponse>;
}

/** Plan actions answer 200 with an empty body: VRO returns no task or session to follow. */
export const ACCEPTED: ApiResponse = { status: 200 };

export function planOf(ctx: RequestContext, id: string): OrchestratorPlan {
  const plan = ctx.catalog.byId(id);
  if (!plan) throw notFound(`Plan with ID '${id}' was not found.`);
  return plan;
}

/** An optional GUID parameter (recovery or restore location); anything else is a bad request. */
export function optionalGuid(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const guid = normalizeGuid(value);
  if (guid === undefined) throw badRequest(`"${name}" must be a GUID.`);
  return guid;
}

/** UTC ISO 8601 with Z, for times the documentation shows no example of. */
export function isoTime(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
