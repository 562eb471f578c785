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
  url: string;
  demoPassword: string;
  sim: SimInfo;
  bffProcess: ChildProcess;
  simProcess: ChildProcess;
  close(): Promise<void>;
}

export declare function startDemo(opts: {
  port?: number;
  dataDir: string;
  demoPassword?: string;
  simArgs?: string[];
  echo?: boolean;
  pollSeconds?: number;
}): Promise<Demo>;
