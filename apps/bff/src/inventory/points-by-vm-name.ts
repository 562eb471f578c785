import type { ReplicaPoint } from '@lifeboat/shared';
import { inSlices } from '@lifeboat/upstreams';

type PointsByVmName = ReadonlyMap<string, readonly ReplicaPoint[]>;

/**
 * Made once per list of points (lists are immutable, replaced whole), dropped with it. Keyed by the
 * list, as list-index.ts keys its orders, not by the inventory's memo of snapshots: a poll of
 * another source leaves the index as it is (where one source holds every point, the list is its
 * array as polled).
 */
const made = new WeakMap<readonly ReplicaPoint[], Promise<PointsByVmName>>();

/**
 * The points of each VM name, lower-cased (a plan and a replica may spell it differently), each
 * VM's in the list's order. A failover's pre-flight looks up the plan's VMs here: walking a
 * million points held every other request for 70 to 200 ms, on each pre-flight.
 */
export function pointsByVmName(points: readonly ReplicaPoint[]): Promise<PointsByVmName> {
  let index = made.get(points);
  if (!index) {
    index = build(points);
    made.set(points, index);
    // A failed build (none is expected) is not kept: the next request tries again.
    index.catch(() => made.delete(points));
  }
  return index;
}

async function build(points: readonly ReplicaPoint[]): Promise<PointsByVmName> {
  const byName = new Map<string, ReplicaPoint[]>();
  // In slices, so requests are served meanwhile.
  await inSlices(points, (p) => {
    const name = p.vmName.toLowerCase();
    const own = byName.get(name);
    if (own) own.push(p);
    else byName.set(name, [p]);
  });
  return byName;
}
