import type { z } from 'zod';
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
