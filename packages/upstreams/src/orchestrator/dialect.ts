import { checkedGuid } from '../values.ts';
import type { PlanAction } from '@lifeboat/shared';
import type { z } from 'zod';
import type { ActionParams } from '../connector.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { RawV2Plan, RawV3Plan } from './raw-schemas.ts';
import { routes, type RoutePath } from './routes.ts';

export type Generation = 'v2' | 'v3';

/** What a plan list item says, whatever its generation's field names: the input of `normalizePlan`. */
export interface PlanFields {
  /** Lower-case GUID. */
  nativeId: string;
  name: string;
  planType: string;
  /** The upstream's state word as sent; null when it sent none. */
  nativeState: string | null;
  /** How the last run ended, in v3's words (None, Success, Warning, Error); null when unsaid. */
  resultName: string | null;
  enabled: boolean | null;
  vmCount: number | null;
  rpoTargetMinutes: number | null;
  rtoTargetMinutes: number | null;
  site: string | null;
  description: string | null;
}

export type ReadResult = { ok: true; fields: PlanFields } | { ok: false; error: string };

/** One plan action as the upstream takes it: where it is POSTed, and its JSON body (none when absent). */
export interface ActionRequest {
  path: RoutePath;
  body?: Record<string, unknown>;
}

/**
 * Everything that differs between the Orchestrator's API generations, one small object each, so
 * no `if (generation)` is scattered through the connector.
 */
export interface Dialect {
  readonly generation: Generation;
  /** The upstream's entity kind, kept in each plan's ref. */
  readonly kind: 'FailoverPlan' | 'RecoveryPlan';
  readonly listPath: RoutePath;
  /** Checks and reads one list item; a failure makes that item unreadable, not the list. */
  readItem(raw: unknown): ReadResult;
  /** Where a running plan's progress is read; null when the generation has no such resource. */
  readonly runtimeDetailsPath: ((planId: string) => RoutePath) | null;
  /** Where one plan is read: the same item the list holds. */
  itemPath(planId: string): RoutePath;
  /**
   * The request that runs `action` on a plan. Ids and times are checked here, so nothing is sent
   * when one is not what it must be (`invalid_id`).
   */
  actionRequest(planId: string, action: PlanAction, params: ActionParams): ActionRequest;
}

/** A time with its zone (ISO 8601), as the BFF validated it; sent as UTC ISO. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The restore point a failover asks for: null for the latest, else the latest created before a time. */
function restorePointDate(params: ActionParams): string | null {
  const rule = params.restorePoint;
  if (!rule || !('before' in rule)) return null;
  const ms = ZONED_TIME.test(rule.before) ? Date.parse(rule.before) : NaN;
  if (!Number.isFinite(ms)) throw new UpstreamError('invalid_id', 'not a restore point time with its zone');
  return new Date(ms).toISOString();
}

/** Where a failback goes: a recovery location's GUID, or the original location when none is given. */
function restoreLocation(params: ActionParams): string | undefined {
  return params.restoreLocationId === undefined
    ? undefined
    : checkedGuid(params.restoreLocationId, 'a restore location');
}

// The defaults of the shared action requests: no chained plans; VM tags restored on failback.
const chained = (params: ActionParams) => params.executeChainedPlans ?? false;
const vmTags = (params: ActionParams) => params.failbackRestoreVMTags ?? true;

/**
 * VAO 2.0 `POST /v2/FailoverPlans/{id}/Run` with a mode (`CommitFailBack` with a capital B, as
 * documented), and `/Undo` for both undos: the upstream undoes what the plan last did, so which
 * undo it is follows from the plan's state, which the BFF checks first.
 */
function v2Action(planId: string, action: PlanAction, params: ActionParams): ActionRequest {
  const run = (body: Record<string, unknown>) => ({
    path: routes.v2FailoverPlanAction(planId, 'Run'),
    body,
  });
  switch (action) {
    case 'failover': {
      const date = restorePointDate(params);
      return run({
        mode: 'FailoverNow',
        planLaunchOptions: {
          ...(date === null ? {} : { restorePointRule: { date } }),
          executeChainedPlans: chained(params),
        },
      });
    }
    case 'failback': {
      const location = restoreLocation(params);
      return run({
        mode: 'Failback',
        planLaunchOptions: {
          failbackRestoreVMTags: vmTags(params),
          ...(location === undefined ? {} : { recoveryLocationId: location }),
        },
      });
    }
    case 'commitFailback':
      return run({ mode: 'CommitFailBack' });
    case 'undoFailover':
    case 'undoFailback':
      return { path: routes.v2FailoverPlanAction(planId, 'Undo') };
  }
}

