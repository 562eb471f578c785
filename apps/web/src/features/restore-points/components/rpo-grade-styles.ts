import type { RpoStatus } from '@lifeboat/shared';
import type { SeriesStyle } from '../../../components/charts/chart-kit.ts';
import { rpoDisplay, rpoGradesWorstFirst } from '../../../components/status/rpo-status-badge.tsx';

/** The grades from the bottom of a stacked chart up: the worst first, where the eye finds it. */
export const gradesBottomUp = rpoGradesWorstFirst;

const look: Record<RpoStatus, Pick<SeriesStyle, 'color' | 'pattern'>> = {
  compliant: { color: '#1b9e77', pattern: 'solid' },
  exceeded: { color: '#a97400', pattern: 'diagonal' },
  severe: { color: '#d95f02', pattern: 'cross' },
  critical: { color: '#da3b6e', pattern: 'dots' },
  unknown: { color: '#7a8699', pattern: 'horizontal' },
};

/** Each grade in a chart: its badge's word, a colour, and a pattern, so colour is never all that tells them apart. */
export const gradeStyle = Object.fromEntries(
  Object.entries(look).map(([grade, style]) => [
    grade,
    { label: rpoDisplay[grade as RpoStatus].label, ...style },
  ]),
) as Record<RpoStatus, SeriesStyle>;
