import type { ReactNode } from 'react';
import { Missing } from './values.tsx';

/** One labelled value of a detail page's description list (`<dl>`). */
export function DetailField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 border-b border-slate-200 py-2 last:border-b-0 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** The upstream's own word for a normalized value, beside it. */
export function NativeValue({ value }: { value: string | null }) {
  return (
    <span className="text-sm text-slate-700">
      upstream value:{' '}
      {value === null ? <Missing /> : <code className="rounded bg-slate-100 px-1 break-all">{value}</code>}
    </span>
  );
}

/** A normalized value (its badge) with the upstream's own word for it beside it. */
export function WithNativeValue({ native, children }: { native: string | null; children: ReactNode }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      {children}
      <NativeValue value={native} />
    </span>
  );
}

/** Upstream text as text, or the "none" dash. */
export function TextValue({ value }: { value: string | null | undefined }) {
  return value === null || value === undefined || value === '' ? <Missing /> : <>{value}</>;
}

/** An identifier, shown as code so it reads exactly. */
export function CodeValue({ value }: { value: string | null | undefined }) {
  return value === null || value === undefined || value === '' ? (
    <Missing />
  ) : (
    <code className="break-all">{value}</code>
  );
}

/** A yes/no the upstream may not have given. */
export function YesNo({
  value,
  yes = 'Yes',
  no = 'No',
}: {
  value: boolean | null | undefined;
  yes?: string;
  no?: string;
}) {
  if (value === null || value === undefined) return <Missing label="unknown" />;
  return <>{value ? yes : no}</>;
}
