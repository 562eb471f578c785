import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost';

const variants: Record<Variant, string> = {
  primary: 'bg-sky-800 text-white hover:bg-sky-900 disabled:bg-slate-400',
  secondary:
    'bg-white text-slate-900 ring-1 ring-inset ring-slate-400 hover:bg-slate-100 disabled:text-slate-400 disabled:ring-slate-200',
  ghost: 'text-sky-900 hover:bg-sky-50 disabled:text-slate-400',
};

export function Button({
  variant = 'secondary',
  className = '',
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed ${variants[variant]} ${className}`}
      {...props}
    />
  );
}
