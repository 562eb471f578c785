import { ReplicationJobsList } from '../../features/replication-jobs/components/replication-jobs-list.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';

export function ReplicationJobsRoute() {
  const sources = useSourceLabels();
  return (
    <>
      <title>Replication jobs · Lifeboat</title>
      <h1 className="text-2xl font-bold">Replication jobs</h1>
      <ReplicationJobsList sourceName={sources.nameOf} sourceOptions={sources.options} />
    </>
  );
}
