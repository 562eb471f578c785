import type { FailoverSession, ReplicaPoint } from '@lifeboat/shared';

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
  timeoutSeconds: number;
  /** Cap on one response body. */
  maxResponseBytes: number;
}

/**
 * What one poll of a source yields. Each kind fills the parts its upstream knows; items the
 * upstream sent that could not be read are counted, never silently dropped.
 */
export interface InventorySnapshot {
  failoverSessions?: FailoverSession[];
  replicaPoints?: ReplicaPoint[];
  /** VMs the source says are protected (so a VM with no restore point still shows, as unknown RPO). */
  protectedVms?: { vmName: string; tenant: string | null }[];
  unreadable: { count: number; firstError: string | null };
}

/** A connector: the only code that talks to an upstream. Routes never call one directly. */
export interface Connector {
  readonly settings: SourceSettings;
  /** Reads everything the dashboard lists from this source, in as few calls as the API allows. */
  fetchInventory(signal?: AbortSignal): Promise<InventorySnapshot>;
  /** Fresh detail of one failover session, by its native id. */
  getFailoverSession?(nativeId: string, signal?: AbortSignal): Promise<FailoverSession>;
  /** Ends the upstream session (logoff) and releases sockets. */
  close(): Promise<void>;
}

export type ConnectorFactory = (settings: SourceSettings) => Connector;
