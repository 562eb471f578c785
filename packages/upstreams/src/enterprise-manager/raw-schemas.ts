import { z } from 'zod';

/** An empty element (`<Links />`) parses as ''; read it as an empty object. */
const element = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? {} : v), schema);

export const RawLink = z.object({
  '@_Rel': z.string().optional(),
  '@_Type': z.string().optional(),
  '@_Href': z.string().optional(),
  '@_Name': z.string().optional(),
});
export type RawLink = z.infer<typeof RawLink>;

const RawLinks = element(z.object({ Link: z.array(RawLink).default([]) })).optional();

const entityAttrs = {
  '@_Type': z.string().optional(),
  '@_Href': z.string().optional(),
  '@_Name': z.string(),
  '@_UID': z.string(),
  Links: RawLinks,
};

/** What a failover session and each of its per-VM tasks both report about their run. */
const runFields = {
  CreationTimeUTC: z.string().optional(),
  EndTimeUTC: z.string().optional(),
  State: z.string(),
  Result: z.string().optional(),
  Progress: z.string().optional(),
  FailureMessage: z.string().optional(),
};

export const RawFailoverTask = z.object({
  '@_VmName': z.string(),
  VmReplicaPointLink: RawLink.optional(),
  ...runFields,
});
export type RawFailoverTask = z.infer<typeof RawFailoverTask>;

export const RawFailoverSession = z.object({
  ...entityAttrs,
  JobType: z.string().optional(),
  ...runFields,
  CloudFailoverTasks: element(
    z.object({ CloudFailoverTasks: z.array(RawFailoverTask).default([]) }),
  ).optional(),
});
export type RawFailoverSession = z.infer<typeof RawFailoverSession>;

export const RawReplicaPoint = z.object({
  ...entityAttrs,
  '@_VmDisplayName': z.string().optional(),
  CreationTimeUTC: z.string(),
  PointType: z.string().optional(),
  State: z.string().optional(),
});
export type RawReplicaPoint = z.infer<typeof RawReplicaPoint>;

const RawPlanVm = z.object({ Name: z.string() });

export const RawFailoverPlan = z.object({
  ...entityAttrs,
  TenantName: z.string().optional(),
  Description: z.string().optional(),
  CloudFailoverPlanInfo: element(
    z.object({
      Includes: element(
        z.object({
          CloudFailoverPlanVm: z.array(RawPlanVm).optional(),
          CloudFailoveredVm: z.array(RawPlanVm).optional(),
        }),
      ).optional(),
    }),
  ).optional(),
});
export type RawFailoverPlan = z.infer<typeof RawFailoverPlan>;

/** `<Task>`: what a plan action answers (202) and `GET /api/tasks/{id}` shows as it moves on. */
export const RawTask = z.object({
  '@_Href': z.string().optional(),
  Links: RawLinks,
  TaskId: z.string(),
  State: z.string(),
  Operation: z.string().optional(),
  Result: element(
    z.object({ '@_Success': z.string().optional(), Message: z.string().optional() }),
  ).optional(),
});
export type RawTask = z.infer<typeof RawTask>;

export const RawPagingInfo = z.object({
  '@_PageNum': z.coerce.number().int(),
  '@_PageSize': z.coerce.number().int(),
  '@_PagesCount': z.coerce.number().int(),
});

/** `<QueryResult>` with `<Entities><Plural><Item/>…` for format=Entities: items are read one by one. */
export const RawQueryResult = z.object({
  QueryResult: z.object({
    Entities: element(z.record(z.string(), element(z.record(z.string(), z.array(z.unknown()))))).optional(),
    PagingInfo: RawPagingInfo.optional(),
  }),
});
