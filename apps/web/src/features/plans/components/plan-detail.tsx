import type { Plan, PlanAction } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { PlanStateBadge } from '../../../components/status/plan-state-badge.tsx';
import { RunResultBadge } from '../../../components/status/run-badges.tsx';
import {
  CodeValue,
  DetailField,
  TextValue,
  WithNativeValue,
  YesNo,
} from '../../../components/ui/detail-fields.tsx';
import { DetailFrame } from '../../../components/ui/detail-frame.tsx';
import {
  DetailSection,
  ProvenanceSection,
  SummarySection,
  type ItemFreshness,
} from '../../../components/ui/detail-sections.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { Missing } from '../../../components/ui/values.tsx';
import { formatCount, formatMinutes } from '../../../lib/format.ts';
import { usePlan } from '../api/get-plan.ts';
import { PlanActions } from './plan-actions.tsx';

/** What the plan page offers a user who may act: the workflow of each action, and more to show. */
export interface PlanActionsProps {
  /** The page of an action's workflow; given only to a user who may request actions (an operator). */
  actionPath?: ((action: PlanAction) => string) | undefined;
  /** Shown below the actions, e.g. the operations on this plan. */
  afterActions?: ((plan: Plan) => ReactNode) | undefined;
}

function PlanView({
  plan,
  freshness,
  actionPath,
  afterActions,
}: { plan: Plan; freshness: ItemFreshness } & PlanActionsProps) {
  return (
    <>
      <SummarySection freshness={freshness}>
        <DetailField label="State">
          <WithNativeValue native={plan.nativeState}>
            <PlanStateBadge state={plan.state} />
          </WithNativeValue>
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
        <DetailField label="Source">{freshness.sourceName(plan.ref.source)}</DetailField>
        <DetailField label="Tenant">
          <TextValue value={plan.tenant} />
        </DetailField>
        <DetailField label="Site">
          <TextValue value={plan.site} />
        </DetailField>
        <DetailField label="Description">
          <TextValue value={plan.description} />
        </DetailField>
      </SummarySection>

      <DetailSection headingId="actions-heading" title="Actions">
        <p className="max-w-prose text-sm text-slate-700">
          What the plan's current state allows, and why the other actions are not allowed.
          {actionPath ? ' Each action opens its checks first; nothing is sent before you confirm.' : ''}
        </p>
        <PlanActions actions={plan.allowedActions} actionPath={actionPath} />
        {afterActions?.(plan)}
      </DetailSection>

      <DetailSection headingId="vms-heading" title="VMs">
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
      </DetailSection>

      <ProvenanceSection item={plan} native={{ 'Native state': plan.nativeState }} />
    </>
  );
}

/** One recovery plan: its state, targets, VMs, what each action needs, and where it came from. */
export function PlanDetail({
  id,
  sourceName = (sourceId) => sourceId,
  actionPath,
  afterActions,
}: {
  id: string;
  sourceName?: (id: string) => string;
} & PlanActionsProps) {
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
        <PlanView
          plan={plan}
          freshness={{ envelope, receivedAt: query.dataUpdatedAt, sourceName }}
          actionPath={actionPath}
          afterActions={afterActions}
        />
      )}
    </DetailFrame>
  );
}
