import type { Operation, User } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  isFinished,
  OperationStateBadge,
  operationStateDisplay,
} from '../../../components/status/operation-state-badge.tsx';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { CodeValue, DetailField, TextValue } from '../../../components/ui/detail-fields.tsx';
import { DetailFrame } from '../../../components/ui/detail-frame.tsx';
import { DetailSection, SummarySection } from '../../../components/ui/detail-sections.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { Missing, Time } from '../../../components/ui/values.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { formatDuration, formatMinutes, secondsBetween } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useOperation } from '../api/get-operation.ts';
import { DecisionPanel } from './decision-panel.tsx';
import { currentStep, progressOf, type VmProgress } from './operation-progress.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The title of an operation: "Failover of Finance". */
export function operationTitle(operation: Operation): string {
  const label = planActionDisplay[operation.action]?.label ?? operation.action;
  return `${label} of ${operation.planName}`;
}

/** The action's parameters in words; anything this build does not know is shown as it came. */
function Parameters({ params }: { params: Record<string, unknown> }) {
  const rows: { label: string; value: ReactNode }[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === 'restorePoint' && isRecord(value)) {
      rows.push({
        label: 'Restore point',
        value:
          typeof value.before === 'string' ? (
            <>
              The latest before <Time iso={value.before} />
            </>
          ) : (
            'The latest of each VM'
          ),
      });
    } else if (key === 'executeChainedPlans' && typeof value === 'boolean') {
      rows.push({ label: 'Chained plans', value: value ? 'Run them too' : 'Not run' });
    } else if (key === 'failbackRestoreVMTags' && typeof value === 'boolean') {
      rows.push({ label: 'VM tags', value: value ? 'Copied back to production' : 'Not copied' });
    } else if (key === 'restoreLocationId') {
      rows.push({ label: 'Restore location', value: <CodeValue value={String(value)} /> });
    } else {
      rows.push({ label: key, value: <code className="break-all">{JSON.stringify(value)}</code> });
    }
  }
  if (rows.length === 0) return <>None: this action takes none.</>;
  return (
    <ul className="space-y-0.5">
      {rows.map((row) => (
        <li key={row.label}>
          <span className="font-medium">{row.label}:</span> {row.value}
        </li>
      ))}
    </ul>
  );
}

/** Time since the action was sent, counting while it runs; its whole length once finished. */
function Elapsed({ operation }: { operation: Operation }) {
  const running = !isFinished(operation.state);
  const now = useNow();
  if (!operation.dispatchedAt) return <>{running ? 'Not sent yet' : <Missing label="never sent" />}</>;
  const end = operation.finishedAt ?? (running ? new Date(now).toISOString() : null);
  const seconds = secondsBetween(operation.dispatchedAt, end);
  const text = formatDuration(seconds);
  if (text === null) return <Missing />;
  return <span className="tabular-nums">{operation.finishedAt ? `${text} in all` : `${text} so far`}</span>;
}

/** The upstream's own answer, quoted as it came (text only). */
function UpstreamAnswer({ answer }: { answer: Record<string, unknown> | null }) {
  if (!answer) return <Missing label="no answer from the upstream" />;
  const { status, body, ...rest } = answer;
  const bodyText =
    body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return (
    <div className="flex flex-col gap-1">
      {typeof status === 'number' ? <p>HTTP {status}</p> : null}
      {bodyText === null ? null : bodyText === '' ? (
        <p className="text-sm text-slate-700">(an empty body)</p>
      ) : (
        <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs break-words whitespace-pre-wrap">
          {bodyText}
        </pre>
      )}
      {Object.keys(rest).length > 0 ? (
        <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs break-words whitespace-pre-wrap">
          {JSON.stringify(rest, null, 2)}
        </pre>
      ) : null}
    </div>
  );
}

