import { FailoverSessionsList } from '../../features/failover-sessions/components/failover-sessions-list.tsx';

export function FailoverSessionsRoute() {
  return (
    <>
      <title>Failover sessions · Lifeboat</title>
      <h1 className="text-2xl font-bold">Failover sessions</h1>
      <FailoverSessionsList />
    </>
  );
}
