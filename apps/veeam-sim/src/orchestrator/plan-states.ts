// The states a recovery (replica) plan goes through and the operations that move it, as one table.
// UI names (stateName) are those of the VRO 13 user guide, "Plan states and modes". Veeam never
// published the API's machine values for `state`, so `state` is a stable PascalCase value of our own,
// with distinct values for "executing" and "done" (both show FAILOVER in the UI). The stable values
// double as the v1/v2 `planState` strings (`Failover` is documented; the others follow its pattern).

export type StableState =
  | 'NotVerified'
  | 'Verified'
  | 'Failover'
  | 'PermanentFailover'
  | 'Failback'
  | 'CommitFailback'
  | 'UndoFailover'
  | 'UndoFailback'
  | 'Halted';

export type ActiveState =
  | 'FailoverInProgress'
  | 'PermanentFailoverInProgress'
  | 'FailbackInProgress'
  | 'CommitFailbackInProgress'
  | 'UndoFailoverInProgress'
  | 'UndoFailbackInProgress'
  | 'Halting';

export type PlanState = StableState | ActiveState;

/** A plan's or a step's outcome; None until something finished. VRO's UI says success/warning/error. */
export type RunResult = 'None' | 'Success' | 'Warning' | 'Error';

export const STATE_NAMES: Readonly<Record<PlanState, string>> = {
  NotVerified: 'NOT VERIFIED',
  Verified: 'VERIFIED',
  Failover: 'FAILOVER',
  PermanentFailover: 'PERMANENT FAILOVER',
  Failback: 'FAILBACK',
  CommitFailback: 'COMMIT FAILBACK',
  UndoFailover: 'UNDO FAILOVER',
  UndoFailback: 'UNDO FAILBACK',
  Halted: 'HALTED',
  FailoverInProgress: 'FAILOVER',
  PermanentFailoverInProgress: 'PERMANENT FAILOVER',
  FailbackInProgress: 'FAILBACK',
  CommitFailbackInProgress: 'COMMIT FAILBACK',
  UndoFailoverInProgress: 'UNDO FAILOVER',
  UndoFailbackInProgress: 'UNDO FAILBACK',
  Halting: 'HALTING',
};

export type Operation =
  'failover' | 'permanentFailover' | 'failback' | 'commitFailback' | 'undoFailover' | 'undoFailback';

export interface StepKind {
  readonly name: string;
  /** Typical world-time duration per VM; each VM's actual time varies around it. */
  readonly seconds: number;
  /** What the step reports when the run ends with a warning or an error on it. */
  readonly warning: string;
  readonly error: string;
}

export interface OperationSpec {
  /** How VRO names the operation in messages. */
  readonly label: string;
  readonly active: ActiveState;
  readonly target: StableState;
  /** The stable states the operation may start from. */
  readonly from: readonly StableState[];
  /** Run for each VM in boot order, one VM after another. */
  readonly steps: readonly StepKind[];
}

/** Where the workloads run: production, or replicas in the DR site. */
const ON_PRODUCTION: readonly StableState[] = ['NotVerified', 'Verified', 'UndoFailover', 'CommitFailback'];
const ON_REPLICAS: readonly StableState[] = ['Failover', 'UndoFailback'];

const PROCESS_REPLICA: StepKind = {
  name: 'Process Replica VM',
  seconds: 90,
  warning: 'Replica VM started with a restore point older than the plan RPO',
  error: 'Failed to power on the replica: not enough memory on the target host',
};
const CHECK_HEARTBEAT: StepKind = {
  name: 'Check VM Heartbeat',
  seconds: 30,
  warning: 'VM heartbeat was not received within 300 seconds; continuing',
  error: 'VM heartbeat was not received: the guest OS did not start',
};
const FAIL_BACK: StepKind = {
  name: 'Fail Back to Production',
  seconds: 120,
  warning: 'VM tags could not be restored on the production VM',
  error: 'Failed to synchronize the replica with the production VM: the source host is unreachable',
};
const COMMIT: StepKind = {
  name: 'Commit Failback',
  seconds: 20,
  warning: 'Replica snapshot cleanup was deferred',
  error: 'Failed to commit failback: the replica is locked by another task',
};
const UNDO: StepKind = {
  name: 'Undo Failover',
  seconds: 45,
  warning: 'Replica changes were discarded but the replica could not be powered off cleanly',
  error: 'Failed to revert the replica to its original state: snapshot is missing',
};
const UNDO_FAILBACK: StepKind = { ...UNDO, name: 'Undo Failback' };
const FINALIZE_PERMANENT: StepKind = {
  name: 'Finalize Permanent Failover',
  seconds: 20,
  warning: 'The replica was removed from the replication job but its restore points were kept',
  error: 'Failed to remove the replica from the replication job',
};

export const OPERATIONS: Readonly<Record<Operation, OperationSpec>> = {
  failover: {
    label: 'failover',
    active: 'FailoverInProgress',
    target: 'Failover',
    from: ON_PRODUCTION,
    steps: [PROCESS_REPLICA, CHECK_HEARTBEAT],
  },
  permanentFailover: {
    label: 'permanent failover',
    active: 'PermanentFailoverInProgress',
    target: 'PermanentFailover',
    from: [...ON_PRODUCTION, ...ON_REPLICAS],
    steps: [PROCESS_REPLICA, CHECK_HEARTBEAT, FINALIZE_PERMANENT],
  },
  failback: {
    label: 'failback',
    active: 'FailbackInProgress',
    target: 'Failback',
    from: ON_REPLICAS,
    steps: [FAIL_BACK, CHECK_HEARTBEAT],
  },
  commitFailback: {
    label: 'commit failback',
    active: 'CommitFailbackInProgress',
    target: 'CommitFailback',
    from: ['Failback'],
    steps: [COMMIT],
  },
  // Undo from HALTED undoes everything, back to production (VAO 3.0 "Undo Plan").
  undoFailover: {
    label: 'undo failover',
    active: 'UndoFailoverInProgress',
    target: 'UndoFailover',
    from: ['Failover', 'Halted'],
    steps: [UNDO],
  },
  undoFailback: {
    label: 'undo failback',
    active: 'UndoFailbackInProgress',
    target: 'UndoFailback',
    from: ['Failback'],
    steps: [UNDO_FAILBACK],
  },
};

/** What Undo means in a state (VAO 3.0: undo failover in FAILOVER or HALTED, undo failback in FAILBACK). */
export function undoOperation(state: StableState): Operation | undefined {
  if (state === 'Failover' || state === 'Halted') return 'undoFailover';
  if (state === 'Failback') return 'undoFailback';
  return undefined;
}

export function isActive(state: PlanState): state is ActiveState {
  return state.endsWith('InProgress') || state === 'Halting';
}

/** A plan's state before anyone ran it: enabled plans passed their readiness check, disabled ones never had one. */
export function initialState(enabled: boolean): StableState {
  return enabled ? 'Verified' : 'NotVerified';
}
