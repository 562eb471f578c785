import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

/**
 * A text input whose value lives in the URL: it commits after a pause in typing (replacing the
 * history entry) or at once on Enter. It follows the URL when that changes from elsewhere.
 */
export function TextFilter({
  label,
  value,
  onCommit,
  placeholder,
  type = 'search',
  delayMs = 400,
  maxLength = 200,
  className = 'w-64',
}: {
  label: string;
  value: string;
  onCommit: (value: string, options: { replace: boolean }) => void;
  placeholder?: string;
  type?: 'search' | 'text';
  delayMs?: number;
  maxLength?: number;
  className?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onCommitRef = useRef(onCommit);

  useEffect(() => {
    onCommitRef.current = onCommit;
  }, [onCommit]);

  useEffect(() => {
    if (value !== committed.current) {
      // Changed elsewhere (Back, Clear filters): follow it and drop any pending commit.
      clearTimeout(timer.current);
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(next: string, replace: boolean) {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed === committed.current) return;
    committed.current = trimmed;
    onCommitRef.current(trimmed, { replace });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    commit(text, false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type={type}
        value={text}
        maxLength={maxLength}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next, true), delayMs);
        }}
        className={`rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm placeholder:text-slate-500 ${className}`}
      />
    </form>
  );
}
