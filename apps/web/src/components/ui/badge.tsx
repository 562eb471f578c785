import { Icon, type IconName } from './icons.tsx';

export type Tone = 'ok' | 'info' | 'warn' | 'severe' | 'bad' | 'neutral';

const toneClasses: Record<Tone, string> = {
  ok: 'bg-emerald-50 text-emerald-900 ring-emerald-700/40',
  info: 'bg-sky-50 text-sky-900 ring-sky-700/40',
  warn: 'bg-amber-50 text-amber-950 ring-amber-700/50',
  severe: 'bg-orange-100 text-orange-950 ring-orange-800/50',
  bad: 'bg-red-100 text-red-950 ring-red-800/60',
  neutral: 'bg-slate-100 text-slate-800 ring-slate-500/40',
};

/** A status shown as icon + words + colour; the words alone carry the meaning. */
export function Badge({
  tone,
  icon,
  label,
  title,
  iconClassName,
}: {
  tone: Tone;
  icon: IconName;
  label: string;
  title?: string;
  iconClassName?: string;
}) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${toneClasses[tone]}`}
      title={title}
    >
      <Icon name={icon} className={iconClassName ?? 'size-3.5'} />
      {label}
    </span>
  );
}
