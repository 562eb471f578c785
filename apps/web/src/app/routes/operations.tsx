import { OperationsList } from '../../features/operations/components/operations-list.tsx';
import { useSourceLabels } from '../../features/sources/api/get-sources.ts';

export function OperationsRoute() {
  const sources = useSourceLabels();
  return (
    <>
      <title>Operations · Lifeboat</title>
      <h1 className="text-2xl font-bold">Operations</h1>
      <p className="max-w-prose text-sm text-slate-700">
        Every failover and failback requested through Lifeboat: who asked, who decided, and how it went.
        Operations start from a recovery plan&apos;s page.
      </p>
      <OperationsList sourceName={sources.nameOf} sourceOptions={sources.options} />
    </>
  );
}
