import { useId, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../lib/api-client.ts';
import { Button } from './button.tsx';

/** A control with its label above it, as the fields of a credential form stand. */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * The form that creates a kiosk link or an API token: a titled box with the name first, the
 * kind's own fields after it, then the submit button, the hints (`children`) below, and an alert
 * saying why the last try failed.
 */
export function CredentialForm({
  title,
  name,
  onNameChange,
  namePlaceholder,
  fields,
  submitLabel,
  pending,
  problem,
  error,
  onSubmit,
  children,
}: {
  title: string;
  name: string;
  onNameChange: (name: string) => void;
  namePlaceholder: string;
  /** The kind's own fields, between the name and the submit button. */
  fields: ReactNode;
  submitLabel: string;
  pending: boolean;
  /** Why the form itself refused the input, or null; shown rather than `error`. */
  problem: string | null;
  /** Why the last creation failed, or null. */
  error: unknown;
  /** Called on submit, unless a creation is already under way. */
  onSubmit: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  const message = problem ?? (error ? errorMessage(error) : null);
  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      className="flex max-w-3xl flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field id={`${id}-name`} label="Name">
          <input
            id={`${id}-name`}
            required
            maxLength={100}
            placeholder={namePlaceholder}
            value={name}
            onChange={(event) => onNameChange(event.target.value)}
            className="w-72 rounded-md border border-slate-400 px-2.5 py-1.5 text-sm"
          />
        </Field>
        {fields}
        <Button type="submit" variant="primary" aria-disabled={pending}>
          {pending ? 'Creating…' : submitLabel}
        </Button>
      </div>
      {children}
      <div role="alert">
        {message ? (
          <p className="rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm text-red-950">
            {message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
