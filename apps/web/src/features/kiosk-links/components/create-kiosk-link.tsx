import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { kioskUrl, useCreateKioskLink } from '../api/create-kiosk-link.ts';

/**
 * The address of a link just created, shown this once: it holds the token, which Lifeboat keeps
 * only as a hash and cannot show again.
 */
export function KioskLinkCreated({ name, url, onDone }: { name: string; url: string; onDone: () => void }) {
  const fieldId = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    // Started inside a promise, so a browser without a clipboard API lands in the failure branch too.
    void Promise.resolve()
      .then(() => navigator.clipboard.writeText(url))
      .then(
        () => setCopied('yes'),
        () => setCopied('failed'),
      );
  };
  return (
    <section
      aria-labelledby={`${fieldId}-title`}
      className="flex max-w-3xl flex-col gap-3 rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950"
    >
      <h2 id={`${fieldId}-title`} className="flex items-center gap-2 text-lg font-semibold">
        <Icon name="alert" className="size-5" />
        Kiosk link “{name}” created: copy its address now
      </h2>
      <p className="text-sm">
        This address is shown only now; it will not be shown again. Open it on the wall display. Anyone who
        has it can watch the dashboard (read-only) until the link expires or you revoke it.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={fieldId} className="text-sm font-medium">
            Kiosk address
          </label>
          <input
            id={fieldId}
            readOnly
            value={url}
            onFocus={(event) => event.target.select()}
            className="rounded-md border border-slate-400 bg-white px-2.5 py-1.5 font-mono text-sm"
          />
        </div>
        <Button variant="primary" onClick={copy}>
          Copy
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Could not copy; select the address and copy it yourself.'
            : ''}
      </p>
    </section>
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

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
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

  const error = problem ?? (create.isError ? errorMessage(create.error) : null);
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby={`${id}-title`}
      className="flex max-w-3xl flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        New kiosk link
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-name`} className="text-sm font-medium">
            Name
          </label>
          <input
            id={`${id}-name`}
            required
            maxLength={100}
            placeholder="e.g. NOC wall, left screen"
            value={name}
            onChange={(event) => setName(event.target.value)}
            className="w-72 rounded-md border border-slate-400 px-2.5 py-1.5 text-sm"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-expiry`} className="text-sm font-medium">
            Expires (optional)
          </label>
          <input
            id={`${id}-expiry`}
            type="datetime-local"
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
            className="rounded-md border border-slate-400 px-2.5 py-1.5 text-sm"
          />
        </div>
        <Button type="submit" variant="primary" aria-disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create link'}
        </Button>
      </div>
      <p className="text-sm text-slate-700">
        Without an expiry the link works until you revoke it. A display signed in with it sees everything a
        viewer sees, and never signs out by itself.
      </p>
      <div role="alert">
        {error ? (
          <p className="rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm text-red-950">{error}</p>
        ) : null}
      </div>
    </form>
  );
}
