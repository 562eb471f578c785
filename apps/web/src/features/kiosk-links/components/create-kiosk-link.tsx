import { useId, useState } from 'react';
import { CredentialForm, Field } from '../../../components/ui/credential-form.tsx';
import { ShownOnce } from '../../../components/ui/shown-once.tsx';
import { kioskUrl, useCreateKioskLink } from '../api/create-kiosk-link.ts';

/**
 * The address of a link just created, shown this once: it holds the token, which Lifeboat keeps
 * only as a hash and cannot show again.
 */
export function KioskLinkCreated({ name, url, onDone }: { name: string; url: string; onDone: () => void }) {
  return (
    <ShownOnce
      title={`Kiosk link “${name}” created: copy its address now`}
      label="Kiosk address"
      value={url}
      onDone={onDone}
      warning="This address is shown only now; it will not be shown again. Open it on the wall display. Anyone who has it can watch the dashboard (read-only) until the link expires or you revoke it."
    />
  );
}

/** The datetime-local value as an ISO time, or why it cannot be the expiry. */
function parseExpiry(value: string, now: number): { iso: string } | { problem: string } | null {
  if (value === '') return null;
  const at = new Date(value).getTime();
  if (!Number.isFinite(at)) return { problem: 'Enter the expiry as a date and time.' };
  if (at <= now) return { problem: 'The expiry must lie in the future, or be left empty.' };
  return { iso: new Date(at).toISOString() };
}

/** Name a new kiosk link and, if it should stop by itself, when; then show its address once. */
export function CreateKioskLink() {
  const id = useId();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateKioskLink();

  if (create.data) {
    return (
      <KioskLinkCreated
        name={create.data.link.name}
        url={kioskUrl(window.location.origin, create.data.token)}
        // Forgets the token: the address cannot be shown again.
        onDone={() => create.reset()}
      />
    );
  }

  function onSubmit() {
    const expiresAt = parseExpiry(expiry, Date.now());
    if (expiresAt && 'problem' in expiresAt) {
      setProblem(expiresAt.problem);
      return;
    }
    setProblem(null);
    create.mutate(
      { name: name.trim(), ...(expiresAt ? { expiresAt: expiresAt.iso } : {}) },
      {
        onSuccess: () => {
          setName('');
          setExpiry('');
        },
      },
    );
  }

  return (
    <CredentialForm
      title="New kiosk link"
      name={name}
      onNameChange={setName}
      namePlaceholder="e.g. NOC wall, left screen"
      fields={
        <Field id={`${id}-expiry`} label="Expires (optional)">
          <input
            id={`${id}-expiry`}
            type="datetime-local"
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
            className="rounded-md border border-slate-400 px-2.5 py-1.5 text-sm"
          />
        </Field>
      }
      submitLabel="Create link"
      pending={create.isPending}
      problem={problem}
      error={create.error}
      onSubmit={onSubmit}
    >
      <p className="text-sm text-slate-700">
        Without an expiry the link works until you revoke it. A display signed in with it sees everything a
        viewer sees, and never signs out by itself.
      </p>
    </CredentialForm>
  );
}
