import { useId, useState } from 'react';
import { applyTheme, storedTheme, type ThemeChoice } from '../../lib/theme.ts';

const choices: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'As the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark, or as the operating system says; remembered in this browser. */
export function ThemeSwitch() {
  const id = useId();
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <span className="flex items-center gap-2 text-sm">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          setChoice(next);
          applyTheme(next);
        }}
        className="rounded-md border border-slate-500 bg-slate-800 px-2 py-1 text-sm text-white"
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </span>
  );
}
