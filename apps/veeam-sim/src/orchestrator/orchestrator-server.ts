// Starts the simulated Veeam Recovery Orchestrator on its own port, hosted like every simulated API
// by the fault-injection server (call counting, injected faults, going down and coming back).

import { startApiServer, type ApiServer, type ServerTls } from '../fault-injection/api-server.ts';
import type { World } from '../world/world.ts';
import { createOrchestratorApi } from './orchestrator-api.ts';

export interface OrchestratorServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Serve HTTPS with this certificate instead of HTTP. */
  readonly tls?: ServerTls;
  /** Access token lifetime in minutes on the world clock (default 15, as VRO). */
  readonly accessMinutes?: number;
  /** Refresh token lifetime in minutes on the world clock (default 120, as VRO). */
  readonly refreshMinutes?: number;
  /** The one account, e.g. `vro\administrator` (matched case-insensitively, like a Windows account). */
  readonly username: string;
  readonly password: string;
}

export async function startOrchestratorServer(
  world: World,
  opts: OrchestratorServerOptions,
): Promise<ApiServer> {
  const handler = createOrchestratorApi({
    world,
    username: opts.username,
    password: opts.password,
    accessMinutes: opts.accessMinutes ?? 15,
    refreshMinutes: opts.refreshMinutes ?? 120,
  });
  return startApiServer({ name: 'orchestrator', host: opts.host, port: opts.port, tls: opts.tls, handler });
}