/** VAO 3.0+ `POST /api/v3/Plans/{id}/<verb>`: one resource per action; Undo as in v2. */
function v3Action(planId: string, action: PlanAction, params: ActionParams): ActionRequest {
  switch (action) {
    case 'failover':
      return {
        path: routes.v3PlanAction(planId, 'Failover'),
        body: {
          executeChainedPlans: chained(params),
          // null: each VM's latest restore point.
          restorePointDate: restorePointDate(params),
          protectStorageVolumes: false,
        },
      };
    case 'failback': {
      const location = restoreLocation(params);
      return {
        path: routes.v3PlanAction(planId, 'FailbackToProduction'),
        body: {
          ...(location === undefined ? {} : { restoreLocationId: location }),
          failbackRestoreVMTags: vmTags(params),
        },
      };
    }
    case 'commitFailback':
      return { path: routes.v3PlanAction(planId, 'CommitFailback') };
    case 'undoFailover':
    case 'undoFailback':
      return { path: routes.v3PlanAction(planId, 'Undo') };
  }
}

function reader<T>(schema: z.ZodType<T>, read: (raw: T) => PlanFields): (raw: unknown) => ReadResult {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, fields: read(parsed.data) };
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: `${where}${issue?.message ?? 'invalid'}` };
  };
}

/**
 * v2 says how the last run ended only in `planStateDetails` prose. "Complete, no errors, no
 * warnings" and "Never checked or tested" are documented; the others follow their pattern.
 */
const V2_DETAILS: readonly [RegExp, string][] = [
  [/never checked or tested/i, 'None'],
  [/no errors, no warnings/i, 'Success'],
  [/with errors/i, 'Error'],
  [/with warnings/i, 'Warning'],
];

function v2ResultName(planState: string | null | undefined, details: string | null | undefined) {
  // VAO's documented active state; a run in progress has no outcome yet.
  if (planState === 'Processing' || planState === 'Halting') return 'None';
  return V2_DETAILS.find(([pattern]) => pattern.test(details ?? ''))?.[1] ?? null;
}

/** VAO 2.0 `/v2/FailoverPlans`: no enabled flag, VM count, site name, result or runtime details. */
export const v2: Dialect = {
  generation: 'v2',
  kind: 'FailoverPlan',
  listPath: routes.v2FailoverPlans,
  runtimeDetailsPath: null,
  itemPath: routes.v2FailoverPlan,
  actionRequest: v2Action,
  readItem: reader(RawV2Plan, (p) => ({
    nativeId: p.id,
    name: p.name,
    // v2 keeps restore plans in their own collection (/v2/RestorePlans): these are replica plans.
    planType: 'Replica',
    nativeState: p.planState ?? null,
    resultName: v2ResultName(p.planState, p.planStateDetails),
    // The mode shows only through the state: a disabled plan reads `Disabled`, whatever it did last.
    enabled: p.planState == null ? null : p.planState !== 'Disabled',
    vmCount: null,
    rpoTargetMinutes: p.targetRPO ?? null,
    rtoTargetMinutes: p.targetRTO ?? null,
    site: null,
    description: p.description ?? null,
  })),
};

/** VAO 3.0+ `/api/v3/Plans` (RecoveryPlanInfo), with `/api/v3/RuntimeDetails` for a running plan. */
export const v3: Dialect = {
  generation: 'v3',
  kind: 'RecoveryPlan',
  listPath: routes.v3Plans,
  runtimeDetailsPath: routes.v3PlanRuntimeDetails,
  itemPath: routes.v3Plan,
  actionRequest: v3Action,
  readItem: reader(RawV3Plan, (p) => ({
    nativeId: p.id,
    name: p.name,
    planType: p.planType ?? 'Unknown',
    // `state` is the machine word; `stateName` is UI text (FAILOVER both while running and after).
    nativeState: p.state ?? p.stateName ?? null,
    resultName: p.resultName ?? null,
    enabled: p.enabled ?? null,
    vmCount: p.vmCount ?? null,
    // RecoveryPlanInfo's documented fields name no RPO or RTO target.
    rpoTargetMinutes: null,
    rtoTargetMinutes: null,
    site: p.siteScopeName ?? null,
    description: p.description ?? null,
  })),
};

export const dialects: Readonly<Record<Generation, Dialect>> = { v2, v3 };
