import { Missing } from './values.tsx';

/** Progress of a run as a native <progress> (no inline style) and the percentage in words. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  if (value === null || !Number.isFinite(value)) return <Missing label="progress not reported" />;
  const percent = Math.min(100, Math.max(0, Math.round(value)));
  return (
    <span className="inline-flex items-center gap-2">
      <progress
        max={100}
        value={percent}
        aria-label={label}
        className="h-2 w-28 overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-sky-700 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-sky-700"
      />
      <span className="text-sm whitespace-nowrap tabular-nums">{percent} %</span>
    </span>
  );
}
