import { PlansList } from '../../features/plans/components/plans-list.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';

export function PlansRoute() {
  const sources = useSourceLabels();
  return (
    <>
      <title>Recovery plans · Lifeboat</title>
      <h1 className="text-2xl font-bold">Recovery plans</h1>
      <PlansList sourceName={sources.nameOf} sourceOptions={sources.options} />
    </>
  );
}
