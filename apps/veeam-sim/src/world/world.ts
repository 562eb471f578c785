// The world: one coherent, deterministic data set that every simulated Veeam API reads from, plus
// its clock and its run log. Build it with createWorld(); ask it for anything at a time (usually
// clock.now()). The seeded part never changes; runs of plans, whichever API starts them, go into
// the run log, and the sessions and replica states they bring are derived from it. Hostile names
// (names.ts) can be switched on and off at run time: `tenants`, `jobs`, `vms`, `plans` and `points`
// read the names in force at each access, and the uid lookups hold indices, not objects, so every
// API that reads through the world at request time follows the switch.

import { createWorldClock, type WorldClock } from './clock.ts';
import { generateWorld, type WorldData } from './generate-world.ts';
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
  /**
   * Give some tenant, job, VM and plan names and a session FailureMessage hostile strings
   * (names.ts) from the start; setHostileNames() switches them later.
   */
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
  /** Whether the hostile names are in force now. */
  readonly hostileNames: boolean;
  /** Switches the hostile names on or off; ids and structure stay the same. */
  setHostileNames(on: boolean): void;
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
  const plain = generateWorld(createRng(seed), seed, SCALES[scale], clock.startMs);
  // The hostile variant shares every object it does not rename (and its points are computed, not
  // stored), so it costs a few arrays of references; made on first use only.
  let hostileData: WorldData | undefined;
  const hostileView = (): WorldData => (hostileData ??= withHostileNames(plain, seed));
  let hostile = false;
  const current = (): WorldData => (hostile ? hostileView() : plain);
  const indexByUid = <T extends { index: number }>(items: readonly T[], uidOf: (item: T) => string) =>
    new Map(items.map((item) => [uidOf(item), item.index]));
  const servers = indexByUid(plain.backupServers, (server) => server.uid);
  const replicas = indexByUid(plain.jobs, (job) => job.replicaUid);
  const plans = indexByUid(plain.plans, (plan) => plan.uid);
  const sessions = createSessionStore(plain.sessions);
  const runs = createPlanRuns({
    seed,
    get plans() {
      return current().plans;
    },
    get vms() {
      return current().vms;
    },
    get points() {
      return current().points;
    },
    sessions,
    now: () => clock.now(),
  });
  const lookup = <T>(items: () => readonly T[], map: ReadonlyMap<string, number>, uid: string) => {
    const key = normalizeGuid(uid);
    const index = key === undefined ? undefined : map.get(key);
    return index === undefined ? undefined : items()[index];
  };
  const sessionAt = (session: FailoverSession, atMs: number): SessionSnapshot => {
    const data = current();
    return sessionSnapshot(session, data.plans[session.plan] as FailoverPlan, data.vms, data.points, atMs);
  };
  const setHostileNames = (on: boolean): void => {
    if (on === hostile) return;
    hostile = on;
    // The seeded sessions the hostile variant changes (its FailureMessage): swapped in the store,
    // which never replaces seeded sessions otherwise (only runs' sessions are halted).
    const shown = current().sessions;
    hostileView().sessions.forEach((session, index) => {
      if (session !== plain.sessions[index]) sessions.replace(shown[index] as FailoverSession);
    });
  };
  setHostileNames(options.hostileNames ?? false);

  return {
    seed,
    scale,
    clock,
    backupServers: plain.backupServers,
    get tenants() {
      return current().tenants;
    },
    get jobs() {
      return current().jobs;
    },
    get vms() {
      return current().vms;
    },
    get plans() {
      return current().plans;
    },
    get points() {
      return current().points;
    },
    sessions: sessions.list,
    runs,
    get hostileNames() {
      return hostile;
    },
    setHostileNames,
    backupServerByUid: (uid) => lookup(() => plain.backupServers, servers, uid),
    jobByReplicaUid: (uid) => lookup(() => current().jobs, replicas, uid),
    planByUid: (uid) => lookup(() => current().plans, plans, uid),
    sessionByUid: (uid) => sessions.byUid(uid),
    sessionAt,
    planBusy: (planIndex, atMs) =>
      runs.ofPlan(planIndex).some((run) => atMs < runEndMs(run)) ||
      sessions.list.some(
        (session) => session.plan === planIndex && sessionAt(session, atMs).state !== 'Stopped',
      ),
    // Structure only (which VM is in which plan, the points' times): the names play no part.
    replicaState: createReplicaStates({ ...plain, seededSessions: plain.sessions, runs }),
  };
}
