import { inSlices } from '../in-slices.ts';
import { redactUrls } from '../redact.ts';
import { ownCopy } from '../shared-strings.ts';
import { boundedText, entityId, isGuid } from '../values.ts';
import type { FailoverSession, FailoverVmTask, ReplicaPoint, RunResult, RunState } from '@lifeboat/shared';
import type {
  RawFailoverPlan,
  RawFailoverSession,
  RawFailoverTask,
  RawLink,
  RawReplicaPoint,
} from './raw-schemas.ts';

/** `urn:veeam:CloudFailoverSession:<guid>` → the guid; anything else is not an id we will use. */
export function idFromUid(uid: string, type: string): string {
  const prefix = `urn:veeam:${type}:`;
  const id = uid.startsWith(prefix) ? uid.slice(prefix.length) : '';
  if (!isGuid(id)) throw new Error(`unexpected UID ${JSON.stringify(uid.slice(0, 80))}`);
  return id.toLowerCase();
}

/** EM times are UTC (the elements say so); a value without a zone is read as UTC. */
export function utc(value: string | undefined): string | null {
  if (!value) return null;
  const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const t = Date.parse(zoned);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function progress(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,3}$/.test(value)) return null;
  return Math.min(100, Number(value));
}

const STATES: Record<string, RunState> = {
  Starting: 'starting',
  Working: 'running',
  Stopping: 'stopping',
  Stopped: 'stopped',
};
const RESULTS: Record<string, RunResult> = {
  None: 'none',
  Success: 'success',
  Warning: 'warning',
  Failed: 'failed',
};

const lookup = <T>(table: Record<string, T>, key: string | undefined, fallback: T): T =>
  key !== undefined && Object.hasOwn(table, key) ? table[key]! : fallback;

export function link(links: { Link: RawLink[] } | undefined, type: string): RawLink | undefined {
  return links?.Link.find((l) => l['@_Type'] === type);
}

export interface NormalizeContext {
  sourceId: string;
  /** Tenant of each cloud failover plan, by plan name (sessions name their plan, not its tenant). */
  tenantByPlan: ReadonlyMap<string, string>;
}

export function normalizeFailoverSession(raw: RawFailoverSession, ctx: NormalizeContext): FailoverSession {
  const nativeId = idFromUid(raw['@_UID'], 'CloudFailoverSession');
  const startedAt = utc(raw.CreationTimeUTC);
  const endedAt = utc(raw.EndTimeUTC);
  const planName = boundedText(raw['@_Name']);
  return {
    id: entityId(ctx.sourceId, nativeId),
    ref: {
      source: ctx.sourceId,
      kind: 'CloudFailoverSession',
      nativeId,
      ...(raw['@_Href'] ? { href: redactUrls(raw['@_Href']) } : {}),
    },
    planName,
    backupServer: nameOf(link(raw.Links, 'BackupServerReference')),
    tenant: ctx.tenantByPlan.get(raw['@_Name']) ?? null,
    state: lookup(STATES, raw.State, 'unknown'),
    nativeState: raw.State,
    result: lookup(RESULTS, raw.Result, 'unknown'),
    nativeResult: raw.Result ?? null,
    progress: progress(raw.Progress),
    startedAt,
    endedAt,
    durationSeconds:
      startedAt && endedAt
        ? Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000))
        : null,
    failureMessage: raw.FailureMessage ? boundedText(raw.FailureMessage) : null,
    vms: (raw.CloudFailoverTasks?.CloudFailoverTasks ?? []).map(normalizeTask),
  };
}

function normalizeTask(t: RawFailoverTask): FailoverVmTask {
  const point = t.VmReplicaPointLink;
  const pointId = guidIn(point?.['@_Href'], 'vmReplicaPoints');
  return {
    vmName: boundedText(t['@_VmName']),
    state: lookup(STATES, t.State, 'unknown'),
    nativeState: t.State,
    result: lookup(RESULTS, t.Result, 'unknown'),
    nativeResult: t.Result ?? null,
    progress: progress(t.Progress),
    startedAt: utc(t.CreationTimeUTC),
    endedAt: utc(t.EndTimeUTC),
    failureMessage: t.FailureMessage ? boundedText(t.FailureMessage) : null,
    restorePoint: pointId ? { nativeId: pointId, name: boundedText(point?.['@_Name'] ?? '') } : null,
  };
}

