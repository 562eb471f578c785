import type { FailoverSession, Plan, PlanAction, ReplicaPoint, ReplicationJob } from '@lifeboat/shared';
import type { z } from 'zod';
import type { OffThread } from './off-thread.ts';

/** One configured upstream, as the BFF's validated config hands it to a connector. */
export interface SourceSettings {
  id: string;
  kind: string;
  name: string;
  /** Base URL without a path. */
  url: string;
  username: string;
  /** Resolved from the environment or a file by the BFF; never from the config file itself. */
  password: string;
  /** PEM CA bundle to trust, read from tls.caFile. */
  ca?: string;
  /** SHA-256 fingerprint of the upstream's certificate to trust instead of a CA (tls.pinnedSha256). */
  pinnedSha256?: string;
  timeoutSeconds: number;
  /** Cap on one response body. */
  maxResponseBytes: number;
  /** Shortens the logon backoff and breaker periods (tests); production leaves them unset. */
  timing?: Partial<ResilienceTiming>;
}

/** The periods of the auth lifecycle and the read policy, in milliseconds. */
export interface ResilienceTiming {
  /** After credentials are refused, at most one logon attempt per this period. */
  logonBackoffMs: number;
  /** An open circuit lets one trial call through after this long. */
  breakerHalfOpenMs: number;
}

/** A VM a source says is protected (so a VM with no restore point still shows, as unknown RPO). */
export interface ProtectedVm {
  vmName: string;
  tenant: string | null;
}

/** The typed collections any kind may fill; a kind fills the ones its upstream knows. */
export interface Collections {
  failoverSessions: FailoverSession[];
  replicaPoints: ReplicaPoint[];
  protectedVms: ProtectedVm[];
  plans: Plan[];
  replicationJobs: ReplicationJob[];
}
export type CollectionName = keyof Collections;

/** What changed in one collection since the connector's previous snapshot (see `Connector.tracked`). */
export interface CollectionChanges {
  /** Every item was read afresh: `upserted` is the whole collection, in place of what was. */
  complete: boolean;
  upserted: readonly { id: string }[];
  removed: readonly string[];
}

/**
 * What one poll of a source yields. Items the upstream sent that could not be read are counted,
 * never silently dropped.
 */
export type InventorySnapshot = Partial<Collections> & {
  unreadable: { count: number; firstError: string | null };
  /** From a connector with tracked collections: this snapshot's number, counting up. */
  version?: number;
  /**
   * For each tracked collection whose array is new: what changed in it since the snapshot numbered
   * `changesSince` (the connector's previous one, whoever asked for it).
   */
  changes?: Partial<Record<CollectionName, CollectionChanges>>;
  changesSince?: number;
};

/** The parameters of a plan action, as the BFF validated them (each kind maps them to its API). */
export interface ActionParams {
  /** Failover: the latest restore point, or the latest before a time (ISO). */
  restorePoint?: { latest: true } | { before: string };
  executeChainedPlans?: boolean;
  /** Failback: where to, and whether to copy VM tags back. */
  restoreLocationId?: string;
  failbackRestoreVMTags?: boolean;
}

/** What the upstream answered to an action, quoted in the operation's receipt. */
export interface ActionReceipt {
  status: number;
  /** The answer's body, bounded (first 2,000 characters), as text. */
  excerpt: string;
  /** The upstream's handle on the run (an Enterprise Manager task id), when it gives one. */
  correlation: string | null;
}

/** A connector: the only code that talks to an upstream. Routes never call one directly. */
export interface Connector {
  readonly settings: SourceSettings;
  /** The collections every successful fetch fills (an empty one means the upstream has none). */
  readonly collections: readonly CollectionName[];
  /**
   * Collections too large to compare or store whole on every poll: the connector says what changed
   * in them (`InventorySnapshot.changes`), and hands an unchanged one back as the same array.
   */
  readonly tracked?: readonly CollectionName[];
  /** Reads everything the dashboard lists from this source, in as few calls as the API allows. */
  fetchInventory(signal?: AbortSignal): Promise<InventorySnapshot>;
  /** Fresh detail of one failover session, by its native id. */
  getFailoverSession?(nativeId: string, signal?: AbortSignal): Promise<FailoverSession>;
  /** Re-reads one plan now, by its native id (the dispatch-time guard and reconciliation). */
  readPlan?(nativeId: string, signal?: AbortSignal): Promise<Plan>;
  /**
   * Sends one plan action, exactly once: never retried. An upstream refusal throws an
   * UpstreamError with the HTTP status; a lost answer (timeout, reset) throws one without.
   */
  runPlanAction?(
    nativeId: string,
    action: PlanAction,
    params: ActionParams,
    signal?: AbortSignal,
  ): Promise<ActionReceipt>;
  /** Ends the upstream session (logoff) and releases sockets. */
  close(): Promise<void>;
}

/**
 * One upstream kind in the registry: the settings it takes beyond the common ones (validated
 * with the rest of the config, so a mistake reads as a config error) and how to build it.
 */
export interface UpstreamKind<Own extends z.ZodObject = z.ZodObject> {
  /** Its own settings, e.g. a page size or a preferred API generation; every key has a default. */
  settings: Own;
  /** `offThread` is where it may parse and normalize large answers; by default, this thread. */
  create(settings: SourceSettings, own: z.infer<Own>, offThread?: OffThread): Connector;
}

/** Declares a kind with its settings type checked against its factory. */
export const upstreamKind = <Own extends z.ZodObject>(kind: UpstreamKind<Own>) => kind;
