import type { ChildProcess } from 'node:child_process';

export declare const DEMO_USERS: string[];
export declare const DEFAULT_DEMO_PASSWORD: string;

export interface SimApi {
  url: string;
  username: string;
  password: string;
}

export interface SimInfo {
  enterpriseManager: SimApi;
  orchestrator: SimApi;
  serviceProviderConsole: SimApi;
  admin: { url: string };
}

export interface Demo {
  /** The BFF's URL; the same after `restartBff()`, which keeps the port. */
  readonly url: string;
  demoPassword: string;
  sim: SimInfo;
  /** The BFF now running (a new process after `restartBff()`). */
  readonly bffProcess: ChildProcess;
  simProcess: ChildProcess;
  /** Stops the BFF and starts it again on the same data folder, config and port; resolves with its URL. */
  restartBff(): Promise<string>;
  close(): Promise<void>;
}

export declare function startDemo(opts: {
  port?: number;
  dataDir: string;
  demoPassword?: string;
  simArgs?: string[];
  echo?: boolean;
  pollSeconds?: number;
  /** Sets the generated config's `policy.requireApproval` (off by default). */
  requireApproval?: boolean;
}): Promise<Demo>;
