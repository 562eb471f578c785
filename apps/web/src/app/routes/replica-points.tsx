import { ReplicaPointsList } from '../../features/restore-points/components/replica-points-list.tsx';

export function ReplicaPointsRoute() {
  return (
    <>
      <title>Replica points · Lifeboat</title>
      <h1 className="text-2xl font-bold">Replica points</h1>
      <ReplicaPointsList />
    </>
  );
}
