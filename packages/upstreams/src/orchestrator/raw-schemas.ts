import { isGuid } from '../values.ts';
import { z } from 'zod';

// Loose but typed: fields Veeam documents as partial are optional, unknown keys are stripped, and a
// field of the wrong type makes its item unreadable (counted), never a crash or a guess.

/** The documented token answer (`vro_post_token_password_response.json`). */
export const RawToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().finite().nonnegative().optional(),
  refresh_token: z.string().min(1).optional(),
});
export type RawToken = z.infer<typeof RawToken>;

/** The RFC 6749 error the token endpoint (OWIN's OAuth server) answers with, when it does. */
export const RawOAuthError = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/** An ASP.NET Web API error (`HttpError`, camelCase), which VRO is; Veeam documents no error body. */
export const RawErrorBody = z.object({ message: z.string() });

/** Plans are addressed by GUID; anything else is not an id this connector will put in a URL. */
const PlanId = z
  .string()
  .refine(isGuid, 'id is not a GUID')
  .transform((s) => s.toLowerCase());

/**
 * A state word. The v1 swagger example shows an enum as its index (`"scheduleType": 0`), so a
 * number is read too: it is kept as the native word and maps to no known state.
 */
const StateWord = z.union([z.string(), z.number()]).transform(String);

const Minutes = z.number().finite().nonnegative();

/** Any list: the items are checked one by one, so one bad item never hides the rest. */
export const RawList = z.array(z.unknown());

/** One item of `GET /v2/FailoverPlans` (VAO 2.0 FailoverPlans; v1 items read the same). */
export const RawV2Plan = z.object({
  id: PlanId,
  name: z.string(),
  description: z.string().nullish(),
  planState: StateWord.nullish(),
  planStateDetails: z.string().nullish(),
  targetRPO: Minutes.nullish(),
  targetRTO: Minutes.nullish(),
});
export type RawV2Plan = z.infer<typeof RawV2Plan>;

/** One item of `GET /api/v3/Plans` (RecoveryPlanInfo; Veeam's field list is partial). */
export const RawV3Plan = z.object({
  id: PlanId,
  name: z.string(),
  planType: z.string().nullish(),
  state: StateWord.nullish(),
  stateName: z.string().nullish(),
  resultName: z.string().nullish(),
  enabled: z.boolean().nullish(),
  vmCount: z.number().int().nonnegative().nullish(),
  siteScopeName: z.string().nullish(),
  description: z.string().nullish(),
});
export type RawV3Plan = z.infer<typeof RawV3Plan>;

const RawRuntimeStep = z.object({
  stepName: z.string(),
  state: z.string().nullish(),
  resultName: z.string().nullish(),
  message: z.string().nullish(),
});

export const RawRuntimeVm = z.object({
  vmId: z.string().nullish(),
  vmName: z.string(),
  state: z.string().nullish(),
  progress: z.number().finite().nullish(),
  resultName: z.string().nullish(),
  steps: z.array(RawRuntimeStep).nullish(),
});
export type RawRuntimeVm = z.infer<typeof RawRuntimeVm>;

/** `GET /api/v3/RuntimeDetails/Plans/{id}` (PlanRuntimeDetails): what a running plan reports. */
export const RawRuntimeDetails = z.object({
  totalProgress: z.number().finite().nullish(),
  vms: z.array(RawRuntimeVm).nullish(),
});
export type RawRuntimeDetails = z.infer<typeof RawRuntimeDetails>;
