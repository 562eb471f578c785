import { lazyChart } from '../../../components/charts/lazy-chart.tsx';

/** The RPO charts, fetched with the chart library the first time one is shown. */
export const RpoComplianceChart = lazyChart(() => import('./rpo-compliance-chart.tsx'));
export const VmPointTimeline = lazyChart(() => import('./vm-point-timeline.tsx'));
