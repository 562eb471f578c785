import type { ReactNode } from 'react';

export type IconName =
  | 'check'
  | 'x'
  | 'alert'
  | 'alert-circle'
  | 'question'
  | 'minus'
  | 'clock'
  | 'play'
  | 'stop'
  | 'spinner'
  | 'arrow-up'
  | 'arrow-down'
  | 'arrows'
  | 'pause'
  | 'lock'
  | 'forward'
  | 'back'
  | 'signal';

const paths: Record<IconName, ReactNode> = {
  check: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="m8 12 3 3 5-6" />
    </>
  ),
  x: (
    <>
      <path d="M8.5 3h7L21 8.5v7L15.5 21h-7L3 15.5v-7z" />
      <path d="m9 9 6 6m0-6-6 6" />
    </>
  ),
  alert: (
    <>
      <path d="M12 3 2 20h20z" />
      <path d="M12 10v4m0 3v.01" />
    </>
  ),
  'alert-circle': (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v6m0 3v.01" />
    </>
  ),
  question: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6m0 3v.01" />
    </>
  ),
  minus: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12h8" />
    </>
  ),
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  play: <path d="M7 4v16l13-8z" />,
  stop: <rect x="5" y="5" width="14" height="14" rx="1" />,
  spinner: <path d="M12 3a9 9 0 1 0 9 9" />,
  'arrow-up': <path d="M12 19V5m-6 6 6-6 6 6" />,
  'arrow-down': <path d="M12 5v14m6-6-6 6-6-6" />,
  arrows: <path d="m8 9 4-4 4 4m0 6-4 4-4-4" />,
  pause: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M10 9v6m4-6v6" />
    </>
  ),
  lock: (
    <>
      <rect x="5" y="11" width="14" height="10" rx="1" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </>
  ),
  forward: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12h8m-3-3 3 3-3 3" />
    </>
  ),
  back: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M16 12H8m3-3-3 3 3 3" />
    </>
  ),
  signal: (
    <>
      <circle cx="12" cy="12" r="2" />
      <path d="M7.8 7.8a6 6 0 0 0 0 8.4m8.4 0a6 6 0 0 0 0-8.4" />
    </>
  ),
};

/** A decorative icon: the text beside it carries the meaning (never colour or shape alone). */
export function Icon({ name, className = 'size-4' }: { name: IconName; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={`shrink-0 ${className}`}
    >
      {paths[name]}
    </svg>
  );
}
