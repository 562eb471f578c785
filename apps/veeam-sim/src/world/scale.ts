// How big a world is. `small` is the demo and test world; `large` is the capacity target
// (100,000 VMs and about 1,000,000 restore points: retention 10 on every VM).

export type ScaleName = 'small' | 'medium' | 'large';

export interface ScalePreset {
  readonly tenants: number;
  readonly backupServers: number;
  readonly jobs: number;
  readonly vms: number;
  /** Restore points a replication job keeps per VM, [min, max]. */
  readonly retention: readonly [number, number];
  /** Largest number of VMs one failover plan includes. */
  readonly maxVmsPerPlan: number;
}

export const SCALES: Readonly<Record<ScaleName, ScalePreset>> = {
  small: { tenants: 3, backupServers: 2, jobs: 5, vms: 12, retention: [7, 14], maxVmsPerPlan: 25 },
  medium: { tenants: 50, backupServers: 4, jobs: 100, vms: 1_000, retention: [10, 10], maxVmsPerPlan: 25 },
  large: {
    tenants: 1_000,
    backupServers: 20,
    jobs: 10_000,
    vms: 100_000,
    retention: [10, 10],
    maxVmsPerPlan: 25,
  },
};

export function isScaleName(value: string): value is ScaleName {
  return Object.hasOwn(SCALES, value);
}
