import type { Operation, User } from '@lifeboat/shared';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { useDecideOperation, type Decision } from '../api/decide-operation.ts';

/** Whether this user may approve or reject this operation now: an approver who did not ask for it. */
export function canDecide(operation: Operation, user: User): boolean {
  return (
    operation.state === 'awaiting_approval' &&
    user.roles.includes('approver') &&
    user.username !== operation.requestedBy
  );
}

/** Approve / Reject with an optional reason, for an approver who is not the requester. */
function DecisionForm({ operation }: { operation: Operation }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const decide = useDecideOperation(operation.id);
  const pending = decide.isPending || decide.isSuccess;
  const run = (decision: Decision) => {
    if (!pending) decide.mutate({ decision, reason });
  };
  const error = decide.error;
  return (
    <div className="flex max-w-2xl flex-col gap-3">
      <p>
        <strong>{operation.requestedBy}</strong> asks for this; as an approver you may let it run or turn it
        down. Read the reason and the parameters first.
      </p>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-reason`} className="text-sm font-medium text-slate-800">
          Your reason (optional)
        </label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          maxLength={1000}
          rows={2}
          onChange={(event) => setReason(event.target.value)}
          className="rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button variant="primary" disabled={pending} onClick={() => run('approve')}>
          {decide.isPending && decide.variables.decision === 'approve' ? 'Approving…' : 'Approve'}
        </Button>
        <Button disabled={pending} onClick={() => run('reject')}>
          {decide.isPending && decide.variables.decision === 'reject' ? 'Rejecting…' : 'Reject'}
        </Button>
      </div>
      {error ? (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-950">
          <p className="font-semibold">Not recorded</p>
          <p className="break-words">{errorMessage(error)}</p>
          {isApiError(error) && error.requestId ? (
            <p className="text-xs text-red-900">Request id: {error.requestId}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * What an operation awaiting approval asks of this user: the decision for an approver who is not
 * the requester, otherwise who it waits for. Renders nothing once it is decided.
 */
export function DecisionPanel({ operation, user }: { operation: Operation; user: User }) {
  if (operation.state !== 'awaiting_approval') return null;
  if (canDecide(operation, user)) return <DecisionForm operation={operation} />;
  return (
    <p className="max-w-prose">
      {user.username === operation.requestedBy
        ? 'You asked for this. A second person with the approver role must approve it before it runs; you cannot approve your own request.'
        : 'It waits for a person with the approver role (not the requester) to approve or reject it.'}
    </p>
  );
}
