// Starts the Service Provider Console API on its own port, hosted like every simulated API by the
// fault-injection server (call counting, faults, going down and up): its `applyFaults` and `faults`
// are the hook the admin API drives. startSimulator() can equally call startApiServer() with
// createServiceProviderConsoleApi(), as it does for Enterprise Manager.

import { startApiServer, type ApiServer, type ServerTls } from '../fault-injection/api-server.ts';
import type { World } from '../world/world.ts';
import { createServiceProviderConsoleApi } from './service-provider-console-api.ts';

export interface ServiceProviderConsoleServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Serve HTTPS with this certificate instead of HTTP. */
  readonly tls?: ServerTls;
  /** Access token lifetime in real minutes (default 60; fractions allowed for tests). */
  readonly accessMinutes?: number;
  readonly username: string;
  readonly password: string;
}

export function startServiceProviderConsoleServer(
  world: World,
  options: ServiceProviderConsoleServerOptions,
): Promise<ApiServer> {
  return startApiServer({
    name: 'serviceProviderConsole',
    host: options.host,
    port: options.port,
    tls: options.tls,
    handler: createServiceProviderConsoleApi({
      world,
      username: options.username,
      password: options.password,
      accessMinutes: options.accessMinutes,
    }),
  });
}
