import type { VmRpo } from '@lifeboat/shared';
import { giveWay } from '@lifeboat/upstreams';
import type { RpoTargetResolver } from './rpo-targets.ts';
import { gradeVms, type VmLatest } from './vm-rpo.ts';

/** VMs graded between two turns of the event loop: 100,000 at once held every request for ~50 ms. */
const VMS_PER_SLICE = 5_000;

interface Grading {
  vms: readonly VmLatest[];
  targetOf: RpoTargetResolver;
  second: number;
  graded: Promise<VmRpo[]>;
  done: boolean;
}

/**
 * `gradeVms`, graded at most once a second for the same VMs: ages are whole seconds anyway, and
 * while the graded array stays the same, the RPO list's prepared orders (list-index.ts) serve
 * every request of that second. A grading is made in slices that let other requests run, and
 * while the next second's is made the last one of the same VMs is served, so no request waits
 * for one (a hundred thousand VMs take tens of milliseconds). Only new VMs (a poll) are waited
 * for. The array is shared: callers must not change it.
 */
export function gradeVmsEachSecond(): (
  vms: readonly VmLatest[],
  targetOf: RpoTargetResolver,
  now: Date,
) => Promise<VmRpo[]> {
  let served: Grading | null = null;
  let next: Grading | null = null;
  const same = (g: Grading | null, vms: readonly VmLatest[], targetOf: RpoTargetResolver): g is Grading =>
    g?.vms === vms && g.targetOf === targetOf;
  return (vms, targetOf, now) => {
    const second = Math.floor(now.getTime() / 1000);
    if (!(same(next, vms, targetOf) && (next.second >= second || !next.done))) {
      const grading: Grading = {
        vms,
        targetOf,
        second,
        graded: gradeInSlices(vms, targetOf, now),
        done: false,
      };
      next = grading;
      void grading.graded.then(() => {
        grading.done = true;
        if (!served || served.second <= grading.second) served = grading;
      });
    }
    return same(served, vms, targetOf) ? served.graded : next.graded;
  };
}

async function gradeInSlices(
  vms: readonly VmLatest[],
  targetOf: RpoTargetResolver,
  now: Date,
): Promise<VmRpo[]> {
  const graded = gradeVms(vms.slice(0, VMS_PER_SLICE), targetOf, now);
  for (let i = VMS_PER_SLICE; i < vms.length; i += VMS_PER_SLICE) {
    await giveWay();
    for (const vm of gradeVms(vms.slice(i, i + VMS_PER_SLICE), targetOf, now)) graded.push(vm);
  }
  return graded;
}
