import type { RpoStatus } from './replica-points.ts';

/** Grades the age of a VM's latest restore point against its RPO target (PRODUCT.md). */
export function gradeRpo(ageSeconds: number | null, targetMinutes: number): RpoStatus {
  if (ageSeconds === null) return 'unknown';
  const ratio = ageSeconds / (targetMinutes * 60);
  if (ratio < 1) return 'compliant';
  if (ratio <= 2) return 'exceeded';
  if (ratio <= 4) return 'severe';
  return 'critical';
}

/** Worst first, for sorting and for worst-of summaries. */
export const rpoSeverity: Record<RpoStatus, number> = {
  critical: 4,
  severe: 3,
  exceeded: 2,
  unknown: 1,
  compliant: 0,
};
