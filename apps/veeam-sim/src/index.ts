// The simulator: a seeded world, the Enterprise Manager, Orchestrator and Service Provider Console
// APIs each on its own port (HTTP, or HTTPS under a CA made at start), and the admin API.
// startSimulator() is what the demo, the tests and the CLI use; close() releases every socket.

import { randomBytes } from 'node:crypto';
import { startAdminServer } from './admin/admin-server.ts';
import { startEnterpriseManagerServer } from './enterprise-manager/enterprise-manager-server.ts';
import type { ApiServer } from './fault-injection/api-server.ts';
import { startOrchestratorServer } from './orchestrator/orchestrator-server.ts';
import { startServiceProviderConsoleServer } from './service-provider-console/service-provider-console-server.ts';
import { writeCaFile, type CaFile } from './tls/ca-file.ts';
import { createTlsIdentity } from './tls/self-signed-ca.ts';
import type { ScaleName } from './world/scale.ts';
import { createWorld, type World } from './world/world.ts';

export type { FaultRequest } from './fault-injection/fault-state.ts';
export type { ScaleName } from './world/scale.ts';
export type { World, WorldOptions } from './world/world.ts';

export interface SimulatorOptions {
  scale?: ScaleName;
  seed?: number;
  /** World seconds per real second (default 1). */
  speed?: number;
  /** The world's start time (default: now). */
  epoch?: Date;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 or absent: a free port. */
  ports?: {
    enterpriseManager?: number;
    orchestrator?: number;
    serviceProviderConsole?: number;
    admin?: number;
  };
  /** Enterprise Manager logon session idle timeout in real minutes (default 15; fractions allowed). */
  emIdleMinutes?: number;
  /** Orchestrator token lifetimes in world minutes (defaults 15 and 120, as VRO). */
  vroAccessMinutes?: number;
  vroRefreshMinutes?: number;
  /** Service Provider Console access token lifetime in real minutes (default 60). */
  vspcAccessMinutes?: number;
  /** The service account on every API. */
  username?: string;
  /** Default: a random password for each API at each start. */
  password?: string;
  /**
   * Serve the three APIs over HTTPS with a certificate (127.0.0.1, ::1, localhost) from a CA made
   * at start; the admin API stays HTTP. The CA certificate is written to `caFile`.
   */
  tls?: boolean;
  /** With `tls`: the directory for the CA file (kept); default a temporary one, removed on close. */
  tlsDir?: string;
  /**
   * Give some tenant, job, VM and plan names and a session FailureMessage the §7.3 hostile strings
   * from the start; POST /admin/names (or `world.setHostileNames`) switches them at run time.
   */
  hostileNames?: boolean;
}

export interface Credentials {
  url: string;
  username: string;
  password: string;
}

export interface RunningSimulator {
  enterpriseManager: Credentials;
  orchestrator: Credentials;
  serviceProviderConsole: Credentials;
  admin: { url: string };
  /** With `tls`: the PEM file of the CA that signed the APIs' certificate, for clients to trust. */
  caFile?: string;
  world: World;
  close(): Promise<void>;
}

export const DEFAULT_USERNAME = 'svc-lifeboat';

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? DEFAULT_USERNAME;
  const password = () => options.password ?? randomBytes(12).toString('base64url');
  const world = createWorld({
    scale: options.scale,
    seed: options.seed,
    speed: options.speed,
    epoch: options.epoch,
    hostileNames: options.hostileNames,
  });
  const identity = options.tls ? createTlsIdentity() : undefined;
  const tls = identity && { cert: identity.cert, key: identity.key };
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(server: T): T => {
    started.push(server);
    return server;
  };
  const credentials = (server: ApiServer, pw: string): Credentials => ({
    url: server.url,
    username,
    password: pw,
  });
  try {
    const emPassword = password();
    const enterpriseManager = track(
      await startEnterpriseManagerServer(world, {
        host,
        port: options.ports?.enterpriseManager ?? 0,
        tls,
        idleMinutes: options.emIdleMinutes,
        username,
        password: emPassword,
      }),
    );
    const vroPassword = password();
    const orchestrator = track(
      await startOrchestratorServer(world, {
        host,
        port: options.ports?.orchestrator ?? 0,
        tls,
        accessMinutes: options.vroAccessMinutes,
        refreshMinutes: options.vroRefreshMinutes,
        username,
        password: vroPassword,
      }),
    );
    const vspcPassword = password();
    const serviceProviderConsole = track(
      await startServiceProviderConsoleServer(world, {
        host,
        port: options.ports?.serviceProviderConsole ?? 0,
        tls,
        accessMinutes: options.vspcAccessMinutes,
        username,
        password: vspcPassword,
      }),
    );
    const admin = track(
      await startAdminServer({
        host,
        port: options.ports?.admin ?? 0,
        apis: { enterpriseManager, orchestrator, serviceProviderConsole },
        clock: world.clock,
        names: world,
      }),
    );
    const caFile: CaFile | undefined = identity && writeCaFile(identity.caCert, options.tlsDir);
    if (caFile) track({ close: () => Promise.resolve(caFile.remove()) });
    return {
      enterpriseManager: credentials(enterpriseManager, emPassword),
      orchestrator: credentials(orchestrator, vroPassword),
      serviceProviderConsole: credentials(serviceProviderConsole, vspcPassword),
      admin: { url: admin.url },
      ...(caFile && { caFile: caFile.path }),
      world,
      close: async () => {
        await Promise.all(started.map((server) => server.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((server) => server.close()));
    throw error;
  }
}
