import { useState } from 'react';
import { errorMessage } from '../../lib/api-client.ts';
import { Button } from './button.tsx';
import { Missing } from './values.tsx';

/** Revoke, behind a confirmation that says what it does; a dash once revoked. */
export function RevokeControl({
  name,
  revoked,
  consequence,
  pending,
  error,
  onRevoke,
}: {
  name: string;
  revoked: boolean;
  /** What revoking does, asked after "Revoke “name”?". */
  consequence: string;
  pending: boolean;
  /** Why the last attempt failed, or null. */
  error: unknown;
  /** Revokes, and calls `done` once it has, which closes the confirmation. */
  onRevoke: (done: () => void) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  if (revoked) return <Missing label="revoked" />;
  if (!confirming)
    return (
      <Button onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  return (
    <div className="flex max-w-72 flex-col gap-2">
      <p className="text-sm">
        Revoke “{name}”? {consequence}
      </p>
      <div className="flex gap-2">
        <Button variant="primary" disabled={pending} onClick={() => onRevoke(() => setConfirming(false))}>
          {pending ? 'Revoking…' : 'Yes, revoke'}
        </Button>
        <Button disabled={pending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      <div role="alert">{error ? <p className="text-sm text-red-900">{errorMessage(error)}</p> : null}</div>
    </div>
  );
}
