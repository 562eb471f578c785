import { formatDateTime, formatUtc } from '../../lib/format.ts';

/** An instant in the reader's time zone (named), with UTC on hover and the ISO value in `dateTime`. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <Missing />;
  return (
    <time dateTime={iso} title={formatUtc(iso)} className="whitespace-nowrap tabular-nums">
      {formatDateTime(iso)}
    </time>
  );
}

/** A value the upstream did not give: a dash that screen readers read as "none". */
export function Missing({ label = 'none' }: { label?: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-slate-400">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}

/** Upstream text, as plain text, cut to one line with the whole value in the title. */
export function Truncated({
  text,
  className = 'max-w-64',
}: {
  text: string | null | undefined;
  className?: string;
}) {
  if (text === null || text === undefined || text === '') return <Missing />;
  return (
    <span className={`block truncate ${className}`} title={text}>
      {text}
    </span>
  );
}
