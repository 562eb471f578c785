import { useSearchParams } from 'react-router';
import { replicaPointsListSpec } from '../../features/restore-points/api/get-replica-points.ts';
import { ReplicaPointsList } from '../../features/restore-points/components/replica-points-list.tsx';
import { VmPointTimeline } from '../../features/restore-points/components/charts.ts';
import { parseListState } from '../../lib/url-state.ts';

export function ReplicaPointsRoute() {
  // Filtered to one VM, the page charts when its points arrived above the list.
  const [params] = useSearchParams();
  const { vm, tenant } = parseListState(replicaPointsListSpec, params).filters;
  return (
    <>
      <title>Replica points · Lifeboat</title>
      <h1 className="text-2xl font-bold">Replica points</h1>
      {vm ? <VmPointTimeline vmName={vm} tenant={tenant} /> : null}
      <ReplicaPointsList />
    </>
  );
}
