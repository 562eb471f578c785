import { useId, useState, type ReactNode } from 'react';
import { Button } from './button.tsx';
import { Icon } from './icons.tsx';

/**
 * A credential just created, shown this once: Lifeboat keeps only its hash and cannot show it
 * again. A read-only field with Copy, the warning above it, and Done, which must forget the value.
 */
export function ShownOnce({
  title,
  label,
  value,
  warning,
  onDone,
  children,
}: {
  title: string;
  /** The field's label; it also names the value when copying fails. */
  label: string;
  value: string;
  warning: ReactNode;
  onDone: () => void;
  /** Shown under the field, e.g. how to use the value. */
  children?: ReactNode;
}) {
  const fieldId = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    // Started inside a promise, so a browser without a clipboard API lands in the failure branch too.
    void Promise.resolve()
      .then(() => navigator.clipboard.writeText(value))
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
        {title}
      </h2>
      <p className="text-sm">{warning}</p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={fieldId} className="text-sm font-medium">
            {label}
          </label>
          <input
            id={fieldId}
            readOnly
            value={value}
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
            ? `Could not copy; select the ${label.toLowerCase()} and copy it yourself.`
            : ''}
      </p>
      {children}
    </section>
  );
}
