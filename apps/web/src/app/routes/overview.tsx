import { OverviewDashboard } from '../../features/overview/components/overview-dashboard.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';

export function OverviewRoute() {
  const sources = useSourceLabels();
  return (
    <>
      <title>Overview · Lifeboat</title>
      <h1 className="text-2xl font-bold">Overview</h1>
      <OverviewDashboard sourceName={sources.nameOf} />
    </>
  );
}
