import type { ItemEnvelope, Plan } from '@lifeboat/shared';
import { PlanStateBadge } from '../../../components/status/plan-state-badge.tsx';
import { RunResultBadge } from '../../../components/status/run-badges.tsx';
import { DataAge } from '../../../components/ui/data-age.tsx';
import {
  CodeValue,
  DetailField,
  NativeValue,
  TextValue,
  YesNo,
} from '../../../components/ui/detail-fields.tsx';
import { DetailFrame } from '../../../components/ui/detail-frame.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing } from '../../../components/ui/values.tsx';
import { formatCount, formatMinutes } from '../../../lib/format.ts';
import { usePlan } from '../api/get-plan.ts';
import { PlanActions } from './plan-actions.tsx';

function PlanView({
  plan,
  envelope,
  receivedAt,
  sourceName,
}: {
  plan: Plan;
  envelope: ItemEnvelope<Plan>;
  receivedAt: number;
  sourceName: (id: string) => string;
}) {
  const ownSource = envelope.sources.filter((source) => source.id === plan.ref.source);
  return (
    <>
      <section
        aria-labelledby="summary-heading"
        className="rounded-lg border border-slate-300 bg-white px-4 py-2"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
          <h2 id="summary-heading" className="text-lg font-semibold">
            Summary
          </h2>
          <DataAge
            sources={ownSource.length > 0 ? ownSource : envelope.sources}
            asOf={envelope.asOf}
            receivedAt={receivedAt}
            sourceName={sourceName}
          />
        </div>
        <dl>
          <DetailField label="State">
            <span className="flex flex-wrap items-center gap-2">
              <PlanStateBadge state={plan.state} />
              <NativeValue value={plan.nativeState} />
            </span>
          </DetailField>
          {plan.state === 'running' || plan.progress !== null ? (
            <DetailField label="Progress">
              <ProgressBar value={plan.progress} label={`Progress of ${plan.name}`} />
            </DetailField>
          ) : null}
          <DetailField label="Last result">
            <RunResultBadge result={plan.result} />
          </DetailField>
          <DetailField label="Enabled">
            <YesNo value={plan.enabled} yes="Yes" no="No: the plan is disabled" />
          </DetailField>
          <DetailField label="Type">
            <TextValue value={plan.planType} />
          </DetailField>
          <DetailField label="RPO target">{formatMinutes(plan.rpoTargetMinutes) ?? <Missing />}</DetailField>
          <DetailField label="RTO target">{formatMinutes(plan.rtoTargetMinutes) ?? <Missing />}</DetailField>
          <DetailField label="VMs">
            {plan.vmCount === null ? <Missing /> : formatCount(plan.vmCount)}
          </DetailField>
          <DetailField label="Source">{sourceName(plan.ref.source)}</DetailField>
          <DetailField label="Tenant">
            <TextValue value={plan.tenant} />
          </DetailField>
          <DetailField label="Site">
            <TextValue value={plan.site} />
          </DetailField>
          <DetailField label="Description">
            <TextValue value={plan.description} />
          </DetailField>
        </dl>
      </section>

      <section aria-labelledby="actions-heading" className="flex flex-col gap-2">
        <h2 id="actions-heading" className="text-lg font-semibold">
          Actions
        </h2>
        <p className="max-w-prose text-sm text-slate-700">
          What the plan's current state allows, and why the other actions are not allowed.
        </p>
        <PlanActions actions={plan.allowedActions} />
      </section>

      <section aria-labelledby="vms-heading" className="flex flex-col gap-2">
        <h2 id="vms-heading" className="text-lg font-semibold">
          VMs
        </h2>
        {plan.vms.length === 0 ? (
          <p className="text-sm text-slate-700">The source listed no VMs for this plan.</p>
        ) : (
          <DataTable caption="VMs in this plan">
            <thead>
              <tr>
                <Th>VM</Th>
                <Th>Native id</Th>
              </tr>
            </thead>
            <tbody>
              {plan.vms.map((vm, index) => (
                <tr key={`${vm.nativeId ?? vm.name}-${index}`}>
                  <td className={`${tdClass} font-medium break-words`}>{vm.name}</td>
                  <td className={tdClass}>
                    <CodeValue value={vm.nativeId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="provenance-heading" className="flex flex-col gap-2">
        <h2 id="provenance-heading" className="text-lg font-semibold">
          Provenance
        </h2>
        <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2">
          <DetailField label="Source">
            <CodeValue value={plan.ref.source} />
          </DetailField>
          <DetailField label="Native kind">
            <CodeValue value={plan.ref.kind} />
          </DetailField>
          <DetailField label="Native id">
            <CodeValue value={plan.ref.nativeId} />
          </DetailField>
          <DetailField label="Native state">
            <TextValue value={plan.nativeState} />
          </DetailField>
          {/* Shown as text only: upstream links are never followed from the browser (SEC-22). */}
          <DetailField label="Upstream link">
            <CodeValue value={plan.ref.href} />
          </DetailField>
          <DetailField label="Lifeboat id">
            <CodeValue value={plan.id} />
          </DetailField>
        </dl>
      </section>
    </>
  );
}

/** One recovery plan: its state, targets, VMs, what each action needs, and where it came from. */
export function PlanDetail({
  id,
  sourceName = (sourceId) => sourceId,
}: {
  id: string;
  sourceName?: (id: string) => string;
}) {
  const query = usePlan({ id });
  return (
    <DetailFrame
      id={id}
      query={query}
      noun="recovery plan"
      listPath="/plans"
      listLabel="plans"
      title={(plan) => plan.name}
    >
      {(plan, envelope) => (
        <PlanView plan={plan} envelope={envelope} receivedAt={query.dataUpdatedAt} sourceName={sourceName} />
      )}
    </DetailFrame>
  );
}
