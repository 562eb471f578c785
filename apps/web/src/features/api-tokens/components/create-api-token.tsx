import type { Role } from '@lifeboat/shared';
import { useId, useState } from 'react';
import { CredentialForm, Field } from '../../../components/ui/credential-form.tsx';
import { ShownOnce } from '../../../components/ui/shown-once.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { useCreateApiToken } from '../api/create-api-token.ts';
import { API_TOKEN_MAX_DAYS, dayAfter, DEFAULT_DAYS, expiryBounds, parseExpiryDate } from './expiry-date.ts';
import { roleLabels } from './role-labels.ts';

/**
 * The secret of a token just created, shown this once (Lifeboat keeps only its hash), with a
 * request to try it. The example reads the secret from a variable, so it stays out of shell history.
 */
export function ApiTokenCreated({
  name,
  secret,
  origin,
  onDone,
}: {
  name: string;
  secret: string;
  origin: string;
  onDone: () => void;
}) {
  return (
    <ShownOnce
      title={`API token “${name}” created: copy its secret now`}
      label="Secret"
      value={secret}
      onDone={onDone}
      warning="This secret is shown only now; it will not be shown again. Keep it where your script keeps its credentials. Anyone who has it can act with the token's role until it expires or you revoke it."
    >
      <div className="flex flex-col gap-1 text-sm">
        <p>With the secret in LIFEBOAT_TOKEN, a script lists the plans so:</p>
        <code className="block rounded-md bg-white px-2.5 py-1.5 font-mono break-all ring-1 ring-slate-300 ring-inset">
          {`curl -H "Authorization: Bearer $LIFEBOAT_TOKEN" ${origin}${apiUrl('/plans')}`}
        </code>
      </div>
    </ShownOnce>
  );
}

/** Name a new token, pick its role and its last day; then show its secret once. */
export function CreateApiToken() {
  const id = useId();
  // The day the form opened: the bounds and the default follow it (submitting checks the real now).
  const [today] = useState(() => new Date());
  const defaultExpiry = dayAfter(today, DEFAULT_DAYS);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expiry, setExpiry] = useState(defaultExpiry);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateApiToken();

  if (create.data) {
    return (
      <ApiTokenCreated
        name={create.data.token.name}
        secret={create.data.secret}
        origin={window.location.origin}
        // Forgets the secret: it cannot be shown again.
        onDone={() => create.reset()}
      />
    );
  }

  function onSubmit() {
    const expiresAt = parseExpiryDate(expiry, new Date());
    if ('problem' in expiresAt) {
      setProblem(expiresAt.problem);
      return;
    }
    setProblem(null);
    create.mutate(
      { name: name.trim(), role, expiresAt: expiresAt.iso },
      {
        onSuccess: () => {
          setName('');
          setRole('viewer');
          setExpiry(defaultExpiry);
        },
      },
    );
  }

  const { min, max } = expiryBounds(today);
  return (
    <CredentialForm
      title="New API token"
      name={name}
      onNameChange={setName}
      namePlaceholder="e.g. Nightly DR report"
      fields={
        <>
          <Field id={`${id}-role`} label="Role">
            <select
              id={`${id}-role`}
              value={role}
              aria-describedby={`${id}-role-hint`}
              onChange={(event) => setRole(event.target.value as Role)}
              className="rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
            >
              {Object.entries(roleLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-expiry`} label="Expires on">
            <input
              id={`${id}-expiry`}
              type="date"
              required
              min={min}
              max={max}
              aria-describedby={`${id}-expiry-hint`}
              value={expiry}
              onChange={(event) => setExpiry(event.target.value)}
              className="rounded-md border border-slate-400 px-2.5 py-1.5 text-sm"
            />
          </Field>
        </>
      }
      submitLabel="Create token"
      pending={create.isPending}
      problem={problem}
      error={create.error}
      onSubmit={onSubmit}
    >
      <p id={`${id}-role-hint`} className="text-sm text-slate-700">
        The token acts with exactly this role, whatever your own roles: give a script only what it needs.
      </p>
      <p id={`${id}-expiry-hint`} className="text-sm text-slate-700">
        It stops working at the start of that day (your time), at most {API_TOKEN_MAX_DAYS} days from today.
      </p>
    </CredentialForm>
  );
}
