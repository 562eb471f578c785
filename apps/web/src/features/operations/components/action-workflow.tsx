import type { ItemEnvelope, Operation, Plan, PlanAction } from '@lifeboat/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { PlanStateBadge } from '../../../components/status/plan-state-badge.tsx';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { DataAge } from '../../../components/ui/data-age.tsx';
import { DetailField, TextValue, WithNativeValue, YesNo } from '../../../components/ui/detail-fields.tsx';
import { DetailSection } from '../../../components/ui/detail-sections.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { formatDateTime, plural } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { operationsQueryKey } from '../api/get-operations.ts';
import { createActionSubmission, type ActionBody } from '../api/request-plan-action.ts';
import { PlanVmRestorePoints } from './plan-vm-restore-points.tsx';
import {
  actionBody,
  blocked,
  confirmationProblems,
  consequences,
  defaultOptions,
  emptyConfirmation,
  localToIso,
  nameMatches,
  optionsProblem,
  preflightChecks,
  REASON_MIN,
  type ActionOptions,
  type Check,
  type Confirmation,
} from './workflow-logic.ts';

const fieldClass = 'rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm';
const labelClass = 'text-sm font-medium text-slate-800';
const hintClass = 'text-xs text-slate-700';

const verdictBadge: Record<Check['verdict'], ReactNode> = {
  ok: <Badge tone="ok" icon="check" label="OK" />,
  warn: <Badge tone="warn" icon="alert" label="Warning" />,
  fail: <Badge tone="bad" icon="x" label="Stops the action" />,
};

