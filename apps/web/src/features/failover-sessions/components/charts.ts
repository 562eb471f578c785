import { lazyChart } from '../../../components/charts/lazy-chart.tsx';

/** The failover session charts, fetched with the chart library the first time one is shown. */
export const FailoverDurationsChart = lazyChart(() => import('./failover-durations-chart.tsx'));
