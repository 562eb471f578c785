import { RpoComplianceChart } from '../../features/restore-points/components/charts.ts';
import { VmRpoList } from '../../features/restore-points/components/vm-rpo-list.tsx';

export function RpoRoute() {
  return (
    <>
      <title>RPO per VM · Lifeboat</title>
      <h1 className="text-2xl font-bold">RPO per VM</h1>
      <p className="max-w-prose text-sm text-slate-700">
        Age of each VM's latest restore point against its RPO target: compliant under 1× the target, exceeded
        up to 2×, severe up to 4×, critical beyond 4×, unknown when the VM has no restore point. Each VM's
        target is its own, its job's or its tenant's when the configuration sets one, else the default.
      </p>
      <RpoComplianceChart />
      <VmRpoList />
    </>
  );
}
