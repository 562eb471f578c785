import type { VmRpo } from '@lifeboat/shared';
import type { RpoTargetResolver } from './rpo-targets.ts';
import { gradeVms, type VmLatest } from './vm-rpo.ts';

/**
 * `gradeVms`, graded at most once a second for the same VMs: ages are whole seconds anyway, and
 * while the graded array stays the same, the RPO list's prepared orders (list-index.ts) serve
 * every request of that second. The array is shared: callers must not change it.
 */
export function gradeVmsEachSecond(): typeof gradeVms {
  let last: {
    vms: readonly VmLatest[];
    targetOf: RpoTargetResolver;
    second: number;
    graded: VmRpo[];
  } | null = null;
  return (vms, targetOf, now) => {
    const second = Math.floor(now.getTime() / 1000);
    if (last?.vms !== vms || last.targetOf !== targetOf || last.second !== second)
      last = { vms, targetOf, second, graded: gradeVms(vms, targetOf, now) };
    return last.graded;
  };
}