function CheckList({ checks }: { checks: readonly Check[] }) {
  return (
    <ul className="flex flex-col gap-2" aria-label="Pre-flight checks">
      {checks.map((check) => (
        <li key={check.label} className="flex flex-wrap items-start gap-x-2 gap-y-1">
          {verdictBadge[check.verdict]}
          <span>
            <span className="font-medium">{check.label}</span>
            {check.detail ? <span className="block text-sm text-slate-700">{check.detail}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Bullets({ items }: { items: readonly string[] }) {
  return (
    <ul className="ml-5 list-disc space-y-1">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** The choices an action takes: the restore point and chained plans (failover), VM tags (failback). */
function OptionsFields({
  action,
  options,
  onChange,
}: {
  action: PlanAction;
  options: ActionOptions;
  onChange: (next: ActionOptions) => void;
}) {
  const id = useId();
  if (action === 'failover') {
    return (
      <div className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-1.5">
          <legend className={labelClass}>Restore point</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-rp`}
              checked={options.restorePoint === 'latest'}
              onChange={() => onChange({ ...options, restorePoint: 'latest' })}
            />
            The latest restore point of each VM
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-rp`}
              checked={options.restorePoint === 'before'}
              onChange={() => onChange({ ...options, restorePoint: 'before' })}
            />
            The latest restore point before a date and time (e.g. before an infection)
          </label>
          {options.restorePoint === 'before' ? (
            <div className="ml-6 flex flex-col gap-1">
              <label htmlFor={`${id}-before`} className={labelClass}>
                Before (your local time)
              </label>
              <input
                id={`${id}-before`}
                type="datetime-local"
                step={60}
                value={options.before}
                onChange={(event) => onChange({ ...options, before: event.target.value })}
                className={`${fieldClass} w-64`}
                aria-describedby={`${id}-before-hint`}
              />
              <p id={`${id}-before-hint`} className={hintClass}>
                {localToIso(options.before)
                  ? `Sent as ${localToIso(options.before)} (UTC).`
                  : 'Each VM starts from its newest restore point older than this.'}
              </p>
            </div>
          ) : null}
        </fieldset>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            checked={options.executeChainedPlans}
            onChange={(event) => onChange({ ...options, executeChainedPlans: event.target.checked })}
          />
          <span>
            Also run the plans chained to this one
            <span className={`block ${hintClass}`}>
              Off: only this plan fails over, even if others are chained after it.
            </span>
          </span>
        </label>
      </div>
    );
  }
  if (action === 'failback') {
    return (
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-1"
          checked={options.failbackRestoreVMTags}
          onChange={(event) => onChange({ ...options, failbackRestoreVMTags: event.target.checked })}
        />
        <span>
          Copy the VMs&apos; tags back to production
          <span className={`block ${hintClass}`}>
            The workloads go back to their original production location.
          </span>
        </span>
      </label>
    );
  }
  return <p className="text-sm text-slate-700">This action takes no options.</p>;
}

/** What will be sent, in words, for the confirmation step. */
function RequestSummary({ action, body, plan }: { action: PlanAction; body: ActionBody; plan: Plan }) {
  return (
    <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2">
      <DetailField label="Action">{planActionDisplay[action].label}</DetailField>
      <DetailField label="Plan">{plan.name}</DetailField>
      {'restorePoint' in body ? (
        <>
          <DetailField label="Restore point">
            {'before' in body.restorePoint
              ? `The latest before ${formatDateTime(body.restorePoint.before)}`
              : 'The latest of each VM'}
          </DetailField>
          <DetailField label="Chained plans">
            <YesNo value={body.executeChainedPlans} yes="Run them too" no="Not run" />
          </DetailField>
        </>
      ) : null}
      {'failbackRestoreVMTags' in body ? (
        <DetailField label="VM tags">
          <YesNo value={body.failbackRestoreVMTags} yes="Copied back to production" no="Not copied" />
        </DetailField>
      ) : null}
    </dl>
  );
}

/** A refusal in the server's own words, with the operation it points to when there is one. */
function Refusal({ error, operationPath }: { error: unknown; operationPath: (id: string) => string }) {
  const api = isApiError(error) ? error : null;
  const message = errorMessage(error);
  const underWay = api?.status === 409 ? api.operationId : null;
  const lost = api?.code === 'network_error' || (api !== null && api.status >= 500);
  const title = lost
    ? 'No answer from Lifeboat'
    : api?.status === 403
      ? 'Refused'
      : api?.status === 409
        ? 'Not possible now'
        : 'Not accepted';
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950">
      <p className="flex items-center gap-2 font-semibold">
        <Icon name="x" className="size-5" />
        {title}
      </p>
      <p className="mt-1 text-sm break-words">{message}</p>
      {lost ? (
        <p className="mt-1 text-sm">
          The request may or may not have arrived. Submitting again is safe: it carries the same key, so it
          cannot run twice.
        </p>
      ) : null}
      {underWay ? (
        <p className="mt-2 text-sm">
          <Link to={operationPath(underWay)} className="font-medium text-sky-900 underline">
            Open the operation under way
          </Link>
        </p>
      ) : null}
      {api?.requestId ? <p className="mt-1 text-xs text-red-900">Request id: {api.requestId}</p> : null}
    </div>
  );
}

/** Step 2: why, the ticket, the password and the plan's name typed exactly. Exported for tests. */
export function ConfirmStep({
  action,
  plan,
  body,
  confirmation,
  onChange,
  onBack,
  onSubmit,
  pending,
  stillAllowed,
  requireApproval,
  error,
  operationPath,
}: {
  action: PlanAction;
  plan: Plan;
  body: ActionBody;
  confirmation: Confirmation;
  onChange: (next: Confirmation) => void;
  onBack: () => void;
  onSubmit: () => void;
  pending: boolean;
  /** Whether the plan (as last read) still allows the action. */
  stillAllowed: boolean;
  /** The server's policy: a second person approves before anything is sent. */
  requireApproval: boolean;
  error: unknown;
  operationPath: (id: string) => string;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Arriving at this step, say so: focus its heading (screen readers read it, keyboards start here).
  useEffect(() => heading.current?.focus(), []);
  const display = planActionDisplay[action];
  const problems = confirmationProblems(confirmation, plan.name);
  const typed = confirmation.typedName;
  const matches = nameMatches(typed, plan.name);
  const disabled = pending || problems.length > 0 || !stillAllowed;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!disabled) onSubmit();
  }

  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-4">
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1} className="text-lg font-semibold">
        Step 2 of 2: Confirm
      </h2>
      <RequestSummary action={action} body={body} plan={plan} />
      <form onSubmit={submit} className="flex max-w-2xl flex-col gap-4" noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-reason`} className={labelClass}>
            Reason (required)
          </label>
          <textarea
            id={`${id}-reason`}
            value={confirmation.reason}
            maxLength={1000}
            rows={3}
            required
            onChange={(event) => onChange({ ...confirmation, reason: event.target.value })}
            className={fieldClass}
            aria-describedby={`${id}-reason-hint`}
          />
          <p id={`${id}-reason-hint`} className={hintClass}>
            Why now, in a sentence; it goes into the audit trail (at least {REASON_MIN} characters).
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-ticket`} className={labelClass}>
            Ticket (optional)
          </label>
          <input
            id={`${id}-ticket`}
            value={confirmation.ticket}
            maxLength={100}
            autoComplete="off"
            onChange={(event) => onChange({ ...confirmation, ticket: event.target.value })}
            className={`${fieldClass} w-64`}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-password`} className={labelClass}>
            Your password
          </label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={confirmation.password}
            maxLength={200}
            required
            onChange={(event) => onChange({ ...confirmation, password: event.target.value })}
            className={`${fieldClass} w-64`}
            aria-describedby={`${id}-password-hint`}
          />
          <p id={`${id}-password-hint`} className={hintClass}>
            Entered again, to show it is really you.
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Type the plan&apos;s name to confirm
          </label>
          <p className="text-sm">
            <code className="rounded bg-slate-100 px-1 break-all">{plan.name}</code>
          </p>
          <input
            id={`${id}-name`}
            value={typed}
            maxLength={600}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onChange({ ...confirmation, typedName: event.target.value })}
            className={`${fieldClass} w-full max-w-xl`}
            aria-invalid={typed !== '' && !matches ? true : undefined}
            aria-describedby={`${id}-name-hint`}
          />
          <p id={`${id}-name-hint`} className={hintClass} aria-live="polite">
            {typed === ''
              ? 'Exactly as shown: letters, case and spaces.'
              : matches
                ? 'The name matches.'
                : 'The name does not match yet.'}
          </p>
        </div>
        {!stillAllowed ? (
          <p role="alert" className="text-sm font-semibold text-red-900">
            The plan no longer allows {display.words}; go back to see why.
          </p>
        ) : null}
        {error ? <Refusal error={error} operationPath={operationPath} /> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={disabled} aria-describedby={`${id}-submit-hint`}>
            {pending ? 'Sending…' : display.button}
          </Button>
          <Button onClick={onBack} disabled={pending}>
            Back
          </Button>
        </div>
        <p id={`${id}-submit-hint`} className={hintClass}>
          {problems.length > 0
            ? problems.join(' ')
            : requireApproval
              ? 'Sent once. It then waits until another person with the approver role approves it; nothing reaches the source before that.'
              : 'Sent once, straight to the source: no second approval is required here.'}
        </p>
      </form>
    </section>
  );
}

/**
 * The workflow of one destructive action on one plan: step 1 checks and explains (pre-flight, the
 * consequences, the options), step 2 takes the reason, ticket, password and the typed plan name,
 * and sends the request once. Then it shows the operation (awaiting approval, or its progress).
 */
export function ActionWorkflow({
  envelope,
  receivedAt,
  action,
  sourceName,
  planPath,
  operationPath,
  requireApproval,
}: {
  envelope: ItemEnvelope<Plan>;
  /** When the plan arrived, in browser ms (TanStack Query's `dataUpdatedAt`). */
  receivedAt: number;
  action: PlanAction;
  sourceName: (id: string) => string;
  planPath: string;
  operationPath: (id: string) => string;
  requireApproval: boolean;
}) {
  const plan = envelope.item;
  const display = planActionDisplay[action];
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  // One intended action, one idempotency key: made as the workflow opens, reused by every retry.
  const [submission] = useState(() => createActionSubmission(plan.id, action));
  const [step, setStep] = useState<'check' | 'confirm'>('check');
  const [options, setOptions] = useState<ActionOptions>(defaultOptions);
  const [confirmation, setConfirmation] = useState<Confirmation>(emptyConfirmation);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const cameBack = useRef(false);
  useEffect(() => {
    if (step === 'check' && cameBack.current) checkHeading.current?.focus();
  }, [step]);

  const mutation = useMutation({
    mutationFn: (body: ActionBody) => submission.submit(body),
    onSuccess: (operation: Operation) => {
      void queryClient.invalidateQueries({ queryKey: operationsQueryKey });
      void navigate(operationPath(operation.id), { replace: true });
    },
  });

  const source = envelope.sources.find((s) => s.id === plan.ref.source);
  const elapsedSeconds = receivedAt > 0 ? Math.max(0, (now - receivedAt) / 1000) : 0;
  const checks = preflightChecks(plan, action, {
    status: source,
    envelopeAsOf: envelope.asOf,
    elapsedSeconds,
    name: sourceName(plan.ref.source),
  });
  const stop = blocked(checks);
  const words = consequences(action, plan);
  const optionsIssue = optionsProblem(action, options);
  const body = actionBody(action, options, confirmation);

  return (
    <div className="flex flex-col gap-6">
      <section
        aria-labelledby={`${id}-plan`}
        className="rounded-lg border border-slate-300 bg-white px-4 py-2"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
          <h2 id={`${id}-plan`} className="text-lg font-semibold">
            The plan now
          </h2>
          <DataAge
            sources={source ? [source] : envelope.sources}
            asOf={envelope.asOf}
            receivedAt={receivedAt}
            sourceName={sourceName}
          />
        </div>
        <dl>
          <DetailField label="State">
            <WithNativeValue native={plan.nativeState}>
              <PlanStateBadge state={plan.state} />
            </WithNativeValue>
          </DetailField>
          <DetailField label="Source">{sourceName(plan.ref.source)}</DetailField>
          <DetailField label="Type">
            <TextValue value={plan.planType} />
          </DetailField>
        </dl>
      </section>

      {step === 'check' ? (
        <section aria-labelledby={`${id}-check`} className="flex flex-col gap-4">
          <h2 id={`${id}-check`} ref={checkHeading} tabIndex={-1} className="text-lg font-semibold">
            Step 1 of 2: Check before you act
          </h2>
          <CheckList checks={checks} />

          <DetailSection headingId={`${id}-happens`} title="What will happen">
            <Bullets
              items={[
                ...(requireApproval
                  ? [
                      'Your request waits for another person with the approver role; only their approval sends it to the source.',
                    ]
                  : []),
                ...words.happens,
              ]}
            />
          </DetailSection>
          <DetailSection headingId={`${id}-final`} title="What cannot be undone">
            <div className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950">
              <Bullets items={words.final} />
            </div>
          </DetailSection>

          <DetailSection headingId={`${id}-vms`} title="VMs this affects">
            {action === 'failover' ? (
              <PlanVmRestorePoints
                plan={plan}
                before={options.restorePoint === 'before' ? localToIso(options.before) : null}
              />
            ) : plan.vms.length === 0 ? (
              <p className="text-sm text-slate-700">
                {plan.vmCount === null
                  ? 'The source listed no VMs for this plan.'
                  : `This plan has ${plural(plan.vmCount, 'VM')}; the source names them only while the plan runs.`}
              </p>
            ) : (
              <DataTable caption="VMs this affects">
                <thead>
                  <tr>
                    <Th>VM</Th>
                  </tr>
                </thead>
                <tbody>
                  {plan.vms.map((vm, index) => (
                    <tr key={`${vm.nativeId ?? vm.name}-${index}`}>
                      <td className={`${tdClass} break-words`}>{vm.name}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
          </DetailSection>

          <DetailSection headingId={`${id}-options`} title="Options">
            <OptionsFields action={action} options={options} onChange={setOptions} />
          </DetailSection>

          {stop ? (
            <p role="alert" className="font-semibold text-red-900">
              {display.label} cannot be requested now: see the checks above.
            </p>
          ) : null}
          {optionsIssue ? <p className="text-sm text-red-900">{optionsIssue}</p> : null}
          <div className="flex flex-wrap gap-3">
            <Button
              variant="primary"
              disabled={stop || optionsIssue !== null}
              onClick={() => {
                mutation.reset();
                setStep('confirm');
              }}
            >
              Continue
            </Button>
            <Link
              to={planPath}
              className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-sky-900 underline"
            >
              Cancel
            </Link>
          </div>
        </section>
      ) : (
        <ConfirmStep
          action={action}
          plan={plan}
          body={body}
          confirmation={confirmation}
          onChange={setConfirmation}
          onBack={() => {
            cameBack.current = true;
            setStep('check');
          }}
          onSubmit={() => mutation.mutate(body)}
          pending={mutation.isPending || mutation.isSuccess}
          stillAllowed={!stop}
          requireApproval={requireApproval}
          error={mutation.error}
          operationPath={operationPath}
        />
      )}
    </div>
  );
}