export function normalizeReplicaPoint(raw: RawReplicaPoint, ctx: NormalizeContext): ReplicaPoint {
  const nativeId = idFromUid(raw['@_UID'], 'CloudVmReplicaPoint');
  const pointTime = utc(raw.CreationTimeUTC);
  if (!pointTime)
    throw new Error(`unreadable CreationTimeUTC ${JSON.stringify(raw.CreationTimeUTC.slice(0, 40))}`);
  // The point's Name is `<vm>@<time>`; VmDisplayName is the VM when the upstream sends it.
  const vm = raw['@_VmDisplayName'] ?? raw['@_Name'].replace(/@[^@]*$/, '');
  return {
    id: entityId(ctx.sourceId, nativeId),
    // No link: a million points would each carry a copy of a URL their id already names.
    ref: { source: ctx.sourceId, kind: 'CloudVmReplicaPoint', nativeId },
    vmName: boundedText(vm),
    pointTime,
    pointType: raw.PointType ?? null,
    nativeState: raw.State ?? null,
    replicaName: nameOf(link(raw.Links, 'CloudReplicaReference')),
    replicaId: guidIn(link(raw.Links, 'CloudReplicaReference')?.['@_Href'], 'replicas'),
    backupServer: nameOf(link(raw.Links, 'BackupServerReference')),
    // Points do not name their tenant; `tenantsOfReplicas` infers it from the point's replica.
    tenant: null,
  };
}

/** The VM names a cloud failover plan includes. */
export function planVmNames(p: RawFailoverPlan): string[] {
  const inc = p.CloudFailoverPlanInfo?.Includes;
  return [...(inc?.CloudFailoverPlanVm ?? []), ...(inc?.CloudFailoveredVm ?? [])].map((vm) => vm.Name);
}

export function tenantByPlanName(plans: readonly RawFailoverPlan[]): Map<string, string> {
  const byPlan = new Map<string, string>();
  for (const p of plans) if (p.TenantName) byPlan.set(p['@_Name'], boundedText(p.TenantName));
  return byPlan;
}

/** The replica a point belongs to, for the tenant decision (its VM name when the link is missing). */
export const replicaKey = (pt: ReplicaPoint) => pt.replicaId ?? `vm:${pt.vmName}`;

/**
 * The tenant of each replica the points name. Points name their VM and replica, plans name their
 * tenant and VMs, and VM names repeat across tenants. So the tenant is decided per replica (a
 * replica belongs to one tenant): the tenant whose plans include the most of the replica's VMs; a
 * tie leaves the tenant unknown rather than guessing.
 */
export async function tenantsOfReplicas(
  points: Iterable<ReplicaPoint>,
  tenantsOfVm: TenantsOfVm,
): Promise<Map<string, string | null>> {
  const vmsOfReplica = new Map<string, Set<string>>();
  // A million points at `large` (a tenth of a second or more at once): in slices.
  await inSlices(points, (pt) => {
    const key = replicaKey(pt);
    const set = vmsOfReplica.get(key);
    if (set) set.add(pt.vmName);
    else vmsOfReplica.set(key, new Set([pt.vmName]));
  });
  const tenantOfReplica = new Map<string, string | null>();
  // A hundred thousand replicas at `large`: in slices too.
  await inSlices(
    vmsOfReplica,
    ([replica, vms]) => {
      const votes = new Map<string, number>();
      for (const vm of vms) for (const t of tenantsOfVm.get(vm) ?? []) votes.set(t, (votes.get(t) ?? 0) + 1);
      const ranked = [...votes].sort((a, b) => b[1] - a[1]);
      const [first, second] = ranked;
      tenantOfReplica.set(replica, first && (!second || second[1] < first[1]) ? first[0] : null);
    },
    64,
  );
  return tenantOfReplica;
}

/** The tenants whose plans name each VM (made once per read of the plans). */
export type TenantsOfVm = ReadonlyMap<string, ReadonlySet<string>>;

export async function tenantsOfVms(plans: readonly RawFailoverPlan[]): Promise<TenantsOfVm> {
  const tenantsOfVm = new Map<string, Set<string>>();
  // A hundred thousand VMs in plans at `large` (60 ms at once): in slices, a plan of 25 VMs a step.
  await inSlices(
    plans,
    (p) => {
      if (!p.TenantName) return;
      const tenant = boundedText(p.TenantName);
      for (const name of planVmNames(p)) {
        const vm = boundedText(name);
        const set = tenantsOfVm.get(vm);
        if (set) set.add(tenant);
        else tenantsOfVm.set(vm, new Set([tenant]));
      }
    },
    8,
  );
  return tenantsOfVm;
}

/**
 * The id in an upstream link (read as data, never requested): `…/<collection>/<guid>…`. A copy
 * of its own: a match (lower-cased or not) is a slice that keeps the whole link alive, and a
 * failover session kept between polls names a point by it in each of its tasks.
 */
export function guidIn(href: string | undefined, collection: string): string | null {
  const id = href?.match(new RegExp(`/${collection}/([0-9a-fA-F-]{36})(?:[/?]|$)`))?.[1];
  return id && isGuid(id) ? ownCopy(id.toLowerCase()) : null;
}

function nameOf(l: RawLink | undefined): string | null {
  return l?.['@_Name'] ? boundedText(l['@_Name']) : null;
}
