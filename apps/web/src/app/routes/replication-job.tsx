import { useParams } from 'react-router';
import { ReplicationJobDetail } from '../../features/replication-jobs/components/replication-job-detail.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';

export function ReplicationJobRoute() {
  const { id = '' } = useParams();
  const sources = useSourceLabels();
  return (
    <>
      <title>Replication job · Lifeboat</title>
      {/* key: a different job starts from a clean state */}
      <ReplicationJobDetail key={id} id={id} sourceName={sources.nameOf} />
    </>
  );
}
