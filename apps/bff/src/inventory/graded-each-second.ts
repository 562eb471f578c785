import { gradeRpo } from '@lifeboat/shared';
import { giveWay } from '@lifeboat/upstreams';
import type { RpoTarget, RpoTargetResolver } from './rpo-targets.ts';
import { ageAt, gradeVm, targetOfVm, type GradedVm, type VmLatest } from './vm-rpo.ts';

/** VMs graded between two turns of the event loop: 100,000 at once held every request for ~50 ms. */
const VMS_PER_SLICE = 5_000;

/** The VMs' grades at one second: `vms[i]` grades the i-th VM; `at`, the time they were graded at. */
export interface Graded {
  vms: GradedVm[];
  at: Date;
}

/** What grades are made from, found once per set of VMs: each VM's newest point time and target. */
interface Basis {
  pointMs: Float64Array;
  targets: RpoTarget[];
}

interface Grading {
  vms: readonly VmLatest[];
  targetOf: RpoTargetResolver;
  second: number;
  graded: Promise<Graded & { basis: Basis }>;
  done: (Graded & { basis: Basis }) | null;
}

/**
 * The VMs graded at most once a second for the same VMs (ages are whole seconds anyway), and
 * anew only where a grade changed: a VM whose grade stays keeps its object, and when no grade
 * changed the array stays the same, so the RPO list's prepared orders (list-index.ts) serve on
 * until one does, with no garbage made each second. A grading is made in slices that let other
 * requests run, and while the next second's is made the last one of the same VMs is served, so
 * no request waits for one; only new VMs (a poll) and a first request after an idle spell wait.
 * The array is shared: callers must not change it.
 */
export function gradeVmsEachSecond(): (
  vms: readonly VmLatest[],
  targetOf: RpoTargetResolver,
  now: Date,
) => Promise<Graded> {
  let served: Grading | null = null;
  let next: Grading | null = null;
  const same = (g: Grading | null, vms: readonly VmLatest[], targetOf: RpoTargetResolver): g is Grading =>
    g?.vms === vms && g.targetOf === targetOf;
  return (vms, targetOf, now) => {
    const second = Math.floor(now.getTime() / 1000);
    if (!(same(next, vms, targetOf) && (next.second >= second || !next.done))) {
      const last = same(served, vms, targetOf) ? served.done : null;
      const grading: Grading = {
        vms,
        targetOf,
        second,
        graded: gradeInSlices(vms, targetOf, now, last),
        done: null,
      };
      next = grading;
      void grading.graded.then((done) => {
        grading.done = done;
        if (!served || served.second <= grading.second) served = grading;
      });
    }
    // The last grading serves while the next is made if it is of the second before; an older one
    // (after an idle spell) would answer with grades of then.
    return same(served, vms, targetOf) && served.second >= second - 1 ? served.graded : next.graded;
  };
}

/** Grades at `now`, from the last grading of the same VMs when there is one. */
async function gradeInSlices(
  vms: readonly VmLatest[],
  targetOf: RpoTargetResolver,
  now: Date,
  last: (Graded & { basis: Basis }) | null,
): Promise<Graded & { basis: Basis }> {
  const basis = last?.basis ?? (await basisOf(vms, targetOf));
  const nowMs = now.getTime();
  let graded = last ? last.vms : [];
  let copied = last === null;
  for (let i = 0; i < vms.length; i++) {
    if (i > 0 && i % VMS_PER_SLICE === 0) await giveWay();
    const target = basis.targets[i]!;
    const status = gradeRpo(ageAt(basis.pointMs[i]!, nowMs), target.minutes);
    if (last && last.vms[i]!.status === status) continue;
    if (!copied) {
      graded = graded.slice();
      copied = true;
    }
    graded[i] = gradeVm(vms[i]!, target, status);
  }
  return { vms: graded, at: now, basis };
}

async function basisOf(vms: readonly VmLatest[], targetOf: RpoTargetResolver): Promise<Basis> {
  const pointMs = new Float64Array(vms.length);
  const targets: RpoTarget[] = [];
  for (let i = 0; i < vms.length; i++) {
    if (i > 0 && i % VMS_PER_SLICE === 0) await giveWay();
    pointMs[i] = vms[i]!.latestMs;
    targets.push(targetOfVm(vms[i]!, targetOf));
  }
  return { pointMs, targets };
}
