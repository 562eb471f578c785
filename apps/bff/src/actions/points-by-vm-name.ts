import type { ReplicaPoint } from '@lifeboat/shared';
import { inSlices } from '@lifeboat/upstreams';
import { madeOnce } from './list-index.ts';

/**
 * The points of each VM name, lower-cased (a plan and a replica may spell it differently), each
 * VM's in the list's order. A failover's pre-flight looks up the plan's VMs here: walking a
 * million points held every other request for 70 to 200 ms, on each pre-flight. Made once per
 * list of points, as its sort orders are, not per snapshot of the inventory: a poll of another
 * source leaves it as it is (where one source holds every point, the list is its array as polled).
 */
export function pointsByVmName(
  points: readonly ReplicaPoint[],
): Promise<ReadonlyMap<string, readonly ReplicaPoint[]>> {
  return madeOnce(points, 'points by VM name', async () => {
    const byName = new Map<string, ReplicaPoint[]>();
    // In slices, so requests are served meanwhile.
    await inSlices(points, (p) => {
      const name = p.vmName.toLowerCase();
      const own = byName.get(name);
      if (own) own.push(p);
      else byName.set(name, [p]);
    });
    return byName;
  });
}
