import type { OverallStatus } from '@lifeboat/shared';
import type { Tone } from '../../../components/ui/badge.tsx';
import type { IconName } from '../../../components/ui/icons.tsx';

/** How a state shows on the wall: an icon (its outline differs by severity), a word and a tone. */
export interface Look {
  label: string;
  tone: Tone;
  icon: IconName;
}

/**
 * Type scaled to the viewport: the same layout at 1920x1080 and 3840x2160 (both 16:9), with a
 * floor for smaller windows and a ceiling for larger ones.
 */
export const typeScale = {
  small: 'text-[length:clamp(0.75rem,1vw,2.5rem)]',
  body: 'text-[length:clamp(0.85rem,1.2vw,3rem)]',
  title: 'text-[length:clamp(1rem,1.45vw,3.6rem)]',
  state: 'text-[length:clamp(1.2rem,1.9vw,4.75rem)]',
  count: 'text-[length:clamp(1.3rem,2.3vw,5.75rem)]',
  hero: 'text-[length:clamp(2.25rem,4.5vw,11.25rem)]',
} as const;

export const iconSize = {
  small: 'size-[max(0.9rem,1.1vw)]',
  state: 'size-[max(1.3rem,2vw)]',
  hero: 'size-[max(2.25rem,4vw)]',
} as const;

/**
 * Each tone has its own border pattern as well as its colour, so states differ in shape too:
 * solid for fine or informative, dashed for needs attention soon, double for needs attention now,
 * dotted for not known or off. `quiet` is a count of zero: nothing to see there.
 */
export const frames: Record<Tone | 'quiet' | 'plain', string> = {
  ok: 'border-solid border-emerald-400 bg-emerald-950 text-emerald-50',
  info: 'border-solid border-sky-400 bg-sky-950 text-sky-50',
  warn: 'border-dashed border-amber-300 bg-amber-950 text-amber-50',
  severe: 'border-dashed border-orange-400 bg-orange-950 text-orange-50',
  bad: 'border-double border-red-400 bg-red-950 text-red-50',
  neutral: 'border-dotted border-slate-300 bg-slate-800 text-slate-50',
  quiet: 'border-solid border-slate-700 bg-slate-900 text-slate-300',
  plain: 'border-solid border-slate-600 bg-slate-900 text-slate-50',
};

export const frameWidth = 'border-[length:max(3px,0.22vw)]';

export const overallLook: Record<OverallStatus, Look & { summary: string }> = {
  ok: { label: 'OK', tone: 'ok', icon: 'check', summary: 'Nothing needs attention.' },
  warning: { label: 'Warning', tone: 'warn', icon: 'alert', summary: 'Something needs attention soon.' },
  critical: { label: 'Critical', tone: 'bad', icon: 'x', summary: 'Something needs attention now.' },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    icon: 'question',
    summary: 'Lifeboat does not have the data to say.',
  },
};

/** The same item is named by its name, or with `hideNames` by a neutral label such as "Plan 3". */
export function shownName(name: string, neutral: string, index: number, hideNames: boolean): string {
  return hideNames ? `${neutral} ${index + 1}` : name;
}
