import type { RpoStatus } from '@lifeboat/shared';
import { rpoGradesWorstFirst } from '../../../components/status/rpo-status-badge.tsx';

/** The worst grade that has any VM; null when there are no VMs at all. */
export function worstGrade(counts: Partial<Record<RpoStatus, number>>): RpoStatus | null {
  return rpoGradesWorstFirst.find((grade) => (counts[grade] ?? 0) > 0) ?? null;
}
