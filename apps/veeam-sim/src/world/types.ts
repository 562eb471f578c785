// The entities of the simulated world, shared by every simulated API (Enterprise Manager, the
// Orchestrator and the Service Provider Console). Entities refer to each other by array index;
// GUIDs are what the APIs show. Restore points are not stored: see restore-points.ts.

export type Platform = 'VMware' | 'HyperV';

/** How a replication job behaves around the world's start, chosen to give a varied RPO picture. */
export type JobProfile = 'healthy' | 'exceeded' | 'severe' | 'critical';

export interface BackupServer {
  readonly index: number;
  readonly uid: string;
  /** Host name: Enterprise Manager shows it as the server's Name. */
  readonly name: string;
  readonly description: string;
  readonly port: number;
  readonly version: string;
}

/** A Cloud Connect tenant (a company of the service provider). */
export interface Tenant {
  readonly index: number;
  readonly uid: string;
  readonly name: string;
  readonly backupServer: number;
  readonly vms: readonly number[];
  readonly plans: readonly number[];
}

export interface ReplicationJob {
  readonly index: number;
  readonly uid: string;
  readonly name: string;
  /** What the job protects ("SQL", "Web"): its VMs are named after it. */
  readonly workload: string;
  readonly tenant: number;
  readonly backupServer: number;
  /** The job's CloudReplica as Enterprise Manager shows it (one per job). */
  readonly replicaUid: string;
  readonly platform: Platform;
  readonly profile: JobProfile;
  readonly intervalMinutes: number;
  /** Start time of run 0 (the job's first scheduled run). Run k starts at anchorMs + k x interval. */
  readonly anchorMs: number;
  /** Restore points kept per VM. */
  readonly retention: number;
  /** Run indices that failed (no restore point). */
  readonly failedRuns: ReadonlySet<number>;
  /** Every run from this index on fails (a job that is broken until someone fixes it). */
  readonly failingSinceRun: number | undefined;
  readonly vms: readonly number[];
}

export interface Vm {
  readonly index: number;
  readonly uid: string;
  readonly name: string;
  readonly tenant: number;
  readonly job: number;
  /** Position in the job: VMs are processed one after another within a run. */
  readonly position: number;
  /** First run that included this VM (it was added to the job then). */
  readonly firstRun: number;
}

export interface PlanVm {
  readonly vm: number;
  /** FailoverPlanVMId: the VM's id inside the plan. */
  readonly planVmId: string;
  readonly order: number;
}

export interface FailoverPlan {
  readonly index: number;
  readonly uid: string;
  readonly name: string;
  readonly tenant: number;
  readonly backupServer: number;
  readonly description: string;
  readonly vms: readonly PlanVm[];
  readonly preCommand: string | undefined;
  readonly postCommand: string | undefined;
  /** For the Orchestrator's view of the plan later. */
  readonly targetRpoMinutes: number;
  readonly enabled: boolean;
}

export type SessionKind = 'failover' | 'undo';
export type SessionState = 'Starting' | 'Working' | 'Stopping' | 'Stopped';
export type SessionResult = 'None' | 'Success' | 'Warning' | 'Failed';
export type FinalResult = Exclude<SessionResult, 'None'>;

/**
 * A cloud failover session: one start or undo of a plan, seeded or recorded in the run log
 * (plan-runs.ts). Its state follows from the clock.
 */
export interface FailoverSession {
  readonly index: number;
  readonly uid: string;
  readonly plan: number;
  readonly kind: SessionKind;
  readonly createdMs: number;
  readonly startingMs: number;
  readonly workingMs: number;
  readonly stoppingMs: number;
  /** Result once Stopped. */
  readonly result: FinalResult;
  readonly failureMessage: string | undefined;
  /** Per-VM outcome once that VM's task stops, by position in the plan. */
  readonly taskResults: readonly FinalResult[];
  readonly taskFailureMessages: readonly (string | undefined)[];
  /** Fail over to the points created before this time (a StartDate, a restore point date); absent: the newest. */
  readonly restorePointDateMs?: number;
  /** When the Orchestrator halted the run: the session stops then, its unfinished tasks failed. */
  readonly haltedAtMs?: number;
}
