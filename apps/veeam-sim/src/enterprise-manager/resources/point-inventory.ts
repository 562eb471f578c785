// The restore points at one moment, numbered as the query service lists them: VM by VM, oldest
// first within a VM. Only a running count per VM is kept (400 KB at 100,000 VMs), so the point at a
// position is found by a binary search and made with its VM's few points, instead of generating
// every point before it.

import type { RestorePoint } from '../../world/restore-points.ts';
import type { EmContext } from '../em-xml.ts';
import type { Inventory } from './resource.ts';

export function pointInventory(ctx: EmContext): Inventory<RestorePoint> {
  const atMs = ctx.now;
  const { points } = ctx.world;
  const vmCount = ctx.world.vms.length;
  // ends[i]: the position just after VM i's last point.
  const ends = new Uint32Array(vmCount);
  let size = 0;
  for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
    size += points.countForVm(vmIndex, atMs);
    ends[vmIndex] = size;
  }
  // A page reads consecutive positions: one VM's points serve all of its positions on the page.
  let last: { vmIndex: number; points: RestorePoint[] } | undefined;
  return {
    size,
    scan(visit, sinceMs) {
      for (let vmIndex = 0; vmIndex < vmCount; vmIndex++) {
        // The points from `sinceMs` on are the VM's newest, so they end where its positions end.
        const newest = points.forVm(vmIndex, atMs, sinceMs);
        const first = (ends[vmIndex] as number) - newest.length;
        newest.forEach((point, offset) => visit(point, first + offset));
      }
    },
    at(position, later) {
      const vmIndex = vmAt(ends, position);
      // Made at the inventory's moment, so the numbering holds however far the clock has moved.
      if (last?.vmIndex !== vmIndex) last = { vmIndex, points: later.world.points.forVm(vmIndex, atMs) };
      return last.points[position - (vmIndex === 0 ? 0 : (ends[vmIndex - 1] as number))] as RestorePoint;
    },
  };
}

/** The first VM whose end lies beyond `position`. */
function vmAt(ends: Uint32Array, position: number): number {
  let low = 0;
  let high = ends.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] as number) > position) high = middle;
    else low = middle + 1;
  }
  return low;
}
