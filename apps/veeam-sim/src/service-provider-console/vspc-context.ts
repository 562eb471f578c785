// What every representation needs: the world, what the console derives from it, and the moment of
// the request (one `now` per request, so a response is a consistent snapshot).

import type { World } from '../world/world.ts';
import type { DerivedInfrastructure } from './derived-infrastructure.ts';

export interface VspcContext {
  readonly world: World;
  readonly infra: DerivedInfrastructure;
  readonly now: number;
}
