import type { FailoverSession, Plan, ReplicaPoint } from '@lifeboat/shared';
import type { CollectionChanges, InventorySnapshot, ProtectedVm } from '../connector.ts';
import { sharedCall } from '../http/shared-call.ts';
import { isUpstreamError } from '../http/upstream-error.ts';
import { inSlices } from '../in-slices.ts';
import { Unreadable } from '../unreadable.ts';
import { SharedStrings } from '../shared-strings.ts';
import { asFullRead } from '../full-reads.ts';
import { keptPoint, pointMs, type KeptPoint } from './kept-point.ts';
import { KeptPoints } from './kept-points.ts';
import { boundedText } from '../values.ts';
import {
  normalizeFailoverSession,
  planVmNames,
  replicaKey,
  tenantByPlanName,
  tenantsOfReplicas,
  tenantsOfVms,
  type NormalizeContext,
  type TenantsOfVm,
} from './normalize.ts';
import { anyEquals, createdSince, failoverSessionPath, type QueryFilter } from './paths.ts';
import { normalizeEmPlan, vmKey } from './plans.ts';
import { normalizeEach, queryAll, queryEach, type PlansOrSessions, type QueryService } from './query.ts';
import { RawFailoverSession, type RawFailoverPlan } from './raw-schemas.ts';

/** The periods of the incremental reads, in milliseconds (decision 012). */
export interface SyncPeriods {
  /** A full read (which also drops what the upstream deleted) at least this often; 0: every poll. */
  reconcileMs: number;
  /** Cloud failover plans, which change rarely, are re-read at least this often. */
  plansMs: number;
  /**
   * An incremental read starts this long before the newest creation time already read, at least
   * every half of it; between, it starts at that time.
   */
  overlapMs: number;
}

/** VM names per restore point query (keeps the filter and URL short). */
const VMS_PER_QUERY = 25;
/** Running sessions read at the same time: a poll does not wait on each in turn, nor floods the server. */
const RUNNING_AT_ONCE = 4;

/**
 * A session as kept between polls: its item, and the plan name its tenant is looked up by. Not its
 * raw body: at a hundred thousand VMs the sessions' bodies weigh about a tenth of the heap.
 */
interface KeptSession {
  id: string;
  /** The plan's name as the upstream wrote it: the key of `NormalizeContext.tenantByPlan`. */
  planKey: string;
  item: FailoverSession;
}

/** What the last reads left: the upstream's entities, and the snapshot served from them. */
interface SyncState {
  fullAt: number;
  plansAt: number;
  rawPlans: RawFailoverPlan[];
  ctx: NormalizeContext;
  tenantsOfVm: TenantsOfVm;
  sessions: Map<string, KeptSession>;
  points: KeptPoints;
  tenantOfReplica: Map<string, string | null>;
  /** The newest creation time read so far (ms), where the next incremental read starts from. */
  pointsMark: number;
  sessionsMark: number;
  /** The last read of the overlap: when, and the marks it read back from. */
  overlap: { at: number; pointsMark: number; sessionsMark: number };
  /** Items the last full read could not read; an incremental read adds its own. */
  fullUnreadable: InventorySnapshot['unreadable'];
  snapshot: InventorySnapshot & {
    failoverSessions: FailoverSession[];
    replicaPoints: ReplicaPoint[];
    protectedVms: ProtectedVm[];
    plans: Plan[];
  };
}

/**
 * Reads an Enterprise Manager's inventory, after the first time, by what changed: restore points
 * and failover sessions created since the last read (from the newest creation time read, and
 * every half overlap from that far before it, so nothing at the boundary or shown late is missed;
 * items are keyed by id, so nothing is doubled), running sessions one by one until they
 * end, the points of the VMs whose sessions ended (their replica state), and plans on a longer
 * period. A full read every `reconcileMs` also drops what the upstream deleted. A collection that
 * did not change keeps its array, so the caller can tell without comparing items. A server that
 * refuses the creation-time filter (400) is read in full on every poll.
 */
export class EmInventorySync {
  private state: SyncState | null = null;
  private readonly strings = new SharedStrings();
  private incremental = true;
  private versions = 0;
  /** One read at a time: callers that overlap share it (`poll`). */
  private readonly reading = sharedCall((signal) => this.read(signal));