/** Where each VM is in the action, with the upstream's own words on its steps. */
function VmProgressTable({ vms }: { vms: readonly VmProgress[] }) {
  return (
    <DataTable caption="Progress per VM">
      <thead>
        <tr>
          <Th>VM</Th>
          <Th>State</Th>
          <Th>Progress</Th>
          <Th>Result</Th>
          <Th>Step</Th>
        </tr>
      </thead>
      <tbody>
        {vms.map((vm, index) => {
          const step = currentStep(vm);
          const said = vm.steps.filter((s) => s.message);
          return (
            <tr key={`${vm.name}-${index}`}>
              <td className={`${tdClass} font-medium break-words`}>{vm.name}</td>
              <td className={tdClass}>{vm.state}</td>
              <td className={tdClass}>
                <ProgressBar value={vm.progress} label={`Progress of ${vm.name}`} />
              </td>
              <td className={tdClass}>
                <TextValue value={vm.result} />
              </td>
              <td className={`${tdClass} max-w-md break-words`}>
                {step ? `${step.name} (${step.state})` : <Missing />}
                {said.map((s) => (
                  <span key={s.name} className="block text-xs text-slate-700">
                    {s.name}: {s.message}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** The time since sending against the plan's RTO target, when the upstream gives one. */
function AgainstRto({ operation, rtoMinutes }: { operation: Operation; rtoMinutes: number | null }) {
  const running = !isFinished(operation.state);
  const now = useNow();
  if (rtoMinutes === null || !operation.dispatchedAt) return null;
  const end = operation.finishedAt ?? (running ? new Date(now).toISOString() : null);
  const seconds = secondsBetween(operation.dispatchedAt, end);
  if (seconds === null) return null;
  const over = seconds > rtoMinutes * 60;
  return (
    <span className={over ? 'font-semibold text-amber-950' : 'text-slate-700'}>
      {' '}
      ({over ? 'over' : 'within'} the RTO target of {formatMinutes(rtoMinutes)})
    </span>
  );
}

function OperationView({
  operation,
  user,
  planPath,
  sourceName,
}: {
  operation: Operation;
  user: User;
  planPath: (id: string) => string;
  sourceName: (id: string) => string;
}) {
  const finished = isFinished(operation.state);
  const progress = progressOf(operation);
  const showProgress =
    operation.state === 'running' || operation.state === 'dispatched' || progress.percent !== null;
  return (
    <>
      <section
        aria-labelledby="now-heading"
        className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white px-4 py-3"
      >
        <h2 id="now-heading" className="text-lg font-semibold">
          {finished ? 'Outcome' : 'Now'}
        </h2>
        <div className="flex flex-col gap-2">
          {/* Only the state and its latest word are announced; the ticking figures are not. */}
          <p role="status" aria-live="polite" className="flex flex-wrap items-center gap-2">
            <OperationStateBadge state={operation.state} />
            <span className="break-words">
              {operation.message ?? operationStateDisplay[operation.state].title}
            </span>
          </p>
          {showProgress ? (
            <p className="flex flex-wrap items-center gap-3">
              <ProgressBar
                value={finished && operation.state === 'succeeded' ? 100 : progress.percent}
                label="Progress"
              />
              {progress.nativeState ? (
                <span className="text-sm text-slate-700">upstream state: {progress.nativeState}</span>
              ) : null}
            </p>
          ) : null}
          <p className="text-sm">
            Since it was sent: <Elapsed operation={operation} />
            <AgainstRto operation={operation} rtoMinutes={progress.rtoTargetMinutes} />
          </p>
          {(operation.state === 'dispatched' || operation.state === 'running') &&
          typeof operation.upstreamAnswer?.status === 'number' ? (
            <p className="text-sm">
              The upstream accepted it (HTTP {operation.upstreamAnswer.status}); the receipt follows when it
              ends.
            </p>
          ) : null}
        </div>
        {operation.state === 'unknown' ? (
          <p className="max-w-prose text-sm">
            The upstream&apos;s answer was lost. Lifeboat reads the plan upstream until it shows what
            happened; it never sends the action again. Start a new request only after this one is settled.
          </p>
        ) : null}
        <DecisionPanel operation={operation} user={user} />
      </section>

      {progress.vms.length > 0 ? (
        <DetailSection headingId="vm-progress-heading" title="Progress per VM">
          <VmProgressTable vms={progress.vms} />
        </DetailSection>
      ) : null}

      <SummarySection>
        <DetailField label="State">
          <OperationStateBadge state={operation.state} />
        </DetailField>
        <DetailField label="Action">
          {planActionDisplay[operation.action]?.label ?? operation.action}
        </DetailField>
        <DetailField label="Plan">
          <Link to={planPath(operation.planId)} className="font-medium text-sky-900 underline">
            {operation.planName}
          </Link>
        </DetailField>
        <DetailField label="Source">{sourceName(operation.source)}</DetailField>
        <DetailField label="Parameters">
          <Parameters params={operation.params} />
        </DetailField>
        <DetailField label="Reason">
          <span className="whitespace-pre-wrap">{operation.reason}</span>
        </DetailField>
        <DetailField label="Ticket">
          <TextValue value={operation.ticket} />
        </DetailField>
        <DetailField label="Requested by">{operation.requestedBy}</DetailField>
        <DetailField label="Requested at">
          <Time iso={operation.requestedAt} />
        </DetailField>
        <DetailField label="Decided by">
          {operation.decidedBy ? (
            <>
              {operation.decidedBy}, <Time iso={operation.decidedAt} />
              {operation.decisionReason ? (
                <span className="block text-sm text-slate-700">Reason: {operation.decisionReason}</span>
              ) : null}
            </>
          ) : operation.state === 'awaiting_approval' ? (
            'Not yet'
          ) : (
            <Missing label="no one: no approval was required" />
          )}
        </DetailField>
        <DetailField label="Sent at">
          <Time iso={operation.dispatchedAt} />
        </DetailField>
        <DetailField label="Finished at">
          <Time iso={operation.finishedAt} />
        </DetailField>
      </SummarySection>

      {finished ? (
        <DetailSection headingId="receipt-heading" title="Receipt">
          <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2">
            <DetailField label="Outcome">
              <span className="flex flex-wrap items-center gap-2">
                <OperationStateBadge state={operation.state} />
                <TextValue value={operation.message} />
              </span>
            </DetailField>
            <DetailField label="Upstream answer">
              <UpstreamAnswer answer={operation.upstreamAnswer} />
            </DetailField>
            <DetailField label="Took">
              <Elapsed operation={operation} />
            </DetailField>
            <DetailField label="Operation id">
              <CodeValue value={operation.id} />
            </DetailField>
          </dl>
        </DetailSection>
      ) : null}
    </>
  );
}

/** One operation: where it stands (live), what was asked and by whom, the decision, the receipt. */
export function OperationDetail({
  id,
  user,
  planPath,
  sourceName = (sourceId) => sourceId,
}: {
  id: string;
  user: User;
  planPath: (id: string) => string;
  sourceName?: (id: string) => string;
}) {
  const query = useOperation({ id });
  return (
    <DetailFrame
      id={id}
      query={query}
      noun="operation"
      listPath="/operations"
      listLabel="operations"
      title={operationTitle}
    >
      {(operation) => (
        <OperationView operation={operation} user={user} planPath={planPath} sourceName={sourceName} />
      )}
    </DetailFrame>
  );
}
