import type { RpoStatus } from '@lifeboat/shared';
import { keysOf } from '../../lib/enum-values.ts';
import { Badge, type Tone } from '../ui/badge.tsx';
import type { IconName } from '../ui/icons.tsx';

/** Worst first: the order every list of grades (filters, counts, tiles) shows them in. */
export const rpoGradesWorstFirst = keysOf<RpoStatus>({
  critical: 1,
  severe: 1,
  exceeded: 1,
  unknown: 1,
  compliant: 1,
});

export const rpoDisplay: Record<RpoStatus, { label: string; tone: Tone; icon: IconName; title: string }> = {
  compliant: {
    label: 'Compliant',
    tone: 'ok',
    icon: 'check',
    title: 'Latest restore point is newer than the RPO target',
  },
  exceeded: {
    label: 'Exceeded',
    tone: 'warn',
    icon: 'clock',
    title: 'Latest restore point is older than the target (up to 2×)',
  },
  severe: {
    label: 'Severe',
    tone: 'severe',
    icon: 'alert',
    title: 'Latest restore point is 2× to 4× the target old',
  },
  critical: {
    label: 'Critical',
    tone: 'bad',
    icon: 'x',
    title: 'Latest restore point is more than 4× the target old',
  },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    icon: 'question',
    title: 'No restore point is known for this VM',
  },
};

/** The graded RPO status as icon + word + colour (the word alone is enough). */
export function RpoStatusBadge({ status }: { status: RpoStatus }) {
  const d = rpoDisplay[status];
  return <Badge tone={d.tone} icon={d.icon} label={d.label} title={d.title} />;
}
