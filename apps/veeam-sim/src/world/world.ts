// The world: one coherent, deterministic data set that every simulated Veeam API reads from, plus
// its clock. Build it with createWorld(); ask it for anything at a time (usually clock.now()).

import { createWorldClock, type WorldClock } from './clock.ts';
import { generateWorld } from './generate-world.ts';
import { normalizeGuid } from './guid.ts';
import { createRng } from './prng.ts';
import type { ReplicaState, RestorePoints } from './restore-points.ts';
import { SCALES, type ScaleName } from './scale.ts';
import { sessionSnapshot, taskSnapshot, type SessionSnapshot } from './session-lifecycle.ts';
import type { BackupServer, FailoverPlan, FailoverSession, ReplicationJob, Tenant, Vm } from './types.ts';

export interface WorldOptions {
  scale?: ScaleName;
  seed?: number;
  /** World seconds per real second (default 1; 0 freezes the clock). */
  speed?: number;
  /** The world's start time; default: now. Pin it for reproducible times. */
  epoch?: Date;
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
  /** Oldest first. */
  readonly sessions: readonly FailoverSession[];
  readonly points: RestorePoints;
  backupServerByUid(uid: string): BackupServer | undefined;
  /** The replication job whose CloudReplica has this GUID. */
  jobByReplicaUid(uid: string): ReplicationJob | undefined;
  planByUid(uid: string): FailoverPlan | undefined;
  sessionByUid(uid: string): FailoverSession | undefined;
  sessionAt(session: FailoverSession, atMs: number): SessionSnapshot;
  /** State of a VM's replica: Failover while a failover of it stands (started and not undone). */
  replicaState(vmIndex: number, atMs: number): ReplicaState;
}

export const DEFAULT_SEED = 1;

export function createWorld(options: WorldOptions = {}): World {
  const scale = options.scale ?? 'small';
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = createWorldClock(options.epoch?.getTime() ?? Date.now(), options.speed ?? 1);
  const data = generateWorld(createRng(seed), seed, SCALES[scale], clock.startMs);
  const byUid = <T extends { uid: string }>(items: readonly T[]) =>
    new Map(items.map((item) => [item.uid, item]));
  const servers = byUid(data.backupServers);
  const replicas = new Map(data.jobs.map((job) => [job.replicaUid, job]));
  const plans = byUid(data.plans);
  const sessions = byUid(data.sessions);
  const sessionsByVm = indexSessionsByVm(data.sessions, data.plans);
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
    backupServerByUid: (uid) => lookup(servers, uid),
    jobByReplicaUid: (uid) => lookup(replicas, uid),
    planByUid: (uid) => lookup(plans, uid),
    sessionByUid: (uid) => lookup(sessions, uid),
    sessionAt,
    replicaState(vmIndex, atMs) {
      const latest = (sessionsByVm.get(vmIndex) ?? [])
        .map((index) => data.sessions[index] as FailoverSession)
        .filter((session) => session.createdMs <= atMs)
        .at(-1);
      if (!latest) return 'Ready';
      const plan = data.plans[latest.plan] as FailoverPlan;
      const position = plan.vms.findIndex((planVm) => planVm.vm === vmIndex);
      const task = taskSnapshot(latest, plan, position, data.vms, data.points, atMs);
      const done = task.state === 'Stopped';
      const succeeded = done && task.result !== 'Failed';
      if (latest.kind === 'failover') return done && !succeeded ? 'Ready' : 'Failover';
      return succeeded ? 'Ready' : 'Failover';
    },
  };
}

/** For each VM in some plan, the indices of the sessions of those plans, oldest first. */
function indexSessionsByVm(
  sessions: readonly FailoverSession[],
  plans: readonly FailoverPlan[],
): Map<number, number[]> {
  const byVm = new Map<number, number[]>();
  for (const session of sessions) {
    for (const planVm of (plans[session.plan] as FailoverPlan).vms) {
      const list = byVm.get(planVm.vm) ?? [];
      list.push(session.index);
      byVm.set(planVm.vm, list);
    }
  }
  return byVm;
}
