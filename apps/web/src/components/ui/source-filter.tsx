import { SelectFilter, type Option } from './select-filter.tsx';

/**
 * "Source": narrows a list to one configured source. Shown when there is a choice to make, or when
 * the URL already filters by a source (even one no longer configured, so it can be cleared).
 */
export function SourceFilter({
  value,
  options,
  onChange,
}: {
  value: string | undefined;
  options: readonly Option[];
  onChange: (value: string | undefined) => void;
}) {
  if (options.length <= 1 && value === undefined) return null;
  const known = value === undefined || options.some((option) => option.value === value);
  return (
    <SelectFilter
      label="Source"
      anyLabel="Any source"
      value={value}
      options={known ? options : [...options, { value, label: value }]}
      onChange={onChange}
    />
  );
}
