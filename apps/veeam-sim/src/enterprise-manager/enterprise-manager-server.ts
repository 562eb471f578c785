// Starts the simulated Enterprise Manager on its own port, hosted like every simulated API by the
// fault-injection server (call counting, injected faults, going down and coming back).

import { startApiServer, type ApiServer, type ServerTls } from '../fault-injection/api-server.ts';
import type { World } from '../world/world.ts';
import { createEnterpriseManagerApi } from './enterprise-manager-api.ts';

export interface EnterpriseManagerServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Serve HTTPS with this certificate instead of HTTP. */
  readonly tls?: ServerTls;
  /** Logon session idle timeout in real minutes (default 15, as documented; fractions for tests). */
  readonly idleMinutes?: number;
  readonly username: string;
  readonly password: string;
}

export function startEnterpriseManagerServer(
  world: World,
  opts: EnterpriseManagerServerOptions,
): Promise<ApiServer> {
  return startApiServer({
    name: 'enterpriseManager',
    host: opts.host,
    port: opts.port,
    tls: opts.tls,
    handler: createEnterpriseManagerApi({
      world,
      username: opts.username,
      password: opts.password,
      idleMinutes: opts.idleMinutes ?? 15,
    }),
  });
}
