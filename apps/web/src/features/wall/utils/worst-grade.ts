import type { RpoStatus } from '@lifeboat/shared';

/** Worst first (the web imports only types from @lifeboat/shared, so the order is stated here). */
export const rpoGradesWorstFirst: readonly RpoStatus[] = [
  'critical',
  'severe',
  'exceeded',
  'unknown',
  'compliant',
];

/** The worst grade that has any VM; null when there are no VMs at all. */
export function worstGrade(counts: Partial<Record<RpoStatus, number>>): RpoStatus | null {
  return rpoGradesWorstFirst.find((grade) => (counts[grade] ?? 0) > 0) ?? null;
}
