import { useId } from 'react';
import type { ListStateControls } from '../../lib/use-list-state.ts';

export interface Option {
  value: string;
  label: string;
}

/** The options of a filter on a normalized value: each value, labelled as its badge shows it. */
export function displayOptions<V extends string>(
  values: readonly V[],
  display: Readonly<Record<V, { label: string }>>,
): Option[] {
  return values.map((value) => ({ value, label: display[value].label }));
}

/** A labelled <select>; the empty option means "no filter". */
export function SelectFilter({
  label,
  value,
  anyLabel,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly Option[];
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        className="rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A SelectFilter on one of a list's URL filters. */
export function ListSelectFilter<TSort extends string, TFilter extends string>({
  list,
  filter,
  label,
  anyLabel,
  options,
}: {
  list: ListStateControls<TSort, TFilter>;
  filter: TFilter;
  label: string;
  anyLabel: string;
  options: readonly Option[];
}) {
  return (
    <SelectFilter
      label={label}
      anyLabel={anyLabel}
      value={list.state.filters[filter]}
      options={options}
      onChange={(value) => list.setFilter(filter, value)}
    />
  );
}