  constructor(
    private readonly qs: QueryService,
    private readonly periods: SyncPeriods,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The tenant context of the last read (sessions read on their own are normalized with it). */
  get context(): NormalizeContext {
    return this.state?.ctx ?? { sourceId: this.qs.sourceId, tenantByPlan: new Map() };
  }

  /** One read at a time: callers that overlap share it, and one that gives up stops it for no other. */
  poll(signal?: AbortSignal): Promise<InventorySnapshot> {
    return this.reading(signal);
  }

  private async read(signal?: AbortSignal): Promise<InventorySnapshot> {
    const now = this.now();
    const state = this.state;
    if (!state || !this.incremental || now - state.fullAt >= this.periods.reconcileMs)
      return asFullRead(() => this.readAll(now, signal));
    try {
      return await this.readChanges(state, now, signal);
    } catch (err) {
      if (!(isUpstreamError(err) && err.code === 'http_status' && err.status === 400)) throw err;
      // A query service that refuses the creation-time filter: read everything, every time.
      this.incremental = false;
      return asFullRead(() => this.readAll(now, signal));
    }
  }

  private query<Q extends PlansOrSessions>(
    type: Q,
    bad: Unreadable,
    signal?: AbortSignal,
    filter?: QueryFilter,
  ) {
    return queryAll(this.qs, type, bad, signal, filter);
  }

  private async readAll(now: number, signal?: AbortSignal): Promise<InventorySnapshot> {
    const bad = new Unreadable();
    const rawPlans = await this.query('CloudFailoverPlan', bad, signal);
    const { ctx, tenantsOfVm } = await tenantsOfPlans(this.qs.sourceId, rawPlans);
    const rawSessions = await this.query('CloudFailoverSession', bad, signal);
    const before = this.state;
    // A point read again as it was is kept as the same object: what changed is told by identity.
    const guess = tenantGuess(tenantsOfVm, before?.tenantOfReplica);
    const points = await this.readPoints(bad, signal, guess, undefined, before?.points);
    // The steps over every item give way to requests between slices (decision 014).
    const sessions = await keepSessions(rawSessions, ctx, bad, this.strings);
    const tenantOfReplica = await tenantsOfReplicas(points.values(), tenantsOfVm);
    await withTenants(points, points.values(), tenantOfReplica);
    const changes = before ? await pointChanges(before.points, points) : null;
    const sessionChanges = before ? changedSessions(before.sessions, sessions) : null;
    const allPoints = before && changes === null ? before.snapshot.replicaPoints : await points.valuesArray();
    const allSessions =
      before && sessionChanges === null
        ? before.snapshot.failoverSessions
        : [...sessions.values()].map((s) => s.item);
    const pointsMark = await newest(allPoints, pointMs, now);
    const sessionsMark = await newest(allSessions, sessionMs, now);
    const state: SyncState = {
      fullAt: now,
      plansAt: now,
      rawPlans,
      ctx,
      tenantsOfVm,
      sessions,
      points,
      tenantOfReplica,
      pointsMark,
      sessionsMark,
      overlap: { at: now, pointsMark, sessionsMark },
      fullUnreadable: { count: bad.count, firstError: bad.firstError },
      snapshot: {
        failoverSessions: allSessions,
        replicaPoints: allPoints,
        protectedVms: protectedVms(rawPlans),
        plans: [],
        unreadable: { count: bad.count, firstError: bad.firstError },
        changes: {
          replicaPoints: before
            ? (changes ?? undefined)
            : { complete: true, upserted: allPoints, removed: [] },
          failoverSessions: before
            ? (sessionChanges ?? undefined)
            : { complete: true, upserted: allSessions, removed: [] },
        },
      },
    };
    state.snapshot.plans = await this.plans(state, bad);
    state.snapshot.unreadable = { count: bad.count, firstError: bad.firstError };
    state.fullUnreadable = state.snapshot.unreadable;
    this.stamp(state.snapshot, before);
    this.state = state;
    return state.snapshot;
  }

  private async readChanges(state: SyncState, now: number, signal?: AbortSignal): Promise<InventorySnapshot> {
    const bad = new Unreadable();
    // The overlap (items that showed upstream later than newer ones) is read every half of it,
    // not on every poll: a poll every few seconds does not fetch the whole overlap each time. It
    // starts an overlap before the marks of the last such read, so an item that was not yet shown
    // then, and shows within the overlap after its creation, is read now. Between, a read starts
    // at the newest creation time itself (to the second, `>=`: nothing at the boundary is missed).
    const { overlapMs } = this.periods;
    const overlapDue = now - state.overlap.at >= overlapMs / 2;
    const from = (mark: 'pointsMark' | 'sessionsMark') =>
      createdSince(overlapDue ? state.overlap[mark] - overlapMs : state[mark]);
    let { rawPlans, ctx, tenantsOfVm } = state;
    let plansChanged = false;
    if (now - state.plansAt >= this.periods.plansMs) {
      const read = await this.query('CloudFailoverPlan', bad, signal);
      plansChanged = !(await sameJson(read, rawPlans));
      rawPlans = read;
      ({ ctx, tenantsOfVm } = await tenantsOfPlans(this.qs.sourceId, rawPlans));
    }

    // Sessions: the new ones, and each one still running, read on its own until it ends.
    const newSessions = await this.query('CloudFailoverSession', bad, signal, from('sessionsMark'));
    const sessions = new Map(state.sessions);
    const seen = new Set<string>();
    const moved = new Set<string>();
    const deleted: string[] = [];
    /** Sessions that ended since the last read: their VMs' replicas changed state. */
    const ended: FailoverSession[] = [];
    const keep = async (raw: RawFailoverSession) => {
      for (const [id, kept] of await keepSessions([raw], ctx, bad, this.strings)) {
        seen.add(id);
        const before = sessions.get(id)?.item;
        if (!before || JSON.stringify(before) !== JSON.stringify(kept.item)) moved.add(id);
        if (kept.item.endedAt !== null && (before?.endedAt ?? null) === null) ended.push(kept.item);
        sessions.set(id, kept);
      }
    };
    for (const raw of newSessions) await keep(raw);
    const sessionsMark = await newest(
      [...seen].map((id) => sessions.get(id)!.item),
      sessionMs,
      state.sessionsMark,
    );
    const running = [...state.sessions].filter(([id, s]) => !seen.has(id) && s.item.endedAt === null);
    await eachAtMost(RUNNING_AT_ONCE, running, async ([id, s]) => {
      try {
        const body = await this.qs.client.getXml(failoverSessionPath(s.item.ref.nativeId), signal);
        const raw = RawFailoverSession.safeParse(body.CloudFailoverSession);
        if (raw.success) await keep(raw.data);
        else bad.add('CloudFailoverSession', raw.error.issues[0]?.message ?? 'invalid');
      } catch (err) {
        if (!(isUpstreamError(err) && err.code === 'not_found')) throw err;
        sessions.delete(id);
        deleted.push(id);
        ended.push(s.item);
      }
    });
    if (plansChanged) {
      // Sessions take their tenant from their plan's (the only part of a session the plans decide).
      for (const [id, s] of sessions) {
        const tenant = ctx.tenantByPlan.get(s.planKey) ?? null;
        if (tenant === s.item.tenant) continue;
        sessions.set(id, { ...s, item: { ...s.item, tenant } });
        moved.add(id);
      }
    }

    // Points: the new ones, and every point of the VMs whose sessions ended (a failover or its
    // undo changes the state of the VM's replica points, not their creation time).
    const guess = tenantGuess(tenantsOfVm, state.tenantOfReplica);
    const read = await this.readPoints(bad, signal, guess, from('pointsMark'));
    const endedVms = [...vmsOf(ended, rawPlans)];
    for (let i = 0; i < endedVms.length; i += VMS_PER_QUERY) {
      const filter = anyEquals('vmName', endedVms.slice(i, i + VMS_PER_QUERY));
      // A name the filter language cannot quote: its points are brought up to date at the next full read.
      if (filter) for (const p of await this.readPoints(bad, signal, guess, filter)) read.set(p);
    }

    // Every read has succeeded: from here on nothing fails (the steps only give way to requests,
    // and no other read runs meanwhile: `poll` shares one), so the points are changed in place (a
    // copy of a million would cost more than the whole poll).
    const points = state.points;
    /** The points read or given another tenant, by id. */
    const upserted = new Map<string, KeptPoint>();
    const removed: string[] = [];
    // Points of the re-read VMs that the upstream no longer lists were deleted.
    const rereadVms = new Set(endedVms.map(boundedText));
    if (rereadVms.size > 0) {
      for (const p of points) {
        const id = p.id;
        if (rereadVms.has(p.vmName) && !read.has(id)) {
          points.delete(id);
          removed.push(id);
        }
      }
    }
    let newReplica = false;
    for (const p of read) {
      const id = p.id;
      const before = points.get(id);
      if (before && samePoint(before, p)) continue;
      points.set(p);
      upserted.set(id, p);
      if (!state.tenantOfReplica.has(replicaKey(p))) newReplica = true;
    }
    let tenantOfReplica = state.tenantOfReplica;
    if (plansChanged || newReplica) tenantOfReplica = await tenantsOfReplicas(points.values(), tenantsOfVm);
    const retenanted = await withTenants(
      points,
      plansChanged || newReplica ? points.values() : [...upserted.values()],
      tenantOfReplica,
    );
    for (const p of retenanted) upserted.set(p.id, p);
    const pointsChanged = upserted.size > 0 || removed.length > 0;

    const sessionsChanged = moved.size > 0 || deleted.length > 0;
    const next: SyncState = {
      ...state,
      plansAt: rawPlans === state.rawPlans ? state.plansAt : now,
      rawPlans,
      ctx,
      tenantsOfVm,
      sessions,
      points,
      tenantOfReplica,
      pointsMark: Math.max(state.pointsMark, await newest(read.values(), pointMs, state.pointsMark)),
      sessionsMark: Math.max(state.sessionsMark, sessionsMark),
      overlap: overlapDue
        ? { at: now, pointsMark: state.pointsMark, sessionsMark: state.sessionsMark }
        : state.overlap,
      snapshot: {
        failoverSessions: sessionsChanged
          ? [...sessions.values()].map((s) => s.item)
          : state.snapshot.failoverSessions,
        replicaPoints: pointsChanged ? await points.valuesArray() : state.snapshot.replicaPoints,
        protectedVms: plansChanged ? protectedVms(rawPlans) : state.snapshot.protectedVms,
        plans: state.snapshot.plans,
        unreadable: state.fullUnreadable,
        changes: {
          ...(pointsChanged
            ? {
                replicaPoints: {
                  complete: false,
                  upserted: [...upserted.values()],
                  removed,
                },
              }
            : {}),
          ...(sessionsChanged
            ? {
                failoverSessions: {
                  complete: false,
                  upserted: [...moved].map((id) => sessions.get(id)!.item),
                  removed: deleted,
                },
              }
            : {}),
        },
      },
    };
    if (plansChanged || sessionsChanged || pointsChanged) next.snapshot.plans = await this.plans(next, bad);
    next.snapshot.unreadable = {
      count: state.fullUnreadable.count + bad.count,
      firstError: state.fullUnreadable.firstError ?? bad.firstError,
    };
    this.stamp(next.snapshot, state);
    this.state = next;
    return next.snapshot;
  }

  /**
   * The points a query names, normalized page by page (a page's text is released before the next
   * is read), each kept with shared strings and the tenant `guess` gives it: the large collection,
   * at a million items, made once each when the guess holds (`withTenants` replaces the others).
   */
  private async readPoints(
    bad: Unreadable,
    signal: AbortSignal | undefined,
    guess: (p: ReplicaPoint) => string | null,
    filter?: QueryFilter,
    reuse?: KeptPoints,
  ): Promise<KeptPoints> {
    const points = new KeptPoints();
    const take = (p: ReplicaPoint) => {
      const old = reuse?.get(p.id);
      points.set(old && samePoint(old, p) ? old : this.kept(p, guess(p)));
    };
    await queryEach(this.qs, 'CloudVmReplicaPoint', bad, take, signal, filter);
    return points;
  }

  /**
   * A point with its repeated values shared. Its id is a string of its own already: a page's
   * items come back as a copy, from a worker or not (`onThisThread`).
   */
  private kept(p: ReplicaPoint, tenant: string | null): KeptPoint {
    const s = this.strings;
    return keptPoint(
      p.id,
      s.shared(this.qs.sourceId),
      s.shared(p.vmName),
      pointMs(p),
      s.shared(p.pointType),
      s.shared(p.nativeState),
      s.shared(p.replicaName),
      s.shared(p.replicaId),
      s.shared(p.backupServer),
      s.shared(tenant),
    );
  }

  /**
   * Numbers a snapshot, and says which one its changes are relative to: the last one read, even
   * when another caller than the poller asked for it (`readPlan` reads as a poll does).
   */
  private stamp(snapshot: InventorySnapshot, before: SyncState | null): void {
    snapshot.version = ++this.versions;
    if (before) snapshot.changesSince = before.snapshot.version;
  }

  /** The plans, with their state read from the sessions and each VM's newest point. */
  private async plans(state: SyncState, bad: Unreadable): Promise<Plan[]> {
    const newestPoint = new Map<string, ReplicaPoint>();
    await inSlices(state.points.values(), (p) => {
      const k = vmKey(p.tenant, p.vmName);
      const cur = newestPoint.get(k);
      if (!cur || pointMs(p) > pointMs(cur)) newestPoint.set(k, p);
    });
    const sessions = [...state.sessions.values()].map((s) => s.item);
    const plans = await normalizeEach(
      state.rawPlans,
      (raw) => normalizeEmPlan(raw, this.qs.sourceId, sessions, newestPoint),
      'CloudFailoverPlan',
      bad,
    );
    return [...plans.values()];
  }
}

/** What tenants are looked up by, made once per read of the plans: by plan name, and by VM. */
async function tenantsOfPlans(
  sourceId: string,
  rawPlans: readonly RawFailoverPlan[],
): Promise<{ ctx: NormalizeContext; tenantsOfVm: TenantsOfVm }> {
  return {
    ctx: { sourceId, tenantByPlan: tenantByPlanName(rawPlans) },
    tenantsOfVm: await tenantsOfVms(rawPlans),
  };
}

function keepSessions(
  raws: readonly RawFailoverSession[],
  ctx: NormalizeContext,
  bad: Unreadable,
  strings: SharedStrings,
): Promise<Map<string, KeptSession>> {
  return normalizeEach(
    raws,
    (raw) => {
      const item = withSharedTexts(normalizeFailoverSession(raw, ctx), strings);
      return { id: item.id, planKey: raw['@_Name'], item };
    },
    'CloudFailoverSession',
    bad,
  );
}

/**
 * A session as kept: the texts its tasks repeat (names, states, results) shared. At `large` the
 * sessions' tasks held about a million strings, a quarter of the heap's objects, each marked by
 * every full collection. Times and messages are not shared: their values do not repeat, and what
 * is shared is kept for as long as the sync.
 */
function withSharedTexts(s: FailoverSession, strings: SharedStrings): FailoverSession {
  s.planName = strings.shared(s.planName);
  s.backupServer = strings.shared(s.backupServer);
  s.tenant = strings.shared(s.tenant);
  s.nativeState = strings.shared(s.nativeState);
  s.nativeResult = strings.shared(s.nativeResult);
  for (const t of s.vms) {
    t.vmName = strings.shared(t.vmName);
    t.nativeState = strings.shared(t.nativeState);
    t.nativeResult = strings.shared(t.nativeResult);
  }
  return s;
}

/**
 * A point's tenant as `tenantsOfReplicas` will likeliest decide it: its replica's when known;
 * else the one tenant whose plans name its VM (a replica of one VM is decided so); else the
 * tenant an earlier point of its replica was guessed from its VM, for a VM that no plan names
 * (at the first sync of `large`, two thirds of the points were otherwise made twice); else none.
 */
function tenantGuess(
  tenantsOfVm: TenantsOfVm,
  known: ReadonlyMap<string, string | null> | undefined,
): (p: ReplicaPoint) => string | null {
  const learned = new Map<string, string>();
  return (p) => {
    const replica = replicaKey(p);
    if (known?.has(replica)) return known.get(replica)!;
    const tenants = tenantsOfVm.get(p.vmName);
    if (tenants?.size !== 1) return learned.get(replica) ?? null;
    const [tenant] = tenants;
    if (!learned.has(replica)) learned.set(replica, tenant!);
    return tenant!;
  };
}

/**
 * Gives the points named their replica's tenant; a point whose tenant changes is replaced, not
 * edited (the served snapshot holds it). The points put in their place.
 */
async function withTenants(
  points: KeptPoints,
  which: Iterable<KeptPoint>,
  tenantOfReplica: ReadonlyMap<string, string | null>,
): Promise<KeptPoint[]> {
  const changed: KeptPoint[] = [];
  await inSlices(which, (p) => {
    const tenant = tenantOfReplica.get(replicaKey(p)) ?? null;
    if (p.tenant === tenant) return;
    const retenanted = p.withTenant(tenant);
    points.set(retenanted);
    changed.push(retenanted);
  });
  return changed;
}

/** Whether a point read again says nothing new (its tenant is not the upstream's but ours, from plans). */
function samePoint(a: ReplicaPoint, b: ReplicaPoint): boolean {
  return (
    a.id === b.id &&
    a.vmName === b.vmName &&
    pointMs(a) === pointMs(b) &&
    a.pointType === b.pointType &&
    a.nativeState === b.nativeState &&
    a.replicaName === b.replicaName &&
    a.replicaId === b.replicaId &&
    a.backupServer === b.backupServer
  );
}

/**
 * What a full read changed against the sessions held before it; null when nothing did. A session
 * read again as it was is kept as the same object.
 */
function changedSessions(
  before: ReadonlyMap<string, KeptSession>,
  after: Map<string, KeptSession>,
): CollectionChanges | null {
  const upserted: FailoverSession[] = [];
  for (const [id, s] of after) {
    const old = before.get(id);
    if (old && JSON.stringify(old.item) === JSON.stringify(s.item)) after.set(id, old);
    else upserted.push(s.item);
  }
  const removed = [...before.keys()].filter((id) => !after.has(id));
  return upserted.length || removed.length ? { complete: false, upserted, removed } : null;
}

/** What a full read changed against the points held before it; null when nothing did. */
async function pointChanges(before: KeptPoints, after: KeptPoints): Promise<CollectionChanges | null> {
  const upserted: ReplicaPoint[] = [];
  const removed: string[] = [];
  await inSlices(after.values(), (p) => before.get(p.id) !== p && upserted.push(p));
  await inSlices(before.values(), (p) => {
    const id = p.id;
    if (!after.has(id)) removed.push(id);
  });
  return upserted.length || removed.length ? { complete: false, upserted, removed } : null;
}

/** Whether two lists say the same, item by item (thousands of plans at `large`: in slices). */
async function sameJson(a: readonly unknown[], b: readonly unknown[]): Promise<boolean> {
  if (a.length !== b.length) return false;
  let same = true;
  await inSlices(
    a.keys(),
    (i) => {
      same &&= JSON.stringify(a[i]) === JSON.stringify(b[i]);
    },
    8,
  );
  return same;
}

/** The VM names of the sessions' tasks and of their plans. */
function vmsOf(sessions: readonly FailoverSession[], plans: readonly RawFailoverPlan[]): Set<string> {
  const names = new Set<string>();
  for (const s of sessions) {
    for (const t of s.vms) names.add(t.vmName);
    for (const p of plans)
      if (boundedText(p['@_Name']) === s.planName) for (const vm of planVmNames(p)) names.add(vm);
  }
  return names;
}

function protectedVms(rawPlans: readonly RawFailoverPlan[]): ProtectedVm[] {
  return rawPlans.flatMap((p) =>
    planVmNames(p).map((vmName) => ({
      vmName: boundedText(vmName),
      tenant: p.TenantName ? boundedText(p.TenantName) : null,
    })),
  );
}

/** The newest time among the items (ms), or `fallback` when none has one (NaN). */
async function newest<T>(items: Iterable<T>, msOf: (item: T) => number, fallback: number): Promise<number> {
  let max = -Infinity;
  await inSlices(items, (item) => {
    const ms = msOf(item);
    if (ms > max) max = ms;
  });
  return Number.isFinite(max) ? max : fallback;
}

/** A session's start in ms since the epoch; NaN when the upstream gave none. */
const sessionMs = (s: FailoverSession): number => (s.startedAt === null ? NaN : Date.parse(s.startedAt));

/** Runs `fn` on every item, at most `limit` at a time; the first failure fails the whole. */
async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
