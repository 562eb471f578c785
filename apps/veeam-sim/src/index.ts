// The simulator: a seeded world, the Enterprise Manager API on its own port, and the admin API.
// startSimulator() is what the demo, the tests and the CLI use; close() releases every socket.

import { randomBytes } from 'node:crypto';
import { startAdminServer } from './admin/admin-server.ts';
import { createEnterpriseManagerApi } from './enterprise-manager/enterprise-manager-api.ts';
import { startApiServer, type ApiServer } from './fault-injection/api-server.ts';
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
  ports?: { enterpriseManager?: number; admin?: number };
  /** Enterprise Manager logon session idle timeout in real minutes (default 15; fractions allowed). */
  emIdleMinutes?: number;
  username?: string;
  /** Default: random for each start. */
  password?: string;
}

export interface RunningSimulator {
  enterpriseManager: { url: string; username: string; password: string };
  admin: { url: string };
  world: World;
  close(): Promise<void>;
}

export const DEFAULT_USERNAME = 'svc-lifeboat';

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? DEFAULT_USERNAME;
  const password = options.password ?? randomBytes(12).toString('base64url');
  const world = createWorld({
    scale: options.scale,
    seed: options.seed,
    speed: options.speed,
    epoch: options.epoch,
  });
  const started: { close(): Promise<void> }[] = [];
  try {
    const enterpriseManager: ApiServer = await startApiServer({
      name: 'enterpriseManager',
      host,
      port: options.ports?.enterpriseManager ?? 0,
      handler: createEnterpriseManagerApi({
        world,
        username,
        password,
        idleMinutes: options.emIdleMinutes ?? 15,
      }),
    });
    started.push(enterpriseManager);
    const admin = await startAdminServer({
      host,
      port: options.ports?.admin ?? 0,
      apis: { enterpriseManager },
      clock: world.clock,
    });
    started.push(admin);
    return {
      enterpriseManager: { url: enterpriseManager.url, username, password },
      admin: { url: admin.url },
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
