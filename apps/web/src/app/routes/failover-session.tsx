import { useParams } from 'react-router';
import { FailoverSessionDetail } from '../../features/failover-sessions/components/failover-session-detail.tsx';

export function FailoverSessionRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <title>Failover session · Lifeboat</title>
      {/* key: a different session starts from a clean state */}
      <FailoverSessionDetail key={id} id={id} />
    </>
  );
}
