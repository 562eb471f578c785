// The world: one coherent, deterministic data set that every simulated Veeam API reads from, plus
// its clock and its run log. Build it with createWorld(); ask it for anything at a time (usually
// clock.now()). The seeded part never changes; runs of plans, whichever API starts them, go into
// the run log, and the sessions and replica states they bring are derived from it.

import { createWorldClock, type WorldClock } from './clock.ts';
import { generateWorld } from './generate-world.ts';
import { normalizeGuid } from './guid.ts';
import { withHostileNames } from './names.ts';
import { createPlanRuns, runEndMs, type PlanRuns } from './plan-runs.ts';
import { createRng } from './prng.ts';
import { createReplicaStates, type ReplicaState } from './replica-state.ts';
import type { RestorePoints } from './restore-points.ts';
import { SCALES, type ScaleName } from './scale.ts';
import { sessionSnapshot, type SessionSnapshot } from './session-lifecycle.ts';
import { createSessionStore } from './session-store.ts';
import type { BackupServer, FailoverPlan, FailoverSession, ReplicationJob, Tenant, Vm } from './types.ts';

export interface WorldOptions {
  scale?: ScaleName;
  seed?: number;
  /** World seconds per real second (default 1; 0 freezes the clock). */
  speed?: number;
  /** The world's start time; default: now. Pin it for reproducible times. */
  epoch?: Date;
  /** Give some tenant, job, VM and plan names and a session FailureMessage hostile strings (names.ts). */
  hostileNames?: boolean;
}

export interface World {
  readonly seed: number;
  readonly scale: ScaleName;
  readonly clock: WorldClock;
  readonly backupServers: readonly BackupServer[];
  readonly tenants: readonly Tenant[];
  readonly jobs: readonly ReplicationJob[];
  readonly vms: readonly Vm[];
  readonly plans: readonly FailoverPlan[];
  /** Oldest first: the seeded history, then the sessions of runs in the run log. */
  readonly sessions: readonly FailoverSession[];
  readonly points: RestorePoints;
  /** Every run of a plan since the world started, from any API. */
  readonly runs: PlanRuns;
  backupServerByUid(uid: string): BackupServer | undefined;
  /** The replication job whose CloudReplica has this GUID. */
  jobByReplicaUid(uid: string): ReplicationJob | undefined;
  planByUid(uid: string): FailoverPlan | undefined;
  sessionByUid(uid: string): FailoverSession | undefined;
  sessionAt(session: FailoverSession, atMs: number): SessionSnapshot;
  /** Whether a session or run of the plan is still under way at `atMs`. */
  planBusy(planIndex: number, atMs: number): boolean;
  /** State of a VM's replica: Failover while a failover of it stands (started and not undone), etc. */
  replicaState(vmIndex: number, atMs: number): ReplicaState;
}

export const DEFAULT_SEED = 1;

export function createWorld(options: WorldOptions = {}): World {
  const scale = options.scale ?? 'small';
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = createWorldClock(options.epoch?.getTime() ?? Date.now(), options.speed ?? 1);
  const generated = generateWorld(createRng(seed), seed, SCALES[scale], clock.startMs);
  const data = options.hostileNames ? withHostileNames(generated, seed) : generated;
  const byUid = <T extends { uid: string }>(items: readonly T[]) =>
    new Map(items.map((item) => [item.uid, item]));
  const servers = byUid(data.backupServers);
  const replicas = new Map(data.jobs.map((job) => [job.replicaUid, job]));
  const plans = byUid(data.plans);
  const sessions = createSessionStore(data.sessions);
  const runs = createPlanRuns({ seed, ...data, sessions, now: () => clock.now() });
  const lookup = <T>(map: ReadonlyMap<string, T>, uid: string): T | undefined => {
    const key = normalizeGuid(uid);
    return key === undefined ? undefined : map.get(key);
  };
  const sessionAt = (session: FailoverSession, atMs: number): SessionSnapshot =>
    sessionSnapshot(session, data.plans[session.plan] as FailoverPlan, data.vms, data.points, atMs);

  return {
    seed,
    scale,
    clock,
    ...data,
    sessions: sessions.list,
    runs,
    backupServerByUid: (uid) => lookup(servers, uid),
    jobByReplicaUid: (uid) => lookup(replicas, uid),
    planByUid: (uid) => lookup(plans, uid),
    sessionByUid: (uid) => sessions.byUid(uid),
    sessionAt,
    planBusy: (planIndex, atMs) =>
      runs.ofPlan(planIndex).some((run) => atMs < runEndMs(run)) ||
      sessions.list.some(
        (session) => session.plan === planIndex && sessionAt(session, atMs).state !== 'Stopped',
      ),
    replicaState: createReplicaStates({ ...data, seededSessions: data.sessions, runs }),
  };
}
