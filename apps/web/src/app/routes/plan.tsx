import { useParams } from 'react-router';
import { PlanDetail } from '../../features/plans/components/plan-detail.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';

export function PlanRoute() {
  const { id = '' } = useParams();
  const sources = useSourceLabels();
  return (
    <>
      <title>Recovery plan · Lifeboat</title>
      {/* key: a different plan starts from a clean state */}
      <PlanDetail key={id} id={id} sourceName={sources.nameOf} />
    </>
  );
}
